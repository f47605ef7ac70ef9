import { PairHeap } from "./pair-heap.js";
import { PairTable } from "./pair-table.js";
import { compareBytes, type TokenTable } from "./token-table.js";

/**
 * The words of a corpus as symbol sequences, flattened: word `w` is
 * `symbols[starts[w] .. starts[w + 1])` and occurs `weights[w]` times. A {@link MergeState}
 * takes ownership of `symbols` and rewrites it.
 */
export interface WordList {
  readonly symbols: Int32Array;
  readonly starts: Int32Array;
  readonly weights: Float64Array;
}

/** Says whether merging `left` and `right` (token ids) is forbidden. Must be a pure function of
 * the two tokens: a vetoed pair is never reconsidered. */
export type MergeVeto = (left: number, right: number, tokens: TokenTable) => boolean;

/** Notified of every change to a pair's count in a word (for per-group statistics). */
export type PairObserver = (pair: number, word: number, delta: number) => void;

export interface MergeStateOptions {
  /** How equal counts are ordered: by the tokens' bytes (default) or by their ids (the Hugging
   * Face trainer's rule: the smaller (left, right) id pair wins). */
  readonly tieBreak?: "bytes" | "id";
  readonly veto?: MergeVeto;
  readonly observer?: PairObserver;
}

/**
 * The merge loop's state: the words as typed-array linked lists of symbols, the pair counts and
 * the lazy heap. {@link popBest} picks the next merge, {@link apply} performs one; a policy
 * (global max, Parity-aware's worst language, a replay of known merges) drives them.
 *
 * Each merge costs time proportional to the occurrences it rewrites (their positions are kept
 * per pair), not to the corpus: the whole run is near-linear in the symbols merged away.
 */
export class MergeState {
  readonly pairs = new PairTable();
  /** Symbol at each position (-1 once merged into its left neighbour). */
  readonly sym: Int32Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** The word of each position. */
  readonly wordOf: Int32Array;
  readonly weights: Float64Array;
  /** Σ over words of weight × live symbols: the corpus length in tokens right now. */
  tokenCount = 0;
  private readonly heap: PairHeap;
  private readonly veto?: MergeVeto;
  private readonly observer?: PairObserver;
  private touched = new Int32Array(64);
  private touchedStamp = new Int32Array(1024);
  private stamp = 0;
  private scratch = new Int32Array(64);

  constructor(
    readonly tokens: TokenTable,
    words: WordList,
    options: MergeStateOptions = {},
  ) {
    const n = words.symbols.length;
    // The words are the caller's to give away (buildWords makes them for this state): merging
    // rewrites them in place rather than in a copy, one corpus-sized array fewer.
    this.sym = words.symbols;
    // Each position is recorded once now and once or twice more by the merges that rewrite its
    // neighbours (about 2n in all on real text); sizing the pool up front avoids a chain of
    // doubling copies.
    this.pairs.reservePositions(2 * n);
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
    this.wordOf = new Int32Array(n);
    this.weights = words.weights;
    this.veto = options.veto;
    this.observer = options.observer;
    this.heap = new PairHeap(options.tieBreak === "id" ? this.tieById : this.tieByBytes);
    const { starts, weights } = words;
    const mergeable = tokens.mergeable;
    for (let w = 0; w + 1 < starts.length; w++) {
      const s = starts[w];
      const e = starts[w + 1];
      const weight = weights[w];
      this.tokenCount += weight * (e - s);
      for (let i = s; i < e; i++) {
        this.wordOf[i] = w;
        this.prev[i] = i > s ? i - 1 : -1;
        this.next[i] = i + 1 < e ? i + 1 : -1;
        if (i + 1 < e && mergeable[this.sym[i]] && mergeable[this.sym[i + 1]]) {
          const p = this.pairs.intern(this.sym[i], this.sym[i + 1]);
          this.pairs.count[p] += weight;
          this.pairs.addPosition(p, i);
          this.observer?.(p, w, weight);
        }
      }
    }
    for (let p = 0; p < this.pairs.size; p++) {
      if (this.pairs.count[p] > 0) this.heap.push(p, this.pairs.count[p]);
    }
  }

  /**
   * Takes the best pair off the heap: the highest live count, ties by the tie rule, skipping
   * vetoed pairs. Returns its index (see {@link pairs}) or -1 when no pair has a positive count.
   */
  popBest(): number {
    const heap = this.heap;
    const pairs = this.pairs;
    while (heap.size > 0) {
      const p = heap.topPair();
      const snapshot = heap.topCount();
      heap.pop();
      if (pairs.vetoed[p]) continue;
      const live = pairs.count[p];
      if (snapshot !== live) {
        // Stale: the count fell since this entry was pushed. Re-queue at its live count.
        if (live > 0) heap.push(p, live);
        continue;
      }
      if (live <= 0) continue;
      if (this.veto?.(pairs.left[p], pairs.right[p], this.tokens)) {
        pairs.vetoed[p] = 1;
        continue;
      }
      return p;
    }
    return -1;
  }

