/**
 * The lattices of every distinct word under the current pieces, kept as one static index of
 * matches: where each seed piece occurs in the word text (found once, from the suffix array),
 * filtered as pieces are dropped. SentencePiece rebuilds each lattice from a trie at every EM
 * step; since the vocabulary only shrinks, the matches of the seed vocabulary are all the
 * lattices will ever need. A position with no one-character piece gets an unknown node scored
 * `min score - 10`, as SentencePiece's `PopulateNodes` adds one.
 */
import { type ArrayAlloc, plainArrays } from "./arrays.js";
import { BlockSum, wordBlocks } from "./blocks.js";
import type { WordText } from "./corpus.js";
import type { Seeds } from "./seeds.js";

/** The pieces and matches, as {@link WordLattices.arrays} gives them to another thread. */
export interface LatticeArrays {
  readonly start: Int32Array;
  readonly length: Int32Array;
  readonly score: Float64Array;
  readonly charPiece: Int32Array;
  readonly matchStart: Int32Array;
  readonly matchPiece: Int32Array;
}

/** How the lattices are laid out. */
export interface LatticeOptions {
  /** Where the arrays live (default {@link plainArrays}). */
  readonly alloc?: ArrayAlloc;
  /** Positions per E-step block (default `BLOCK_CHARS` of blocks.ts); the sums depend on it. */
  readonly blockChars?: number;
}

/** SentencePiece's `kUnkPenalty`: an unknown character costs this much below the worst piece. */
const UNK_PENALTY = 10;

/** Expected counts from one E-step. */
export interface EStepResult {
  readonly expected: Float64Array;
  /** Negative log likelihood per word occurrence (SentencePiece's objective is per sentence). */
  readonly objective: number;
}

/** Pieces per chunk of {@link WordLattices.alternativesRange} (any split gives the same alternatives). */
export const PIECES_PER_CHUNK = 1 << 14;

/** The pieces (ids `0..size-1`) and the matches of each word. */
export class WordLattices {
  /** Per piece: start in the word text, or -1 - alphabet index for a character. */
  start: Int32Array;
  /** Per piece: length in characters. */
  length: Int32Array;
  /** Per piece: log probability. */
  score: Float64Array;
  /** Alphabet index → its one-character piece, or -1. */
  private charPiece: Int32Array;
  /** Multi-character matches starting at position p: `matchPiece[matchStart[p]..matchStart[p+1]]`. */
  private matchStart: Int32Array;
  private matchPiece: Int32Array;
  private readonly maxWord: number;
  private readonly alloc: ArrayAlloc;
  /** The E-step's blocks of words (see {@link wordBlocks}). */
  readonly blocks: Int32Array;
  /** Work arrays for {@link alternatives} (pieces are at most a word long). */
  private readonly scratch: { best: Float64Array; from: Int32Array; via: Int32Array };

  /**
   * The lattices of `text` under `seeds` (the matches found from their suffix array), or views
   * of another thread's lattices over the same `text` (`arrays`, which are used, not copied).
   */
  constructor(
    /** The words the lattices are over. */
    readonly text: WordText,
    seeds: Seeds | LatticeArrays,
    options: LatticeOptions = {},
  ) {
    this.alloc = options.alloc ?? plainArrays;
    this.blocks = wordBlocks(text.wordStart, options.blockChars);
    let maxWord = 0;
    const ws = text.wordStart;
    for (let w = 0; w + 1 < ws.length; w++) maxWord = Math.max(maxWord, ws[w + 1] - ws[w]);
    this.maxWord = maxWord;
    this.scratch = {
      best: new Float64Array(maxWord + 1),
      from: new Int32Array(maxWord + 1),
      via: new Int32Array(maxWord + 1),
    };
    if (!("sa" in seeds)) {
      ({
        start: this.start,
        length: this.length,
        score: this.score,
        charPiece: this.charPiece,
        matchStart: this.matchStart,
        matchPiece: this.matchPiece,
      } = seeds);
      return;
    }
    const n = text.chars.length;
    const P = seeds.start.length;
    this.start = this.copy(seeds.start);
    this.length = this.copy(seeds.length);
    this.score = this.copy(seeds.score);
    this.charPiece = this.alloc.int32(text.alphabet.length).fill(-1);
    const matchStart = this.alloc.int32(n + 1);
    let total = 0;
    for (let i = 0; i < P; i++) {
      if (seeds.start[i] < 0) this.charPiece[-1 - seeds.start[i]] = i;
      else {
        for (let j = seeds.lb[i]; j <= seeds.rb[i]; j++) matchStart[seeds.sa[j] + 1]++;
        total += seeds.rb[i] - seeds.lb[i] + 1;
      }
    }
    for (let p = 0; p < n; p++) matchStart[p + 1] += matchStart[p];
    const fill = matchStart.slice(0, n);
    const matchPiece = this.alloc.int32(total);
    for (let i = 0; i < P; i++) {
      if (seeds.start[i] < 0) continue;
      for (let j = seeds.lb[i]; j <= seeds.rb[i]; j++) matchPiece[fill[seeds.sa[j]]++] = i;
    }
    this.matchStart = matchStart;
    this.matchPiece = matchPiece;
  }

