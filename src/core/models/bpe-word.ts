/**
 * HF BPE's `Word`: the symbols of one word as a doubly linked list in typed arrays, and
 * `merge_all`, the merge loop, step for step (tokenizers/src/models/bpe/word.rs).
 */
import { heapPop, heapPush } from "../heap.js";
import { type MergeTable, NO_MERGE } from "./bpe-merges.js";

/** Heap keys are `rank * 2^32 + position`, so (rank, position) order is key order. */
const TWO_32 = 4294967296;

/** Above every rank: "no merge here" in the scan. */
const NO_RANK = 0x7fffffff;

/**
 * Reusable scratch for one word at a time: symbol ids, their lengths in UTF-8 bytes (HF's unit)
 * and UTF-16 units (ours), and `prev`/`next` links; plus the merge heap. Grows to the longest
 * word seen and allocates nothing after that. Not re-entrant.
 *
 * @example
 * ```ts
 * const word = new BpeWord();
 * word.reset(2);
 * word.add(1, 1, 1); // "a"
 * word.add(2, 1, 1); // "b"
 * word.mergeAll(table, newIdOfRank, 0, Math.random); // with table: (1, 2) → 3
 * word.ids[0]; // 3; word.next[0] === word.count: one symbol left
 * ```
 */
export class BpeWord {
  /** Symbols added so far (removed ones included: a removed symbol has `len16 = 0`). */
  count = 0;
  ids = new Int32Array(64);
  /** Length in UTF-8 bytes: HF's offsets, needed when symbols are not in text order. */
  len8 = new Int32Array(64);
  /** Length in UTF-16 units; 0 marks a symbol merged into its left neighbour. */
  len16 = new Int32Array(64);
  prev = new Int32Array(64);
  /** Next live symbol; `count` after the last one. */
  next = new Int32Array(64);
  private heap = new Float64Array(0);
  private skipped = new Float64Array(0);
  private pairRank = new Int32Array(64);

  /** Empties the word, making room for `capacity` symbols (more may still be added). */
  reset(capacity: number): void {
    this.count = 0;
    if (this.ids.length < capacity) this.grow(capacity);
  }

  /** Appends a symbol (HF's `Word::add`). */
  add(id: number, len8: number, len16: number): void {
    const i = this.count;
    if (i === this.ids.length) this.grow(2 * i);
    this.ids[i] = id;
    this.len8[i] = len8;
    this.len16[i] = len16;
    this.prev[i] = i - 1;
    this.next[i] = i + 1;
    this.count = i + 1;
  }

