/**
 * From a category's text to what the replay needs: a sample of at most so many bytes, cut into
 * the pieces the tokenizer's own pretokenizer makes, counted.
 */
import { nextLineCut } from "../core/pretokenize/line-cuts.js";
import type { Tokenizer } from "../core/tokenizer.js";

/** A category's sample: its pieces with their counts and the UTF-8 bytes they came from. */
export interface CategorySample {
  readonly name: string;
  /** Piece → occurrences, as `tokenizer.pretokenize` cuts the sample. */
  readonly pieces: Map<string, number>;
  /** UTF-8 length of the sample. */
  readonly bytes: number;
}

const utf8 = new TextEncoder();

/**
 * The first `maxBytes` UTF-8 bytes of `text` or less, ending at a line break when one is in the
 * second half of that span (so no word is cut), else at a character boundary.
 *
 * @example
 * ```ts
 * samplePrefix("one\ntwo\nthree", 9); // "one\ntwo\n"
 * ```
 */
export function samplePrefix(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || utf8.encode(text).length <= maxBytes) return text;
  // Find the longest prefix within maxBytes, counting UTF-8 bytes per UTF-16 unit.
  let bytes = 0;
  let end = 0;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    const isPair = c >= 0xd800 && c <= 0xdbff && end + 1 < text.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : isPair ? 4 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += isPair ? 2 : 1;
  }
  const newline = text.lastIndexOf("\n", end - 1);
  return newline >= end / 2 ? text.slice(0, newline + 1) : text.slice(0, end);
}

/**
 * Counts the pieces `tok.pretokenize` cuts `text` into. A long text is pretokenized in chunks of
 * about `chunkChars` characters, each ending at a line cut (src/core/pretokenize/line-cuts.ts: a
 * line feed between two non-space characters), which the regex presets provably never join
 * into one piece, so the counts are those of the whole text, and no array of millions of pieces
 * is built at once. (The rule was "a line feed before a non-space character" until GPT-2's
 * pattern was found to cut `"a  \nb"` differently at the end of a chunk.)
 *
 * @example
 * ```ts
 * countPieces(o200k, "the cat and the hat").get(" the"); // 1
 * ```
 */
export function countPieces(
  tok: Tokenizer,
  text: string,
  into: Map<string, number> = new Map(),
  chunkChars = 1 << 20,
): Map<string, number> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + chunkChars);
    if (end < text.length) {
      const cut = nextLineCut(text, end);
      end = cut < 0 ? text.length : cut;
    }
    for (const piece of tok.pretokenize(text.slice(start, end))) into.set(piece, (into.get(piece) ?? 0) + 1);
    start = end;
  }
  return into;
}

/**
 * A category's sample: the first `maxBytes` of its text (all of it by default), its pieces
 * counted with the tokenizer's pretokenizer.
 *
 * @example
 * ```ts
 * const fr = categorySample(tok, "fr", frenchText, 1e6);
 * fr.bytes; // ≤ 1000000
 * ```
 */
export function categorySample(
  tok: Tokenizer,
  name: string,
  text: string,
  maxBytes = Number.POSITIVE_INFINITY,
): CategorySample {
  const sample = Number.isFinite(maxBytes) ? samplePrefix(text, maxBytes) : text;
  return { name, pieces: countPieces(tok, sample), bytes: utf8.encode(sample).length };
}
