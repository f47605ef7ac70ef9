/**
 * Base alphabets of the trainer.
 *
 * Byte base: the 256 byte tokens in the GPT-2 byte-level order (the order of their printable
 * stand-in characters, as `vocab.json` files and the Hugging Face trainer lay them out), either
 * all of them or only the bytes the corpus uses (the Hugging Face trainer's default).
 *
 * Character base: the characters of the corpus, most frequent first up to a limit, plus any
 * forced ones, in code point order; characters outside it fall back to byte tokens.
 */

import { BYTE_CHAR } from "../core/byte-alphabet.js";

export { byteLevelOrder } from "../core/byte-alphabet.js";

/** The GPT-2 byte-level stand-in code point of each byte (printable bytes stand for themselves). */
export function byteLevelCodePoint(byte: number): number {
  return BYTE_CHAR[byte];
}

/**
 * Which characters form a character-level base alphabet.
 *
 * @param charCounts character → weighted occurrences in the corpus
 * @param limit keep at most this many characters in all (most frequent first; ties by code
 *   point); forced characters count towards it, as in the Hugging Face trainer's limit_alphabet
 * @param forced characters always kept, whatever their count
 * @returns the kept characters in code point order
 */
export function chooseCharAlphabet(
  charCounts: ReadonlyMap<string, number>,
  limit: number | undefined,
  forced: readonly string[] = [],
): string[] {
  const forcedSet = new Set(forced);
  const byFrequency = [...charCounts.entries()]
    .filter(([c]) => !forcedSet.has(c))
    .sort((x, y) => y[1] - x[1] || x[0].codePointAt(0)! - y[0].codePointAt(0)!);
  const kept = limit === undefined ? byFrequency : byFrequency.slice(0, Math.max(0, limit - forcedSet.size));
  return [...forcedSet, ...kept.map(([c]) => c)].sort((x, y) => x.codePointAt(0)! - y.codePointAt(0)!);
}
