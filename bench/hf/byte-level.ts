/**
 * GPT-2's byte → printable character table, which Hugging Face's ByteLevel pretokenizer and
 * decoder use: printable Latin-1 bytes map to themselves, the other 68 bytes to U+0100 onwards.
 */
export function byteToUnicode(): string[] {
  const table: string[] = new Array(256);
  let next = 256;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    table[b] = String.fromCodePoint(printable ? b : next++);
  }
  return table;
}
