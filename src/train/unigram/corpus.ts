/**
 * The training words laid out as one array of symbols, the form the seed search and the
 * lattices read: each distinct word's characters, then a separator. Characters are numbered by
 * the alphabet (the required characters, chosen by `character_coverage` as SentencePiece's
 * TrainerInterface chooses them); a character outside it, like a separator, gets a symbol of its
 * own, so no piece can contain it (SentencePiece replaces it with U+2585, which no piece may
 * hold).
 */
import { type ArrayAlloc, plainArrays } from "./arrays.js";
import { SPACE_MARK } from "./sentences.js";

/** Distinct words as symbols, with the alphabet. */
export interface WordText {
  /** Per position: the alphabet index of the character, or -1 (separator, unknown character). */
  readonly chars: Int32Array;
  /** Word `i` spans `[wordStart[i], wordStart[i + 1] - 1)`; the last position is its separator. */
  readonly wordStart: Int32Array;
  /** How often each word occurs. */
  readonly wordCount: Float64Array;
  /** Alphabet index → code point, most frequent first. */
  readonly alphabet: Int32Array;
  /** Alphabet index → occurrences in the corpus. */
  readonly charCount: Float64Array;
  /** The alphabet index of `▁`, or -1. */
  readonly spaceChar: number;
  /** Share of character occurrences the alphabet covers. */
  readonly coverage: number;
}

/** Compares strings by code point (C++'s std::string order on UTF-8), not by UTF-16 unit. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // A surrogate starts an astral code point, which sorts after every BMP character.
      const xs = x >= 0xd800 && x < 0xe000;
      const ys = y >= 0xd800 && y < 0xe000;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/**
 * Lays out `counts` (word → count), most frequent word first as SentencePiece sorts them. The
 * alphabet takes characters from the most frequent until `characterCoverage` of all character
 * occurrences is reached (1 keeps every character). `alloc` makes the word arrays (shared memory
 * for training threads).
 *
 * @example
 * ```ts
 * const t = buildWordText(new Map([["▁ab", 2]]), 1);
 * t.alphabet.length; // 3
 * ```
 */
export function buildWordText(
  counts: ReadonlyMap<string, number>,
  characterCoverage: number,
  alloc: ArrayAlloc = plainArrays,
): WordText {
  const words = [...counts].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  const cpCount = new Map<number, number>();
  let total = 0;
  let length = 0;
  for (const [w, c] of words) {
    for (const ch of w) {
      const cp = ch.codePointAt(0) as number;
      cpCount.set(cp, (cpCount.get(cp) ?? 0) + c);
      total += c;
      length++;
    }
    length++;
  }
  const byFreq = [...cpCount].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const index = new Map<number, number>();
  const alphabet: number[] = [];
  const charCount: number[] = [];
  let covered = 0;
  for (const [cp, c] of byFreq) {
    if (covered / total >= characterCoverage) break;
    covered += c;
    index.set(cp, alphabet.length);
    alphabet.push(cp);
    charCount.push(c);
  }
  const chars = alloc.int32(length);
  const wordStart = alloc.int32(words.length + 1);
  const wordCount = alloc.float64(words.length);
  let p = 0;
  for (let i = 0; i < words.length; i++) {
    wordStart[i] = p;
    wordCount[i] = words[i][1];
    for (const ch of words[i][0]) chars[p++] = index.get(ch.codePointAt(0) as number) ?? -1;
    chars[p++] = -1;
  }
  wordStart[words.length] = p;
  return {
    chars,
    wordStart,
    wordCount,
    alphabet: Int32Array.from(alphabet),
    charCount: Float64Array.from(charCount),
    spaceChar: index.get(SPACE_MARK.codePointAt(0) as number) ?? -1,
    coverage: total === 0 ? 1 : covered / total,
  };
}
