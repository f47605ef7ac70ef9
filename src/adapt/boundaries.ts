/**
 * Where a tokenizer's words begin and end, for the adaptations that join tokens (dynamic merges,
 * multi-word tokens): the pretokenizer's pieces as text, and the rule of Feher et al. (2025)
 * that a joined token holds no space-like character except in a leading run or when it is all
 * whitespace.
 */
import { byteLevelBytes } from "../core/byte-alphabet.js";
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
  let at = 0;
  for (const piece of tok.pretokenize(text)) {
    const b = pieceBytes(tok, piece);
    if (at + b.length > bytes.length) return null;
    for (let i = 0; i < b.length; i++) if (bytes[at + i] !== b[i]) return null;
    at += b.length;
    cuts.add(at);
  }
  return at === bytes.length ? cuts : null;
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
