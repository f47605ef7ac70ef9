/**
 * HF BPE's merge map, `(left id, right id) → (rank, new id)`, as an open-addressing hash table
 * in typed arrays: the merge loop probes it once per candidate pair, so it must cost a few
 * integer multiplies and array reads, never a string hash.
 */

/** Returned by {@link MergeTable.find} when the pair has no merge. */
export const NO_MERGE = -1;

/**
 * Pair → (rank, new id), with linear probing over a power-of-two table at most half full.
 * Ids must be in `[0, 2^31)` (the loader guarantees it); `-1` marks an empty slot.
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
  /** Left id of each slot, -1 when empty. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rank: Int32Array;
  readonly newId: Int32Array;
  readonly mask: number;
  /** Number of distinct pairs. */
  size = 0;

  /** `capacity`: how many merges will be added (sizes the table once). */
  constructor(capacity: number) {
    let n = 16;
    while (n < 2 * capacity) n *= 2;
    this.left = new Int32Array(n).fill(-1);
    this.right = new Int32Array(n);
    this.rank = new Int32Array(n);
    this.newId = new Int32Array(n);
    this.mask = n - 1;
  }

  /** Adds or replaces the merge of (`a`, `b`). */
  add(a: number, b: number, rank: number, newId: number): void {
    if (this.size * 2 >= this.mask) throw new RangeError("MergeTable is full");
    const { left, right, mask } = this;
    let slot = pairHash(a, b) & mask;
    while (left[slot] !== -1 && !(left[slot] === a && right[slot] === b)) slot = (slot + 1) & mask;
    if (left[slot] === -1) this.size++;
    left[slot] = a;
    right[slot] = b;
    this.rank[slot] = rank;
    this.newId[slot] = newId;
  }

  /** Slot of the pair (`a`, `b`), or {@link NO_MERGE}. */
  find(a: number, b: number): number {
    const { left, right, mask } = this;
    let slot = pairHash(a, b) & mask;
    for (;;) {
      const l = left[slot];
      if (l === a && right[slot] === b) return slot;
      if (l === -1) return NO_MERGE;
      slot = (slot + 1) & mask;
    }
  }

  rankAt(slot: number): number {
    return this.rank[slot];
  }

  newIdAt(slot: number): number {
    return this.newId[slot];
  }
}

/**
 * A 32-bit mix of two ids. Consecutive ids are the common keys (merged tokens are added in
 * order), so both are multiplied by odd constants and the high bits folded down.
 */
export function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
