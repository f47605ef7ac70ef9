/**
 * A lazy max-heap of pairs for the merge loop. Each entry is a snapshot (count, pair index);
 * counts change all the time, so entries go stale and the loop re-checks the top against the
 * live count (re-pushing it with the live count when it has fallen). This is sound as long as
 * every pair with a positive count has at least one entry whose count is at least its live
 * count: the loop pushes a fresh entry whenever a pair's count rises.
 *
 * Ordering: higher count first; equal counts are ordered by `tieBefore(p, q)` (true when pair
 * `p` wins the tie), which makes the run deterministic whatever the hash layout.
 */
export class PairHeap {
  private counts = new Float64Array(1024);
  private pairs = new Int32Array(1024);
  size = 0;

  constructor(private readonly tieBefore: (p: number, q: number) => boolean) {}

  push(pair: number, count: number): void {
    if (this.size === this.pairs.length) this.grow();
    const counts = this.counts;
    const pairs = this.pairs;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(count, pair, counts[parent], pairs[parent])) break;
      counts[i] = counts[parent];
      pairs[i] = pairs[parent];
      i = parent;
    }
    counts[i] = count;
    pairs[i] = pair;
  }

  /** The best entry's pair (undefined behaviour when empty). */
  topPair(): number {
    return this.pairs[0];
  }

  /** The best entry's count snapshot. */
  topCount(): number {
    return this.counts[0];
  }

  pop(): void {
    const counts = this.counts;
    const pairs = this.pairs;
    const n = --this.size;
    if (n === 0) return;
    const count = counts[n];
    const pair = pairs[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(counts[c + 1], pairs[c + 1], counts[c], pairs[c])) c++;
      if (!this.before(counts[c], pairs[c], count, pair)) break;
      counts[i] = counts[c];
      pairs[i] = pairs[c];
      i = c;
    }
    counts[i] = count;
    pairs[i] = pair;
  }

  private before(ca: number, pa: number, cb: number, pb: number): boolean {
    if (ca !== cb) return ca > cb;
    return pa !== pb && this.tieBefore(pa, pb);
  }

  private grow(): void {
    const c = new Float64Array(this.counts.length * 2);
    c.set(this.counts);
    this.counts = c;
    const p = new Int32Array(this.pairs.length * 2);
    p.set(this.pairs);
    this.pairs = p;
  }
}
