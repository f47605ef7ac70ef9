import { pairHash } from "../hash.js";
/**
 * HF BPE's merge map, `(left id, right id) → (rank, new id)`, as an open-addressing hash table
 * in typed arrays: the merge loop probes it once per candidate pair, so it must cost a few
 * integer multiplies and array reads, never a string hash.
 */

/** Returned by {@link MergeTable.find} when the pair has no merge. */
export const NO_MERGE = -1;

/**
 * Pair → (rank, new id), with linear probing over a power-of-two table at most half full.
 * Ids must be in `[0, 2^31)` (the loader guarantees it); `-1` marks an empty slot. A slot's four
 * fields sit side by side (`slots[4 * slot]`: left, right, rank, new id), so a probe reads one
 * cache line: a large model's table (Gemma 3: 515k merges, 32 MB) is far bigger than the CPU
 * caches, and the merge loop's time is mostly these reads.
 *
 * As HF's `collect()` into a hash map, adding a pair again replaces its rank and new id: the
 * last occurrence in the merges list wins.
 *
 * @example
 * ```ts
 * const table = new MergeTable(2);
 * table.add(7, 9, 0, 42); // merge rank 0: (7, 9) → 42
 * const slot = table.find(7, 9);
 * table.rankAt(slot); // 0
 * table.newIdAt(slot); // 42
 * table.find(9, 7); // NO_MERGE
 * ```
 */
export class MergeTable {
  /** Per slot: left id (-1 when empty), right id, rank, new id. */
  readonly slots: Int32Array;
  /** Number of slots minus one. */
  readonly mask: number;
  /** Number of distinct pairs. */
  size = 0;

  /** `capacity`: how many merges will be added (sizes the table once). */
  constructor(capacity: number) {
    let n = 16;
    while (n < 2 * capacity) n *= 2;
    this.slots = new Int32Array(4 * n);
    for (let k = 0; k < 4 * n; k += 4) this.slots[k] = -1;
    this.mask = n - 1;
  }

  /** Adds or replaces the merge of (`a`, `b`). */
  add(a: number, b: number, rank: number, newId: number): void {
    if (this.size * 2 >= this.mask) throw new RangeError("MergeTable is full");
    const { slots, mask } = this;
    let k = (pairHash(a, b) & mask) << 2;
    while (slots[k] !== -1 && !(slots[k] === a && slots[k + 1] === b)) k = (k + 4) & (4 * mask + 3);
    if (slots[k] === -1) this.size++;
    slots[k] = a;
    slots[k + 1] = b;
    slots[k + 2] = rank;
    slots[k + 3] = newId;
  }

  /**
   * Where the pair (`a`, `b`) is, or {@link NO_MERGE}: an index into {@link slots} (rank at
   * `+ 2`, new id at `+ 3`).
   */
  find(a: number, b: number): number {
    const { slots } = this;
    const wrap = 4 * this.mask + 3;
    let k = (pairHash(a, b) & this.mask) << 2;
    for (;;) {
      const l = slots[k];
      if (l === a && slots[k + 1] === b) return k;
      if (l === -1) return NO_MERGE;
      k = (k + 4) & wrap;
    }
  }

  /** Rank of the merge at `at` (from {@link find}). */
  rankAt(at: number): number {
    return this.slots[at + 2];
  }

  /** New id of the merge at `at` (from {@link find}). */
  newIdAt(at: number): number {
    return this.slots[at + 3];
  }
}