  /**
   * Puts a pair back on the heap (a policy that popped it but chose another).
   */
  requeue(p: number): void {
    if (this.pairs.count[p] > 0) this.heap.push(p, this.pairs.count[p]);
  }

  /**
   * Rewrites every occurrence of pair `p` as the token `merged`, left to right within each word
   * (so `a a a` with pair (a, a) becomes `aa a`), and updates the counts of the neighbouring
   * pairs. Returns the number of occurrences rewritten (weighted).
   */
  apply(p: number, merged: number): number {
    const pairs = this.pairs;
    const a = pairs.left[p];
    const b = pairs.right[p];
    const positions = this.collectPositions(p);
    pairs.clearPositions(p);
    const { sym, next, prev, wordOf, weights } = this;
    const mergeable = this.tokens.mergeable;
    const mergedOk = mergeable[merged] === 1;
    this.stamp++;
    let nTouched = 0;
    let rewritten = 0;
    for (let k = 0; k < positions.length; k++) {
      const i = positions[k];
      if (sym[i] !== a) continue;
      const j = next[i];
      if (j < 0 || sym[j] !== b) continue;
      const word = wordOf[i];
      const w = weights[word];
      const before = prev[i];
      const after = next[j];
      if (before >= 0) {
        const x = sym[before];
        if (mergeable[x]) {
          this.bump(pairs.find(x, a), word, -w);
          if (mergedOk) {
            const q = pairs.intern(x, merged);
            this.bump(q, word, w);
            pairs.addPosition(q, before);
            nTouched = this.touch(q, nTouched);
          }
        }
      }
      if (after >= 0) {
        const y = sym[after];
        if (mergeable[y]) {
          this.bump(pairs.find(b, y), word, -w);
          if (mergedOk) {
            const q = pairs.intern(merged, y);
            this.bump(q, word, w);
            pairs.addPosition(q, i);
            nTouched = this.touch(q, nTouched);
          }
        }
      }
      this.bump(p, word, -w);
      sym[i] = merged;
      sym[j] = -1;
      next[i] = after;
      if (after >= 0) prev[after] = i;
      rewritten += w;
    }
    this.tokenCount -= rewritten;
    for (let t = 0; t < nTouched; t++) {
      const q = this.touched[t];
      if (pairs.count[q] > 0 && !pairs.vetoed[q]) this.heap.push(q, pairs.count[q]);
    }
    return rewritten;
  }

  /**
   * Applies the merge of tokens `a` and `b` into `merged` wherever they are adjacent (a replay of a
   * known merge list). Returns the weighted occurrences rewritten (0 when the pair never occurs).
   */
  applyIds(a: number, b: number, merged: number): number {
    const p = this.pairs.find(a, b);
    return p < 0 ? 0 : this.apply(p, merged);
  }

  /** The live symbols of word `w`, left to right. */
  wordSymbols(w: number, starts: Int32Array): number[] {
    const out: number[] = [];
    for (let i = starts[w]; i >= 0 && i < starts[w + 1]; i = this.next[i]) out.push(this.sym[i]);
    return out;
  }

  private bump(p: number, word: number, delta: number): void {
    this.pairs.count[p] += delta;
    this.observer?.(p, word, delta);
  }

  private touch(q: number, n: number): number {
    if (q >= this.touchedStamp.length) {
      const t = new Int32Array(Math.max(q + 1, this.touchedStamp.length * 2));
      t.set(this.touchedStamp);
      this.touchedStamp = t;
    }
    if (this.touchedStamp[q] === this.stamp) return n;
    this.touchedStamp[q] = this.stamp;
    if (n === this.touched.length) {
      const t = new Int32Array(n * 2);
      t.set(this.touched);
      this.touched = t;
    }
    this.touched[n] = q;
    return n + 1;
  }

  /** The pair's recorded positions, ascending and without repeats. */
  private collectPositions(p: number): Int32Array {
    const { poolPos, poolNext } = this.pairs;
    let n = 0;
    for (let e = this.pairs.head[p]; e >= 0; e = poolNext[e]) {
      if (n === this.scratch.length) {
        const s = new Int32Array(n * 2);
        s.set(this.scratch);
        this.scratch = s;
      }
      this.scratch[n++] = poolPos[e];
    }
    const out = this.scratch.subarray(0, n).sort();
    // Drop repeats in place (a position can be recorded twice for the same pair).
    let m = 0;
    for (let k = 0; k < n; k++) if (k === 0 || out[k] !== out[k - 1]) out[m++] = out[k];
    return out.subarray(0, m);
  }

  private readonly tieByBytes = (p: number, q: number): boolean => {
    const { left, right } = this.pairs;
    const bytes = this.tokens.bytes;
    const c = compareBytes(bytes[left[p]], bytes[left[q]]);
    if (c !== 0) return c < 0;
    return compareBytes(bytes[right[p]], bytes[right[q]]) < 0;
  };

  private readonly tieById = (p: number, q: number): boolean => {
    const { left, right } = this.pairs;
    if (left[p] !== left[q]) return left[p] < left[q];
    return right[p] < right[q];
  };
}
