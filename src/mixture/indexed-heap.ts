/**
 * A max-heap over the items `0 .. n-1` keyed by a number, with the position of each item kept so
 * that a key can change in place (O(log n)). The lazy LP changes thousands of pair priorities per
 * merge step and asks, at each step, for the few pairs whose priority beats a cutoff: {@link
 * above} walks the heap's tree best-first and stops at the cutoff, without popping anything.
 */
export class IndexedMaxHeap {
  readonly key: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private frontier = new Int32Array(64);

  /** All `n` items, keyed by `keys` (copied). */
  constructor(keys: Float64Array) {
    const n = keys.length;
    this.key = keys.slice();
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.heap[i] = i;
      this.pos[i] = i;
    }
    for (let i = (n >> 1) - 1; i >= 0; i--) this.down(i);
  }

  get size(): number {
    return this.heap.length;
  }

  /** Sets item `i`'s key. */
  set(i: number, value: number): void {
    const old = this.key[i];
    this.key[i] = value;
    if (value > old) this.up(this.pos[i]);
    else if (value < old) this.down(this.pos[i]);
  }

  /** Adds `delta` to item `i`'s key. */
  add(i: number, delta: number): void {
    if (delta !== 0) this.set(i, this.key[i] + delta);
  }

  /**
   * Appends to `out`, best first, up to `limit` items whose key is above `cutoff` and that
   * `accept` takes (items it refuses are passed over, their subtrees still searched).
   *
   * @example
   * ```ts
   * const h = new IndexedMaxHeap(Float64Array.of(5, 1, 9, 7));
   * const out: number[] = [];
   * h.above(4, 2, () => true, out); // out = [2, 3]
   * ```
   */
  above(cutoff: number, limit: number, accept: (item: number) => boolean, out: number[]): void {
    const { heap, key } = this;
    const n = heap.length;
    if (n === 0 || limit <= 0 || key[heap[0]] <= cutoff) return;
    // The frontier: heap positions whose key is above the cutoff, as a small max-heap of its own.
    let f = this.frontier;
    let size = 0;
    const push = (p: number) => {
      if (size === f.length) {
        const g = new Int32Array(size * 2);
        g.set(f);
        f = g;
        this.frontier = g;
      }
      let i = size++;
      const k = key[heap[p]];
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (key[heap[f[parent]]] >= k) break;
        f[i] = f[parent];
        i = parent;
      }
      f[i] = p;
    };
    const pop = (): number => {
      const top = f[0];
      const last = f[--size];
      const k = key[heap[last]];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && key[heap[f[c + 1]]] > key[heap[f[c]]]) c++;
        if (key[heap[f[c]]] <= k) break;
        f[i] = f[c];
        i = c;
      }
      f[i] = last;
      return top;
    };
    push(0);
    let found = 0;
    while (size > 0 && found < limit) {
      const p = pop();
      const item = heap[p];
      if (accept(item)) {
        out.push(item);
        found++;
      }
      for (const c of [2 * p + 1, 2 * p + 2]) if (c < n && key[heap[c]] > cutoff) push(c);
    }
  }

  private up(p: number): void {
    const { heap, pos, key } = this;
    const item = heap[p];
    const k = key[item];
    while (p > 0) {
      const parent = (p - 1) >> 1;
      const q = heap[parent];
      if (key[q] >= k) break;
      heap[p] = q;
      pos[q] = p;
      p = parent;
    }
    heap[p] = item;
    pos[item] = p;
  }

  private down(p: number): void {
    const { heap, pos, key } = this;
    const n = heap.length;
    const item = heap[p];
    const k = key[item];
    for (;;) {
      let c = 2 * p + 1;
      if (c >= n) break;
      if (c + 1 < n && key[heap[c + 1]] > key[heap[c]]) c++;
      const q = heap[c];
      if (key[q] <= k) break;
      heap[p] = q;
      pos[q] = p;
      p = c;
    }
    heap[p] = item;
    pos[item] = p;
  }
}