  /** `a` in memory from {@link alloc} (itself when that is plain memory). */
  private copy<T extends Int32Array | Float64Array>(a: T): T {
    if (this.alloc === plainArrays) return a;
    const out = (a instanceof Int32Array ? this.alloc.int32(a.length) : this.alloc.float64(a.length)) as T;
    out.set(a);
    return out;
  }

  /** The current pieces and matches, to share with a thread that reads the same text. */
  get arrays(): LatticeArrays {
    const { start, length, score, charPiece, matchStart, matchPiece } = this;
    return { start, length, score, charPiece, matchStart, matchPiece };
  }

  /** All word occurrences (SentencePiece's sum of sentence frequencies). */
  get wordOccurrences(): number {
    let n = 0;
    for (const c of this.text.wordCount) n += c;
    return n;
  }

  get size(): number {
    return this.score.length;
  }

  /** The number of multi-character matches indexed (memory: 4 bytes each). */
  get matches(): number {
    return this.matchPiece.length;
  }

  /** The score of an unknown node: the worst piece's, minus 10. */
  unkScore(): number {
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.score.length; i++) if (this.score[i] < min) min = this.score[i];
    return min - UNK_PENALTY;
  }

  /** The piece's text. */
  pieceString(i: number): string {
    const { chars, alphabet } = this.text;
    const s = this.start[i];
    if (s < 0) return String.fromCodePoint(alphabet[-1 - s]);
    let out = "";
    for (let k = 0; k < this.length[i]; k++) out += String.fromCodePoint(alphabet[chars[s + k]]);
    return out;
  }

  /**
   * Expected piece counts over all words by forward-backward (`RunEStep`): each word's lattice
   * marginals, times the word's count.
   */
  eStep(): EStepResult {
    const unk = this.unkScore();
    const blocks = this.blocks.length - 1;
    const sum = new BlockSum(this.size, blocks);
    const partial = new Float64Array(this.size);
    const exps = this.expScores();
    for (let k = 0; k < blocks; k++) {
      if (k > 0) partial.fill(0);
      sum.add(k, partial, this.eStepWords(this.blocks[k], this.blocks[k + 1], unk, partial, exps));
    }
    return { expected: sum.expected, objective: this.objective(sum.objective) };
  }

  /** The E-step's objective from the blocks' summed objectives: per word occurrence. */
  objective(summed: number): number {
    const all = this.wordOccurrences;
    return all === 0 ? 0 : summed / all;
  }

  /** `exp(score)` of every piece: what {@link eStepWords} multiplies on short words. */
  expScores(): Float64Array {
    const out = new Float64Array(this.score.length);
    for (let q = 0; q < out.length; q++) out[q] = Math.exp(this.score[q]);
    return out;
  }

  /**
   * The E-step over words `[from, to)` (one block): adds their expected counts to `expected`
   * and returns minus their summed log likelihood. `unk` is {@link unkScore}; `expScore` is
   * {@link expScores} of the current scores (computed once per pass by the caller: one array
   * per block would be garbage the size of the vocabulary).
   */
  eStepWords(
    from: number,
    to: number,
    unk: number,
    expected: Float64Array,
    expScore: Float64Array = this.expScores(),
  ): number {
    const { chars, wordStart, wordCount } = this.text;
    const { score, length, charPiece, matchStart, matchPiece } = this;
    // Forward: a position's log sum is kept as its largest term (`top`) and the sum of the
    // terms' exponentials relative to it (`rel`), so that adding a term costs one exp and the
    // position one log when it is read, where a log-add per term costs an exp and a log1p
    // (half of the E-step's time went there). The sums equal SentencePiece's LogSumExp up to
    // rounding (it drops a term 50 below the larger; these keep it, a relative e^-50).
    const top = new Float64Array(this.maxWord + 1);
    const rel = new Float64Array(this.maxWord + 1);
    const alpha = new Float64Array(this.maxWord + 1);
    const beta = new Float64Array(this.maxWord + 1);
    const NEG = Number.NEGATIVE_INFINITY;
    // Most words are short enough for probabilities themselves: a path of at most L pieces, each
    // at least e^unk (the lowest score), has probability at least e^(L·unk), a normal double
    // while L·unk > -650. There the lattice is summed with products of exp(score), computed
    // once per pass, and no exp or log per edge; longer words take the log path below.
    const expUnk = Math.exp(unk);
    const linearMax = unk < 0 ? Math.floor(-650 / unk) : Number.POSITIVE_INFINITY;
    let objective = 0;
    for (let w = from; w < to; w++) {
      const ws = wordStart[w];
      const L = wordStart[w + 1] - 1 - ws;
      const count = wordCount[w];
      if (L <= linearMax) {
        objective -= count * this.linearWord(ws, L, count, expScore, expUnk, alpha, beta, expected);
        continue;
      }
      top.fill(NEG, 0, L + 1);
      rel.fill(0, 0, L + 1);
      for (let i = 0; i < L; i++) {
        // Every term of position i is in: read its log sum.
        const a = i === 0 ? 0 : top[i] + Math.log(rel[i]);
        alpha[i] = a;
        const p = ws + i;
        const c = chars[p];
        const id = c >= 0 ? charPiece[c] : -1;
        let v = a + (id >= 0 ? score[id] : unk);
        let t = top[i + 1];
        if (v <= t) rel[i + 1] += Math.exp(v - t);
        else {
          rel[i + 1] = rel[i + 1] * Math.exp(t - v) + 1;
          top[i + 1] = v;
        }
        for (let m = matchStart[p]; m < matchStart[p + 1]; m++) {
          const q = matchPiece[m];
          const j = i + length[q];
          v = a + score[q];
          t = top[j];
          if (v <= t) rel[j] += Math.exp(v - t);
          else {
            rel[j] = rel[j] * Math.exp(t - v) + 1;
            top[j] = v;
          }
        }
      }
      const Z = L === 0 ? 0 : top[L] + Math.log(rel[L]);
      beta[L] = 0;
      for (let i = L - 1; i >= 0; i--) {
        const a = alpha[i] - Z;
        const p = ws + i;
        const c = chars[p];
        const id = c >= 0 ? charPiece[c] : -1;
        const s1 = id >= 0 ? score[id] : unk;
        // Backward, the same way: the largest term and the others relative to it.
        let bt = s1 + beta[i + 1];
        let br = 1;
        if (id >= 0) expected[id] += count * Math.exp(a + bt);
        for (let m = matchStart[p]; m < matchStart[p + 1]; m++) {
          const q = matchPiece[m];
          const e = score[q] + beta[i + length[q]];
          expected[q] += count * Math.exp(a + e);
          if (e <= bt) br += Math.exp(e - bt);
          else {
            br = br * Math.exp(bt - e) + 1;
            bt = e;
          }
        }
        beta[i] = bt + Math.log(br);
      }
      objective -= count * Z;
    }
    return objective;
  }

  /**
   * Forward-backward of one word (`L` characters from `ws`) with probabilities rather than their
   * logs ({@link eStepWords} checks that none can underflow): adds the word's expected counts to
   * `expected` and returns its log likelihood.
   */
  private linearWord(
    ws: number,
    L: number,
    count: number,
    expScore: Float64Array,
    expUnk: number,
    alpha: Float64Array,
    beta: Float64Array,
    expected: Float64Array,
  ): number {
    const { chars } = this.text;
    const { length, charPiece, matchStart, matchPiece } = this;
    alpha.fill(0, 0, L + 1);
    alpha[0] = 1;
    for (let i = 0; i < L; i++) {
      const a = alpha[i];
      const p = ws + i;
      const c = chars[p];
      const id = c >= 0 ? charPiece[c] : -1;
      alpha[i + 1] += a * (id >= 0 ? expScore[id] : expUnk);
      for (let m = matchStart[p]; m < matchStart[p + 1]; m++) {
        const q = matchPiece[m];
        alpha[i + length[q]] += a * expScore[q];
      }
    }
    const Z = alpha[L];
    const scale = count / Z;
    beta[L] = 1;
    for (let i = L - 1; i >= 0; i--) {
      const a = alpha[i] * scale;
      const p = ws + i;
      const c = chars[p];
      const id = c >= 0 ? charPiece[c] : -1;
      let b = (id >= 0 ? expScore[id] : expUnk) * beta[i + 1];
      if (id >= 0) expected[id] += a * b;
      for (let m = matchStart[p]; m < matchStart[p + 1]; m++) {
        const q = matchPiece[m];
        const t = expScore[q] * beta[i + length[q]];
        expected[q] += a * t;
        b += t;
      }
      beta[i] = b;
    }
    return Math.log(Z);
  }

  /**
   * Piece counts on each word's best segmentation, times the word's count; summed by block as
   * {@link eStep} sums, so that threads give the same bits.
   */
  viterbiCounts(): Float64Array {
    const unk = this.unkScore();
    const blocks = this.blocks.length - 1;
    const sum = new BlockSum(this.size, blocks);
    const partial = new Float64Array(this.size);
    for (let k = 0; k < blocks; k++) {
      if (k > 0) partial.fill(0);
      this.viterbiWords(this.blocks[k], this.blocks[k + 1], unk, partial);
      sum.add(k, partial, 0);
    }
    return sum.expected;
  }

  /** Adds the piece counts of words `[from, to)` on their best segmentations to `freq`. */
  viterbiWords(first: number, end: number, unk: number, freq: Float64Array): void {
    const { wordStart, wordCount } = this.text;
    const best = new Float64Array(this.maxWord + 1);
    const from = new Int32Array(this.maxWord + 1);
    const via = new Int32Array(this.maxWord + 1);
    for (let w = first; w < end; w++) {
      const ws = wordStart[w];
      const L = wordStart[w + 1] - 1 - ws;
      this.viterbi(ws, L, -1, unk, best, from, via);
      const count = wordCount[w];
      for (let j = L; j > 0; j = from[j]) if (via[j] >= 0) freq[via[j]] += count;
    }
  }

  /**
   * Best path over positions `[ws, ws + L)`, skipping piece `exclude` where it spans the whole
   * window; `best[L]` is its score, `from`/`via` its back pointers (via -1: an unknown node).
   */
  private viterbi(
    ws: number,
    L: number,
    exclude: number,
    unk: number,
    best: Float64Array,
    from: Int32Array,
    via: Int32Array,
  ): void {
    const { chars } = this.text;
    const { score, length, charPiece, matchStart, matchPiece } = this;
    best.fill(Number.NEGATIVE_INFINITY, 0, L + 1);
    best[0] = 0;
    for (let i = 0; i < L; i++) {
      const a = best[i];
      const p = ws + i;
      const c = chars[p];
      const id = c >= 0 ? charPiece[c] : -1;
      const s1 = a + (id >= 0 ? score[id] : unk);
      if (s1 > best[i + 1]) {
        best[i + 1] = s1;
        from[i + 1] = i;
        via[i + 1] = id;
      }
      for (let m = matchStart[p]; m < matchStart[p + 1]; m++) {
        const q = matchPiece[m];
        const j = i + length[q];
        if (j > L || (q === exclude && i === 0 && j === L)) continue;
        const s = a + score[q];
        if (s > best[j]) {
          best[j] = s;
          from[j] = i;
          via[j] = q;
        }
      }
    }
  }

  /**
   * The best segmentation of piece `i`'s own text by the other pieces (its second-best path
   * when it is its own best), or `null` when another segmentation beats the piece itself, so
   * that it is never used (SentencePiece's `NBest(2)` test in `PruneSentencePieces`). A
   * one-character piece has no alternative: `[]`.
   */
  alternatives(i: number, unk = this.unkScore()): number[] | null {
    const L = this.length[i];
    if (L === 1) return [];
    const { best, from, via } = this.scratch;
    this.viterbi(this.start[i], L, i, unk, best, from, via);
    if (best[L] > this.score[i]) return null;
    const path: number[] = [];
    for (let j = L; j > 0; j = from[j]) path.push(via[j]);
    return path.reverse();
  }

  /**
   * {@link alternatives} of pieces `[from, to)`, flat (one array, not one per piece, and one
   * that another thread can send): per piece, the number of pieces in its alternative (-1 for
   * `null`), then their ids.
   */
  alternativesRange(from: number, to: number, unk: number): Int32Array {
    const out: number[] = [];
    for (let i = from; i < to; i++) {
      const alt = this.alternatives(i, unk);
      if (alt === null) out.push(-1);
      else out.push(alt.length, ...alt);
    }
    return Int32Array.from(out);
  }

  /** Keeps the pieces `order` (old ids, in their new order) with new scores. */
  retain(order: ArrayLike<number>, scores: ArrayLike<number>): void {
    const remap = new Int32Array(this.size).fill(-1);
    const start = this.alloc.int32(order.length);
    const length = this.alloc.int32(order.length);
    const score = this.alloc.float64(order.length);
    for (let k = 0; k < order.length; k++) {
      remap[order[k]] = k;
      start[k] = this.start[order[k]];
      length[k] = this.length[order[k]];
      score[k] = scores[k];
    }
    for (let a = 0; a < this.charPiece.length; a++) {
      const id = this.charPiece[a];
      this.charPiece[a] = id >= 0 ? remap[id] : -1;
    }
    const ms = this.matchStart;
    const mp = this.matchPiece;
    let out = 0;
    let begin = 0;
    for (let p = 0; p + 1 < ms.length; p++) {
      const end = ms[p + 1];
      ms[p] = out;
      for (let m = begin; m < end; m++) {
        const id = remap[mp[m]];
        if (id >= 0) mp[out++] = id;
      }
      begin = end;
    }
    ms[ms.length - 1] = out;
    if (out < mp.length / 2) {
      this.matchPiece = this.alloc.int32(out);
      this.matchPiece.set(mp.subarray(0, out));
    }
    this.start = start;
    this.length = length;
    this.score = score;
  }
}
