/**
 * GPT-2's byte alphabet (Hugging Face `ByteLevel`, OpenAI's `bytes_to_unicode`): how byte-level
 * vocabularies write arbitrary bytes as printable characters in vocab.json and tokenizer.json.
 * Printable Latin-1 bytes stand for themselves; the other 68 bytes get U+0100 onwards in byte
 * order, so every stand-in is below U+0144. The one copy of the table in toklab.
 */

function isPrintable(b: number): boolean {
  return (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
}

/** Byte → the UTF-16 code of its stand-in character. */
export const BYTE_CHAR: Readonly<Uint16Array> = new Uint16Array(256);

/** UTF-16 code → the byte it stands for, or -1 (indexed below {@link CHAR_BYTE_LIMIT}). */
export const CHAR_BYTE: Readonly<Int16Array> = new Int16Array(0x144).fill(-1);

/** Every stand-in is below this code; {@link CHAR_BYTE} covers exactly that range. */
export const CHAR_BYTE_LIMIT = 0x144;

{
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const c = isPrintable(b) ? b : 256 + extra++;
    (BYTE_CHAR as Uint16Array)[b] = c;
    (CHAR_BYTE as Int16Array)[c] = b;
  }
}

/**
 * The byte a character code stands for, or -1 when it is not in the alphabet.
 *
 * @example
 * byteOfChar(0x120); // 0x20 ("Ġ" is the space)
 */
export function byteOfChar(code: number): number {
  return code < CHAR_BYTE_LIMIT ? CHAR_BYTE[code] : -1;
}

/**
 * Arbitrary bytes (not necessarily valid UTF-8) spelled in the alphabet, one character per byte.
 *
 * @example
 * byteLevelSpelling(new Uint8Array([0x20, 0xc3])); // "ĠÃ"
 */
export function byteLevelSpelling(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(BYTE_CHAR[bytes[i]]);
  return s;
}

/**
 * The bytes a string in the alphabet stands for, or `null` when a character is outside it
 * (then the string is not a byte-level spelling).
 *
 * @example
 * byteLevelBytes("Ġthe"); // Uint8Array [0x20, 0x74, 0x68, 0x65]
 */
export function byteLevelBytes(piece: string): Uint8Array | null {
  const out = new Uint8Array(piece.length);
  for (let i = 0; i < piece.length; i++) {
    const b = byteOfChar(piece.charCodeAt(i));
    if (b < 0) return null;
    out[i] = b;
  }
  return out;
}

/**
 * The 256 bytes in the alphabet's order (by stand-in code): how vocab.json files and the Hugging
 * Face trainer lay out a byte-level base vocabulary.
 *
 * @example
 * byteLevelOrder()[0]; // 0x21 ("!")
 */
export function byteLevelOrder(): number[] {
  return Array.from({ length: 256 }, (_, b) => b).sort((x, y) => BYTE_CHAR[x] - BYTE_CHAR[y]);
}
