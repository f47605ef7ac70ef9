/**
 * Merge transcripts written by hand: the pair counts of every category at every step, given
 * directly instead of replayed from text, so that the linear program's answer can be worked out
 * on paper. Also the full program (every step against every pair, no lazy generation) as a plain
 * reference to compare the lazy solver with.
 */
import type { MergeTranscript } from "../../../src/mixture/replay.js";
import type { LpSolver } from "../../../src/mixture/solver.js";

/**
 * `table[t][i][p]`: the count of pair `p` in category `i` before merge `t`; merge `t` is pair
 * `merged[t]`. Pair totals are the counts before the first merge, summed, unless given.
 */
export interface HandTranscript {
  readonly table: readonly (readonly (readonly number[])[])[];
  readonly merged: readonly number[];
  readonly pairTotals?: readonly number[];
  readonly bytes?: readonly number[];
}

export function transcriptOf(h: HandTranscript): MergeTranscript {
  const steps = h.merged.length;
  const n = h.table[0].length;
  const P = h.table[0][0].length;
  // One slot per (pair, category), in pair-major order.
  const slot = (p: number, i: number) => p * n + i;
  const slotPair = new Int32Array(P * n);
  const slotCategory = new Uint16Array(P * n);
  const slotInitial = new Float64Array(P * n);
  for (let p = 0; p < P; p++) {
    for (let i = 0; i < n; i++) {
      slotPair[slot(p, i)] = p;
      slotCategory[slot(p, i)] = i;
      slotInitial[slot(p, i)] = h.table[0][i][p];
    }
  }
  const eventSlot: number[] = [];
  const eventDelta: number[] = [];
  const stepStart = new Int32Array(steps + 1);
  for (let t = 0; t < steps; t++) {
    stepStart[t] = eventSlot.length;
    if (t + 1 === steps) continue;
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < P; p++) {
        const d = h.table[t + 1][i][p] - h.table[t][i][p];
        if (d !== 0) {
          eventSlot.push(slot(p, i));
          eventDelta.push(d);
        }
      }
    }
  }
  stepStart[steps] = eventSlot.length;
  const totals =
    h.pairTotals ?? Array.from({ length: n }, (_, i) => h.table[0][i].reduce((s, c) => s + c, 0));
  return {
    categories: Array.from({ length: n }, (_, i) => `c${i}`),
    bytes: Float64Array.from(h.bytes ?? totals),
    pairTotals: Float64Array.from(totals),
    skipped: 0,
    steps,
    pairCount: P,
    pairLeft: Int32Array.from({ length: P }, (_, p) => p),
    pairRight: Int32Array.from({ length: P }, (_, p) => p),
    mergePair: Int32Array.from(h.merged),
    slotCount: P * n,
    slotPair,
    slotCategory,
    slotInitial,
    pairSlotStart: Int32Array.from({ length: P + 1 }, (_, p) => p * n),
    pairSlots: Int32Array.from({ length: P * n }, (_, s) => s),
    stepStart,
    eventSlot: Int32Array.from(eventSlot),
    eventDelta: Float64Array.from(eventDelta),
  };
}

/**
 * The whole program of Hayase et al. at once, in the lazy solver's units (counts per million
 * pairs): a constraint for every step whose merge occurs and every other pair, a slack per step
 * and per pair. `fixed` pins α (to price a given mixture). Returns α and the objective.
 */
export function solveFullLp(
  h: HandTranscript,
  solver: LpSolver,
  fixed?: ArrayLike<number>,
): { alpha: number[]; objective: number; status: string } {
  const t = transcriptOf(h);
  const n = t.categories.length;
  const P = t.pairCount;
  const steps = h.merged.length;
  const model = solver.createModel();
  try {
    const lo = fixed === undefined ? new Float64Array(n) : Float64Array.from(fixed);
    const hi = fixed === undefined ? new Float64Array(n).fill(1) : Float64Array.from(fixed);
    model.addColumns(new Float64Array(n), lo, hi);
    // Slacks: steps first, then pairs.
    const cols = steps + P;
    model.addColumns(
      new Float64Array(cols).fill(1),
      new Float64Array(cols),
      new Float64Array(cols).fill(Infinity),
    );
    const lower: number[] = [1];
    const starts: number[] = [0, n];
    const indices: number[] = Array.from({ length: n }, (_, i) => i);
    const values: number[] = new Array(n).fill(1);
    const scaled = (step: number, i: number, p: number) => (1e6 * h.table[step][i][p]) / t.pairTotals[i];
    for (let step = 0; step < steps; step++) {
      const m = h.merged[step];
      if (h.table[step].every((row) => row[m] <= 0)) continue;
      for (let p = 0; p < P; p++) {
        if (p === m) continue;
        for (let i = 0; i < n; i++) {
          indices.push(i);
          values.push(scaled(step, i, m) - scaled(step, i, p));
        }
        indices.push(n + step, n + steps + p);
        values.push(1, 1);
        starts.push(indices.length);
        lower.push(0);
      }
    }
    model.addRows({
      lower: Float64Array.from(lower),
      upper: Float64Array.from(lower, (_, r) => (r === 0 ? 1 : Infinity)),
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    });
    const s = model.solve();
    return { alpha: Array.from(s.values.subarray(0, n)), objective: s.objective, status: s.status };
  } finally {
    model.dispose();
  }
}
