/**
 * An upper bound on the optimum of the full program of lazy-lp.ts, from any mixture α and any
 * slacks: keep α, raise the slack of pairs that beat the merge at several steps, and each step's
 * slack until every one of that step's constraints holds. The result is a feasible point of the
 * full program (every step, every pair), so its objective bounds the optimum from above, while
 * the objective of the program with only some of its rows bounds it from below; the two together
 * say how far a solution can be from the optimum without solving to the end.
 */
import { MixedCounts } from "./mixed-counts.js";
import type { MergeTranscript } from "./replay.js";

/** A feasible point of the full program and its objective (see {@link programValue}). */
export interface ProgramValue {
  /** Σ of the slacks below (pairs per million): an upper bound on the program's optimum. */
  readonly value: number;
  /** Merges whose pair occurs in no sample at their step (the program leaves them out). */
  readonly unseenMerges: number;
  readonly stepSlack: Float64Array;
  readonly pairSlack: Float64Array;
}

/**
 * A feasible point of the full program at mixture `alpha`, built from the slacks `stepSlack` and
 * `pairSlack` (typically the relaxation's), over the first `steps` steps, and its objective. One
 * replay with a heap of the pairs' mixed counts finds, at each step, the two pairs other than the
 * merge that beat it by most (`need₁` by pair p₁, `need₂`). Raising each step's slack to
 * max(v_t, need₁) alone would do; but a pair that tops many steps is cheaper to forgive once:
 * raising v_p by δ lowers each step's need to at most max(need₁ − δ, need₂) where p tops it
 * (every other pair's key only falls). For each pair that is convex piecewise linear in δ with
 * slope 1 − (steps still gaining), so the best δ is the second largest of its steps' gains
 * need₁ − max(v_t, need₂), zero when it tops one step. Steps whose merge occurs in no sample are
 * skipped and counted, as the program does.
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
): ProgramValue {
  const P = t.pairCount;
  const counts = new MixedCounts(t);
  counts.weigh(alpha);
  counts.rekey(pairSlack);
  // Per step: the top pair (−1: none, or the step is left out) and the two needs.
  const topPair = new Int32Array(steps).fill(-1);
  const need1 = new Float64Array(steps);
  const need2 = new Float64Array(steps);
  // Per pair: the two largest gains of the steps it tops.
  const gain1 = new Float64Array(P);
  const gain2 = new Float64Array(P);
  const top: number[] = [];
  let unseenMerges = 0;
  for (let step = 0; step < steps; step++) {
    const m = t.mergePair[step];
    if (!counts.occurs(m)) unseenMerges++;
    else {
      const mCount = counts.mixed(m);
      top.length = 0;
      // The two best pairs other than the merge; keys are checked exactly (they drift by
      // rounding), so the two may swap.
      counts.heap.above(Number.NEGATIVE_INFINITY, 2, (p) => p !== m, top);
      let a = top.length > 0 ? counts.mixed(top[0]) - pairSlack[top[0]] - mCount : Number.NEGATIVE_INFINITY;
      let b = top.length > 1 ? counts.mixed(top[1]) - pairSlack[top[1]] - mCount : Number.NEGATIVE_INFINITY;
      let p1 = top.length > 0 ? top[0] : -1;
      if (b > a) {
        [a, b] = [b, a];
        p1 = top[1];
      }
      topPair[step] = p1;
      need1[step] = a;
      need2[step] = b;
      const gain = a - Math.max(stepSlack[step], b);
      if (p1 >= 0 && gain > 0) {
        if (gain > gain1[p1]) {
          gain2[p1] = gain1[p1];
          gain1[p1] = gain;
        } else if (gain > gain2[p1]) gain2[p1] = gain;
      }
    }
    counts.advance(step);
  }
  const newPairSlack = new Float64Array(P);
  const newStepSlack = new Float64Array(steps);
  let value = 0;
  for (let p = 0; p < P; p++) {
    newPairSlack[p] = pairSlack[p] + gain2[p];
    value += newPairSlack[p];
  }
  for (let step = 0; step < steps; step++) {
    const p1 = topPair[step];
    // A step without competitors, or left out, has no rows: its slack is not needed.
    newStepSlack[step] = p1 < 0 ? 0 : Math.max(stepSlack[step], need1[step] - gain2[p1], need2[step], 0);
    value += newStepSlack[step];
  }
  return { value, unseenMerges, stepSlack: newStepSlack, pairSlack: newPairSlack };
}
