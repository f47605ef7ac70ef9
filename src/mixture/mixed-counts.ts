/**
 * The pair counts of a replayed transcript as a mixture sees them, walked step by step: the one
 * state behind both the lazy program's search for violated rows (lazy-lp.ts) and the pricing of
 * a solution in the full program (program-value.ts). Each pair's mixed count is
 * Σ_i w_i·c_i(p) with w_i = α_i / (category i's pair total), per million pairs; a heap keys every
 * pair by its mixed count minus its slack, so the pairs that beat a merge by most come first.
 */
import { IndexedMaxHeap } from "./indexed-heap.js";
import type { MergeTranscript } from "./replay.js";

/** Counts are per million pairs in the program, so that coefficients sit far from the solver's
 * zero threshold (1e-9) even for samples of billions of pairs. */
export const SCALE = 1e6;

/**
 * Pair counts before the current step (`cur`, per slot), the mixture's weights and the heap.
 *
 * @example
 * ```ts
 * const counts = new MixedCounts(transcript);
 * counts.weigh(alpha);
 * counts.rekey(pairSlack);
 * for (let step = 0; step < steps; step++) {
 *   if (counts.occurs(transcript.mergePair[step])) { ... counts.mixed(p) ... counts.heap ... }
 *   counts.advance(step);
 * }
 * ```
 */
export class MixedCounts {
  /** The counts before the current step, per slot (pair × category). */
  readonly cur: Float64Array;
  /** Per category: α_i per million of its pairs. */
  readonly w: Float64Array;
  heap: IndexedMaxHeap;
  private readonly keys: Float64Array;

  constructor(private readonly t: MergeTranscript) {
    this.cur = Float64Array.from(t.slotInitial);
    this.w = new Float64Array(t.categories.length);
    this.keys = new Float64Array(t.pairCount);
    this.heap = new IndexedMaxHeap(this.keys);
  }

  /** Back to the counts before the first step (the heap must be rekeyed after). */
  restart(): void {
    this.cur.set(this.t.slotInitial);
  }

  /** Takes the mixture `alpha` (pair units) as the weights. */
  weigh(alpha: ArrayLike<number>): void {
    for (let i = 0; i < this.w.length; i++) this.w[i] = (SCALE * alpha[i]) / this.t.pairTotals[i];
  }

  /** Keys every pair by its mixed count now minus its slack, in a new heap. */
  rekey(pairSlack: Float64Array): void {
    const { keys, w, cur } = this;
    const { slotPair, slotCategory, slotCount, pairCount } = this.t;
    keys.fill(0);
    for (let s = 0; s < slotCount; s++) keys[slotPair[s]] += w[slotCategory[s]] * cur[s];
    for (let p = 0; p < pairCount; p++) keys[p] -= pairSlack[p];
    this.heap = new IndexedMaxHeap(keys);
  }

  /** The mixed count of pair `p` now, computed afresh (the heap's keys drift by rounding). */
  mixed(p: number): number {
    const { pairSlotStart, pairSlots, slotCategory } = this.t;
    let sum = 0;
    for (let k = pairSlotStart[p]; k < pairSlotStart[p + 1]; k++) {
      const s = pairSlots[k];
      sum += this.w[slotCategory[s]] * this.cur[s];
    }
    return sum;
  }

  /** Whether pair `p` occurs now in some sample (a merge that does not constrains nothing). */
  occurs(p: number): boolean {
    const { pairSlotStart, pairSlots } = this.t;
    for (let k = pairSlotStart[p]; k < pairSlotStart[p + 1]; k++) if (this.cur[pairSlots[k]] > 0) return true;
    return false;
  }

  /** Applies step `step`'s merge: the counts it changes, and their keys. */
  advance(step: number): void {
    const { stepStart, eventSlot, eventDelta, slotPair, slotCategory } = this.t;
    for (let e = stepStart[step]; e < stepStart[step + 1]; e++) {
      const s = eventSlot[e];
      const d = eventDelta[e];
      this.cur[s] += d;
      this.heap.add(slotPair[s], this.w[slotCategory[s]] * d);
    }
  }
}
