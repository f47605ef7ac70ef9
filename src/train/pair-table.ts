import { pairHash } from "../core/hash.js";

/**
 * Adjacent-pair statistics of the merge loop: pair (left id, right id) → a dense pair index, its
 * exact weighted count, and the symbol positions where it was seen.
 *
 * Everything lives in typed arrays: an open-addressing hash from the pair to its index, and per
 * index the two ids, the count (Float64: exact to 2^53, where Hugging Face's i32 overflows at
 * 2^31), a veto flag, and the head of a singly linked list of positions in one shared pool.
 * Position lists are append-only and may hold stale entries (the pair was merged away or a
 * neighbour changed); the merge loop re-checks each position before using it, so no list ever
 * needs deleting from.
 */
export class PairTable {
  /** Pair index → left and right token ids. */
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  /** Pair index → exact weighted count. */
  count = new Float64Array(1024);
  /** Pair index → 1 when the pair may never be merged (a veto said so). */
  vetoed = new Uint8Array(1024);
  /** Pair index → head of its position list in the pool (-1 = empty). */
  head = new Int32Array(1024);
  /** Number of pairs. */
  size = 0;

  /** The position pool: `poolPos[e]` is a symbol position, `poolNext[e]` the next entry. */
  poolPos = new Int32Array(4096);
  poolNext = new Int32Array(4096);
  poolSize = 0;

  private slots = new Int32Array(2048).fill(-1);
  private mask = 2047;

  /** The index of pair (a, b), or -1 when it was never seen. */
  find(a: number, b: number): number {
    const mask = this.mask;
    let s = hash(a, b) & mask;
    for (;;) {
      const p = this.slots[s];
      if (p < 0) return -1;
      if (this.left[p] === a && this.right[p] === b) return p;
      s = (s + 1) & mask;
    }
  }

  /** The index of pair (a, b), created with count 0 when new. */
  intern(a: number, b: number): number {
    let mask = this.mask;
    let s = hash(a, b) & mask;
    for (;;) {
      const p = this.slots[s];
      if (p < 0) break;
      if (this.left[p] === a && this.right[p] === b) return p;
      s = (s + 1) & mask;
    }
    const p = this.size++;
    if (p >= this.left.length) this.growPairs();
    this.left[p] = a;
    this.right[p] = b;
    this.count[p] = 0;
    this.vetoed[p] = 0;
    this.head[p] = -1;
    this.slots[s] = p;
    // Keep the load factor under 1/2 so probes stay short.
    if (this.size * 2 > this.slots.length) {
      this.rehash();
      mask = this.mask;
    }
    return p;
  }

  /** Records that pair `p` starts at symbol position `pos`. */
  addPosition(p: number, pos: number): void {
    const e = this.poolSize++;
    if (e >= this.poolPos.length) this.growPool();
    this.poolPos[e] = pos;
    this.poolNext[e] = this.head[p];
    this.head[p] = e;
  }

  /** Makes room for at least `n` positions in the pool (one allocation instead of doublings). */
  reservePositions(n: number): void {
    if (n <= this.poolPos.length) return;
    this.poolPos = grow32(this.poolPos, n);
    this.poolNext = grow32(this.poolNext, n);
  }

  /** Drops pair `p`'s position list (after it was merged: every entry is now stale). */
  clearPositions(p: number): void {
    this.head[p] = -1;
  }

  /** Approximate bytes held by the typed arrays (for memory reports). */
  get bytes(): number {
    return this.left.length * 25 + this.poolPos.length * 8 + this.slots.length * 4;
  }

  private growPairs(): void {
    const n = this.left.length * 2;
    this.left = grow32(this.left, n);
    this.right = grow32(this.right, n);
    this.head = grow32(this.head, n);
    const c = new Float64Array(n);
    c.set(this.count);
    this.count = c;
    const v = new Uint8Array(n);
    v.set(this.vetoed);
    this.vetoed = v;
  }

  private growPool(): void {
    // 1.5×, not 2×: the pool is the trainer's largest array, and it is usually sized right.
    const n = Math.ceil(this.poolPos.length * 1.5);
    this.poolPos = grow32(this.poolPos, n);
    this.poolNext = grow32(this.poolNext, n);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let p = 0; p < this.size; p++) {
      let s = hash(this.left[p], this.right[p]) & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = p;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function grow32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(n);
  out.set(a);
  return out;
}

/** A 32-bit hash of the two ids (small and dense: spread them before picking a slot). */
function hash(a: number, b: number): number {
  return pairHash(a, b);
}
