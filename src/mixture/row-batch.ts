/**
 * The violated rows one round of the lazy program (src/mixture/lazy-lp.ts) has found, before
 * they go to the solver. Bounded, it keeps the most violated ones seen: a round that searches a
 * whole sweep and keeps only its worst rows (`wholeSweeps`) picks them from every step, rather
 * than the first rows found from where the last round stopped.
 */

/** One row: `Σ_i coef[i]·α_i + v_step + v_pair ≥ 0`, violated by `violation` at the search. */
export interface FoundRow {
  readonly step: number;
  readonly pair: number;
  readonly coef: Float64Array;
  readonly violation: number;
}

/** Up to `limit` rows, the most violated offered; the least violated is dropped for a worse one. */
export class RowBatch {
  private rows: FoundRow[] = [];
  /** A min-heap on violation over `rows` (positions into it), kept only when bounded. */
  private heap: number[] = [];

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.rows.length;
  }

  /** Whether a row violated by this much would be kept (to skip building one that would not). */
  wants(violation: number): boolean {
    return this.rows.length < this.limit || violation > this.rows[this.heap[0]].violation;
  }

  add(row: FoundRow): void {
    if (this.limit === Infinity) {
      this.rows.push(row);
      return;
    }
    if (this.rows.length < this.limit) {
      this.rows.push(row);
      this.heap.push(this.rows.length - 1);
      this.up(this.heap.length - 1);
    } else if (row.violation > this.rows[this.heap[0]].violation) {
      this.rows[this.heap[0]] = row;
      this.down(0);
    }
  }

  /** The rows kept, by step then pair (so the model's rows do not depend on the heap's order). */
  take(): FoundRow[] {
    const rows = this.rows;
    this.rows = [];
    this.heap = [];
    return this.limit === Infinity ? rows : rows.sort((a, b) => a.step - b.step || a.pair - b.pair);
  }

  private less(a: number, b: number): boolean {
    return this.rows[this.heap[a]].violation < this.rows[this.heap[b]].violation;
  }

  private swap(a: number, b: number): void {
    const h = this.heap;
    [h[a], h[b]] = [h[b], h[a]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.heap.length;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(c + 1, c)) c++;
      if (!this.less(c, i)) break;
      this.swap(c, i);
      i = c;
    }
  }
}
