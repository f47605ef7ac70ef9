/**
 * An upper bound on the optimum of the full program of lazy-lp.ts, from any mixture α and any
 * slacks: keep α and the pair slacks, and raise each step's slack until every one of that step's
 * constraints holds. The result is a feasible point of the full program (every step, every pair),
 * so its objective bounds the optimum from above, while the objective of the program with only
 * some of its rows bounds it from below; the two together say how far a solution can be from the
 * optimum without solving to the end.
 */
import { IndexedMaxHeap } from "./indexed-heap.js";
import type { MergeTranscript } from "./replay.js";

/** Counts per million pairs, as in lazy-lp.ts (the slacks are in those units). */
const SCALE = 1e6;

/**
 * The objective (`value`) of the feasible point made from `alpha`, `stepSlack` and `pairSlack` (pairs per
 * million): Σ_p v_p + Σ_t max(v_t, max_{p ≠ m_t} (Σ_i α_i c_i,t(p) − v_p) − Σ_i α_i c_i,t(m_t)),
 * over the first `steps` steps, skipping those whose merge occurs in no sample (as the program
 * does; they are counted in `unseenMerges`). One replay of the transcript, with a heap of the pairs' mixed counts.
 *
 * @example
 * ```ts
 * const { value: upper } = programValue(transcript, 3000, alpha, stepSlack, pairSlack);
 * // lower ≤ optimum ≤ upper, lower the objective of a program with some of the rows
 * ```
 */
export function programValue(
  t: MergeTranscript,
  steps: number,
  alpha: Float64Array,
  stepSlack: Float64Array,
  pairSlack: Float64Array,
): { value: number; unseenMerges: number } {
  const n = t.categories.length;
  const P = t.pairCount;
  const { slotPair, slotCategory, pairSlotStart, pairSlots, eventSlot, eventDelta, stepStart, mergePair } = t;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = (SCALE * alpha[i]) / t.pairTotals[i];
  const cur = Float64Array.from(t.slotInitial);
  const keys = new Float64Array(P);
  for (let s = 0; s < t.slotCount; s++) keys[slotPair[s]] += w[slotCategory[s]] * cur[s];
  let value = 0;
  for (let p = 0; p < P; p++) {
    keys[p] -= pairSlack[p];
    value += pairSlack[p];
  }
  const heap = new IndexedMaxHeap(keys);
  const mixed = (p: number): number => {
    let sum = 0;
    for (let k = pairSlotStart[p]; k < pairSlotStart[p + 1]; k++) {
      const s = pairSlots[k];
      sum += w[slotCategory[s]] * cur[s];
    }
    return sum;
  };
  const top: number[] = [];
  let unseenMerges = 0;
  for (let step = 0; step < steps; step++) {
    const m = mergePair[step];
    let seen = false;
    for (let k = pairSlotStart[m]; k < pairSlotStart[m + 1] && !seen; k++) seen = cur[pairSlots[k]] > 0;
    if (seen) {
      const mCount = mixed(m);
      top.length = 0;
      // The best pair other than the merge; its key is checked exactly (keys drift by rounding).
      heap.above(-Infinity, 1, (p) => p !== m, top);
      const need = top.length === 0 ? 0 : mixed(top[0]) - pairSlack[top[0]] - mCount;
      value += Math.max(stepSlack[step], need);
    } else unseenMerges++;
    for (let e = stepStart[step]; e < stepStart[step + 1]; e++) {
      const s = eventSlot[e];
      const d = eventDelta[e];
      cur[s] += d;
      heap.add(slotPair[s], w[slotCategory[s]] * d);
    }
  }
  return { value, unseenMerges };
}
