/**
 * The seed vocabulary: every character of the alphabet and the most frequent substrings, scored
 * by frequency × length, as SentencePiece's `MakeSeedSentencePieces` chooses them.
 *
 * SentencePiece builds an enhanced suffix array (esaxx) over all sentences and takes the
 * internal nodes of the suffix tree. Here the suffix array is over the distinct words only,
 * each weighted by its count, and sorted on 16 symbols (the longest piece) instead of fully:
 * pieces never cross a word start, so the frequencies are the same, and the array is a fraction
 * of the corpus. One difference: a word end is a branch here (each word has its own separator),
 * where in SentencePiece's sentence array a word is a node only if what follows it varies; so a
 * word that is always followed by the same character can be a seed here and not there.
 */
import type { WordText } from "./corpus.js";
import { INHERITED, scriptId } from "./script.js";
import { cappedSuffixArray } from "./suffix-array.js";

/** A seed piece: a character, or a substring at a position of the word text. */
export interface Seeds {
  /** Per seed: its start in the word text (a substring), or -1 - alphabet index (a character). */
  readonly start: Int32Array;
  /** Per seed: length in characters. */
  readonly length: Int32Array;
  /** Per seed: log probability from frequency × length. */
  readonly score: Float64Array;
  /** The suffix array of the word text: a substring seed occurs at `sa[lb[i]..rb[i]]`. */
  readonly sa: Int32Array;
  /** Per seed: first index of its occurrences in `sa` (-1 for a character). */
  readonly lb: Int32Array;
  /** Per seed: last index of its occurrences in `sa`. */
  readonly rb: Int32Array;
}

/** What the seed search is limited by. */
export interface SeedOptions {
  /** The most substrings kept (`seed_sentencepiece_size`, default 1,000,000). */
  readonly seedSize?: number;
  /** The longest piece in characters (`max_sentencepiece_length`, default 16). */
  readonly maxPieceLength?: number;
  /** Refuse pieces that mix Unicode scripts (`split_by_unicode_script`, default true). */
  readonly splitByScript?: boolean;
}

/**
 * The seed pieces of a word text.
 *
 * @example
 * ```ts
 * const seeds = seedPieces(buildWordText(new Map([["▁abab", 3]]), 1));
 * seeds.start.length; // the 3 characters and the repeated substrings ("ab", "▁ab"...)
 * ```
 */
export function seedPieces(text: WordText, options: SeedOptions = {}): Seeds {
  const seedSize = options.seedSize ?? 1_000_000;
  const depth = options.maxPieceLength ?? 16;
  const byScript = options.splitByScript ?? true;
  const { chars, wordStart, wordCount, alphabet } = text;
  const n = chars.length;
  const A = alphabet.length;
  // Symbols: alphabet index + 1, and a fresh value for each separator or unknown character.
  const symbols = new Int32Array(n);
  let fresh = A + 1;
  for (let i = 0; i < n; i++) symbols[i] = chars[i] >= 0 ? chars[i] + 1 : fresh++;
  const { sa, lcp } = cappedSuffixArray(symbols, fresh, depth);

  // Weighted prefix sums over the suffix array: the frequency of an interval.
  const weight = new Float64Array(n + 1);
  {
    let w = 0;
    for (let i = 0; i < wordCount.length; i++) {
      for (let p = wordStart[i]; p < wordStart[i + 1]; p++) symbols[p] = i; // reuse: word of p
    }
    for (let j = 0; j < n; j++) {
      w += wordCount[symbols[sa[j]]];
      weight[j + 1] = w;
    }
  }
  const scripts = new Int32Array(A);
  for (let a = 0; a < A; a++) scripts[a] = scriptId(alphabet[a]);

  const valid = (p: number, len: number): boolean => {
    let prev = -1;
    for (let k = 0; k < len; k++) {
      const c = chars[p + k];
      if (c < 0) return false;
      if (c === text.spaceChar) {
        if (k > 0) return false;
        continue;
      }
      let s = scripts[c];
      if (s === INHERITED) s = prev;
      if (byScript && s !== -1 && prev !== -1 && s !== prev) return false;
      prev = s;
    }
    return true;
  };

  // LCP intervals (the internal nodes of the suffix tree, up to depth 16), bottom-up.
  const candLb: number[] = [];
  const candRb: number[] = [];
  const candLen: number[] = [];
  const candScore: number[] = [];
  const stackLcp: number[] = [0];
  const stackLb: number[] = [0];
  for (let j = 1; j <= n; j++) {
    const l = j < n ? lcp[j] : 0;
    let lb = j - 1;
    while (l < stackLcp[stackLcp.length - 1]) {
      const d = stackLcp.pop() as number;
      lb = stackLb.pop() as number;
      const rb = j - 1;
      if (d >= 2 && valid(sa[lb], d)) {
        candLb.push(lb);
        candRb.push(rb);
        candLen.push(d);
        candScore.push((weight[rb + 1] - weight[lb]) * d);
      }
    }
    if (l > stackLcp[stackLcp.length - 1]) {
      stackLcp.push(l);
      stackLb.push(lb);
    }
  }

  // The ends of a frequent word that occur nowhere else: one position in the distinct-word text,
  // so no interval, but many in SentencePiece's sentence array (a node there as soon as what
  // follows the word varies: a space, the end of the sentence).
  const rankOf = new Int32Array(n);
  for (let j = 0; j < n; j++) rankOf[sa[j]] = j;
  for (let i = 0; i < wordCount.length; i++) {
    if (wordCount[i] < 2) continue;
    const end = wordStart[i + 1] - 1;
    for (let p = Math.max(wordStart[i], end - depth); p <= end - 2; p++) {
      const len = end - p;
      const j = rankOf[p];
      const shared = Math.max(lcp[j], j + 1 < n ? lcp[j + 1] : 0);
      if (shared >= len || !valid(p, len)) continue;
      candLb.push(j);
      candRb.push(j);
      candLen.push(len);
      candScore.push(wordCount[i] * len);
    }
  }

  // The best seedSize by score (ties: suffix-array order, i.e. by code point).
  let chosen = Array.from(candScore.keys());
  if (chosen.length > seedSize) {
    const sorted = Float64Array.from(candScore).sort();
    const threshold = sorted[sorted.length - seedSize];
    chosen = chosen.filter((i) => candScore[i] >= threshold);
  }
  chosen.sort((a, b) => candScore[b] - candScore[a] || candLb[a] - candLb[b]);
  if (chosen.length > seedSize) chosen.length = seedSize;

  const total = A + chosen.length;
  const start = new Int32Array(total);
  const length = new Int32Array(total);
  const raw = new Float64Array(total);
  const lbs = new Int32Array(total).fill(-1);
  const rbs = new Int32Array(total).fill(-1);
  for (let a = 0; a < A; a++) {
    start[a] = -1 - a;
    length[a] = 1;
    raw[a] = text.charCount[a];
  }
  for (let k = 0; k < chosen.length; k++) {
    const i = chosen[k];
    start[A + k] = sa[candLb[i]];
    length[A + k] = candLen[i];
    raw[A + k] = candScore[i];
    lbs[A + k] = candLb[i];
    rbs[A + k] = candRb[i];
  }
  let sum = 0;
  for (let i = 0; i < total; i++) sum += raw[i];
  const logSum = Math.log(sum);
  const score = new Float64Array(total);
  for (let i = 0; i < total; i++) score[i] = Math.log(raw[i]) - logSum;
  return { start, length, score, sa, lb: lbs, rb: rbs };
}