  /**
   * HF's `merge_all`: a min-heap of (rank, position) over candidate pairs; pop the smallest; an
   * entry is stale (skipped) if its left symbol was merged away, is now last, or the pair now
   * there does not produce the same new id. After a merge, the pairs with the previous and the
   * next symbol are pushed. Equal keys are identical entries, so the order of pops, and so the
   * result, does not depend on the heap's shape (HF uses a 4-ary heap, we a binary one).
   *
   * Dropout (`dropout > 0`): each popped entry is set aside with probability `dropout` (one
   * `random()` draw per pop, as HF's `rng().random::<f32>() < d`); the set-aside entries go back
   * into the heap when an entry is not dropped; those still set aside when the heap runs dry are
   * never merged. With `dropout = 1` nothing merges.
   *
   * O(n log n): at most `n - 1` initial entries and two per merge.
   */
  mergeAll(merges: MergeTable, newIdOfRank: Int32Array, dropout: number, random: () => number): void {
    const n = this.count;
    if (n < 2) return;
    if (this.heap.length < 3 * n) this.heap = new Float64Array(Math.max(3 * n, 2 * this.heap.length));
    const { ids, len8, len16, prev, next, heap } = this;
    const table = merges.slots;
    let size = 0;
    for (let i = 0; i + 1 < n; i++) {
      const slot = merges.find(ids[i], ids[i + 1]);
      if (slot !== NO_MERGE) size = heapPush(heap, size, table[slot + 2] * TWO_32 + i);
    }
    if (dropout > 0 && this.skipped.length < 3 * n) this.skipped = new Float64Array(this.heap.length);
    const skipped = this.skipped;
    let skippedCount = 0;
    while (size > 0) {
      const key = heap[0];
      size = heapPop(heap, size);
      if (dropout > 0) {
        if (random() < dropout) {
          skipped[skippedCount++] = key;
          continue;
        }
        while (skippedCount > 0) size = heapPush(heap, size, skipped[--skippedCount]);
      }
      const r = Math.floor(key / TWO_32);
      const pos = key - r * TWO_32;
      if (len16[pos] === 0) continue;
      const gone = next[pos];
      if (gone >= n) continue;
      // The stale test compares new ids, as HF does (not ranks).
      const merged = newIdOfRank[r];
      const a = ids[pos];
      let slot = merges.find(a, ids[gone]);
      if (slot === NO_MERGE || table[slot + 3] !== merged) continue;
      ids[pos] = merged;
      len8[pos] += len8[gone];
      len16[pos] += len16[gone];
      len16[gone] = 0;
      const after = next[gone];
      next[pos] = after;
      if (after < n) prev[after] = pos;
      const before = prev[pos];
      if (before >= 0) {
        slot = merges.find(ids[before], merged);
        if (slot !== NO_MERGE) size = heapPush(heap, size, table[slot + 2] * TWO_32 + before);
      }
      if (after < n) {
        slot = merges.find(merged, ids[after]);
        if (slot !== NO_MERGE) size = heapPush(heap, size, table[slot + 2] * TWO_32 + pos);
      }
    }
  }

  /**
   * The same result as {@link mergeAll} without dropout, by rescanning for the lowest-ranked
   * pair (leftmost on ties) after each merge: faster on the short words that make up most text.
   * Exact only when no two tokens share an id: then a queue entry is stale exactly when its pair
   * is gone, so HF's queue pops the live pairs in (rank, position) order, which is this scan.
   * O(n^2); leaves the symbols compacted (`next[i] = i + 1`).
   */
  mergeByScan(merges: MergeTable, newIdOfRank: Int32Array): void {
    let m = this.count;
    if (m < 2) return;
    if (this.pairRank.length < m) this.pairRank = new Int32Array(Math.max(m, 2 * this.pairRank.length));
    const { ids, len8, len16, next, pairRank } = this;
    const table = merges.slots;
    for (let i = 0; i + 1 < m; i++) {
      const slot = merges.find(ids[i], ids[i + 1]);
      pairRank[i] = slot === NO_MERGE ? NO_RANK : table[slot + 2];
    }
    for (;;) {
      let min = NO_RANK;
      let at = -1;
      for (let i = 0; i + 1 < m; i++) {
        if (pairRank[i] < min) {
          min = pairRank[i];
          at = i;
        }
      }
      if (at < 0) break;
      ids[at] = newIdOfRank[min];
      len8[at] += len8[at + 1];
      len16[at] += len16[at + 1];
      m--;
      for (let j = at + 1; j < m; j++) {
        ids[j] = ids[j + 1];
        len8[j] = len8[j + 1];
        len16[j] = len16[j + 1];
        pairRank[j] = pairRank[j + 1];
      }
      if (at + 1 < m) {
        const slot = merges.find(ids[at], ids[at + 1]);
        pairRank[at] = slot === NO_MERGE ? NO_RANK : table[slot + 2];
      }
      if (at > 0) {
        const slot = merges.find(ids[at - 1], ids[at]);
        pairRank[at - 1] = slot === NO_MERGE ? NO_RANK : table[slot + 2];
      }
    }
    for (let i = 0; i < m; i++) next[i] = i + 1;
    this.count = m;
  }

  private grow(capacity: number): void {
    const copy = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a.subarray(0, Math.min(a.length, this.count)));
      return b;
    };
    this.ids = copy(this.ids);
    this.len8 = copy(this.len8);
    this.len16 = copy(this.len16);
    this.prev = copy(this.prev);
    this.next = copy(this.next);
  }
}
