/**
 * Where a tokenizer's words begin and end, for the adaptations that join tokens (dynamic merges,
 * multi-word tokens): the pretokenizer's pieces as text, and the rule of Feher et al. (2025)
 * that a joined token holds no space-like character except in a leading run or when it is all
 * whitespace.
 */
import { byteLevelBytes, byteOfChar } from "../core/byte-alphabet.js";
import type { Tokenizer } from "../core/tokenizer.js";

const utf8 = new TextEncoder();
const lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** `^\s*\S*$`: whitespace only at the start (a word with its leading space), or only whitespace. */
const MERGEABLE = /^\s*\S*$/u;

/**
 * Whether `text` may be one joined token: no space-like character after a non-space one (so a
 * token never spans two words), except when the text is all whitespace.
 *
 * @example
 * isMergeableText(" the"); // true
 * isMergeableText("   "); // true
 * isMergeableText("of the"); // false
 */
export function isMergeableText(text: string): boolean {
  return MERGEABLE.test(text);
}

/** {@link isMergeableText} of bytes decoded as UTF-8 (a cut character reads as U+FFFD, not a space). */
export function isMergeableBytes(bytes: Uint8Array): boolean {
  return MERGEABLE.test(lossy.decode(bytes));
}

/**
 * The bytes of one piece of {@link Tokenizer.pretokenize}'s output: byte-level pieces are spelled
 * in GPT-2's byte alphabet, SentencePiece pieces with `▁` for a space.
 *
 * @example
 * pieceBytes(llama3, "Ġworld"); // the bytes of " world"
 */
export function pieceBytes(tok: Tokenizer, piece: string): Uint8Array {
  if (tok.byteScheme === "byte-level") {
    const bytes = byteLevelBytes(piece);
    if (bytes !== null) return bytes;
  }
  if (tok.byteScheme === "sentencepiece") return utf8.encode(piece.replaceAll("\u2581", " "));
  return utf8.encode(piece);
}

/**
 * The byte offsets (from the start of `bytes`) where the pretokenizer cuts `text`, when its
 * pieces spell exactly `bytes` (the tokens' bytes of an ordinary encoding); `null` when they do
 * not (a normalizer that changes the text, a prefix the model adds), so that the caller knows it
 * has no pretoken boundaries to go by.
 */
export function pretokenCuts(tok: Tokenizer, text: string, bytes: Uint8Array): Set<number> | null {
  const cuts = new Set<number>();
  const scheme = tok.byteScheme;
  let at = 0;
  for (const piece of tok.pretokenize(text)) {
    at = spelledAt(scheme, piece, bytes, at);
    if (at < 0) return null;
    cuts.add(at);
  }
  return at === bytes.length ? cuts : null;
}

/**
 * Where `piece`'s bytes end if they are `bytes` from `at` on, else -1: {@link pieceBytes}
 * compared in place, with no copy (a corpus has a million pieces).
 */
function spelledAt(scheme: Tokenizer["byteScheme"], piece: string, bytes: Uint8Array, at: number): number {
  if (scheme === "byte-level") {
    let alphabet = true;
    for (let i = 0; i < piece.length && alphabet; i++) alphabet = byteOfChar(piece.charCodeAt(i)) >= 0;
    // A piece outside the alphabet is spelled as text (an added token).
    if (alphabet) {
      for (let i = 0; i < piece.length; i++) if (bytes[at++] !== byteOfChar(piece.charCodeAt(i))) return -1;
      return at;
    }
  }
  for (let i = 0; i < piece.length; i++) {
    let cp = piece.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (cp === 0x2581 && scheme === "sentencepiece") cp = 0x20;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate, as TextEncoder writes it
    if (cp < 0x80) {
      if (bytes[at++] !== cp) return -1;
    } else if (cp < 0x800) {
      if (bytes[at++] !== (0xc0 | (cp >> 6)) || bytes[at++] !== (0x80 | (cp & 63))) return -1;
    } else if (cp < 0x10000) {
      if (
        bytes[at++] !== (0xe0 | (cp >> 12)) ||
        bytes[at++] !== (0x80 | ((cp >> 6) & 63)) ||
        bytes[at++] !== (0x80 | (cp & 63))
      )
        return -1;
    } else if (
      bytes[at++] !== (0xf0 | (cp >> 18)) ||
      bytes[at++] !== (0x80 | ((cp >> 12) & 63)) ||
      bytes[at++] !== (0x80 | ((cp >> 6) & 63)) ||
      bytes[at++] !== (0x80 | (cp & 63))
    )
      return -1;
  }
  return at;
}

/**
 * The pretokenizer's pieces of `text` as text (`Ġ`, `▁` turned back into spaces), or `null` when
 * they do not spell `text` exactly (a normalizer changed it).
 */
export function pretokenTexts(tok: Tokenizer, text: string): string[] | null {
  const out: string[] = [];
  let at = 0;
  for (const piece of tok.pretokenize(text)) {
    const t = lossy.decode(pieceBytes(tok, piece));
    if (!text.startsWith(t, at)) return null;
    out.push(t);
    at += t.length;
  }
  return at === text.length ? out : null;
}
