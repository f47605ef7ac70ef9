import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import { highsSolver } from "../../src/mixture/highs.js";
import { programValue } from "../../src/mixture/program-value.js";
import { randomMixture } from "../../src/mixture/score.js";
import { type HandTranscript, solveFullLp, transcriptOf } from "../support/mixture/transcript.js";

/** Random counts, the merges among the frequent pairs, and now and then a merge no category has. */
function randomHand(seed: number): HandTranscript {
  const rnd = seededRandom(seed);
  const n = 2 + (seed % 4);
  const steps = 5 + (seed % 6);
  const pairs = 4 + (seed % 5);
  const table: number[][][] = [];
  const merged: number[] = [];
  for (let t = 0; t < steps; t++) {
    const rows = Array.from({ length: n }, () => Array.from({ length: pairs }, () => Math.floor(rnd() * 20)));
    const m = Math.floor(rnd() * pairs);
    if (rnd() < 0.15) for (const row of rows) row[m] = 0;
    table.push(rows);
    merged.push(m);
  }
  return { table, merged };
}

/** Straight from the table: the mixed count of pair p at a step, and which steps the program uses. */
function tableOf(h: HandTranscript, alpha: ArrayLike<number>) {
  const t = transcriptOf(h);
  const mix = (step: number, p: number) => {
    let sum = 0;
    for (let i = 0; i < alpha.length; i++) sum += (alpha[i] * 1e6 * h.table[step][i][p]) / t.pairTotals[i];
    return sum;
  };
  const seen = (step: number) => h.table[step].some((row) => row[h.merged[step]] > 0);
  return { mix, seen };
}

/** Only step slacks, each raised to its step's largest need: Σ v_p + Σ_t max(v_t, max_p need). */
function stepSlacksOnly(h: HandTranscript, alpha: number[], stepSlack: number[], pairSlack: number[]) {
  const { mix, seen } = tableOf(h, alpha);
  let value = pairSlack.reduce((s, v) => s + v, 0);
  h.merged.forEach((m, step) => {
    if (!seen(step)) return;
    let best = Number.NEGATIVE_INFINITY;
    for (let p = 0; p < pairSlack.length; p++)
      if (p !== m) best = Math.max(best, mix(step, p) - pairSlack[p]);
    value += Math.max(stepSlack[step], best - mix(step, m));
  });
  return value;
}

describe("programValue (an upper bound on the lazy program's optimum)", () => {
  test("is a feasible point of the full program, its slacks summing to its value, no worse than step slacks alone", () => {
    let unseenSeen = 0;
    let better = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const h = randomHand(seed);
      const rnd = seededRandom(1000 + seed);
      const n = h.table[0].length;
      const names = Array.from({ length: n }, (_, i) => `c${i}`);
      const mixture = randomMixture(names, rnd);
      const alpha = names.map((c) => mixture[c]);
      // Slacks: zero, or a few hundred thousand pairs per million, as the program's are.
      const stepSlack = h.merged.map(() => (rnd() < 0.5 ? 0 : rnd() * 3e5));
      const pairSlack = h.table[0][0].map(() => (rnd() < 0.5 ? 0 : rnd() * 3e5));
      const got = programValue(
        transcriptOf(h),
        h.merged.length,
        Float64Array.from(alpha),
        Float64Array.from(stepSlack),
        Float64Array.from(pairSlack),
      );
      const { mix, seen } = tableOf(h, alpha);
      // Every row of every step the program uses holds at the point returned.
      h.merged.forEach((m, step) => {
        if (!seen(step)) return;
        for (let p = 0; p < pairSlack.length; p++) {
          if (p === m) continue;
          const slack = mix(step, m) - mix(step, p) + got.stepSlack[step] + got.pairSlack[p];
          assert.ok(slack >= -1e-6, `seed ${seed}, step ${step}, pair ${p}: violated by ${-slack}`);
        }
      });
      const sum = [...got.stepSlack, ...got.pairSlack].reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(got.value - sum) <= 1e-9 * Math.max(1, sum));
      for (const v of [...got.stepSlack, ...got.pairSlack]) assert.ok(v >= 0);
      const alone = stepSlacksOnly(h, alpha, stepSlack, pairSlack);
      assert.ok(got.value <= alone + 1e-6 * Math.max(1, alone), `seed ${seed}: ${got.value} > ${alone}`);
      if (got.value < alone - 1e-6 * Math.max(1, alone)) better++;
      assert.equal(got.unseenMerges, h.merged.filter((_, step) => !seen(step)).length);
      unseenSeen += got.unseenMerges;
    }
    assert.ok(unseenSeen > 0, "some merge occurred in no category");
    // Forgiving a pair once is cheaper than raising every step it tops on some of these.
    assert.ok(better > 0);
  });

  test("bounds the full program priced at α from above, strictly where shared pair slacks do better", async () => {
    const solver = await highsSolver();
    let strict = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const h = randomHand(seed);
      const n = h.table[0].length;
      const alpha = new Float64Array(n).fill(1 / n);
      const zero = (k: number) => new Float64Array(k);
      const upper = programValue(
        transcriptOf(h),
        h.merged.length,
        alpha,
        zero(h.merged.length),
        zero(h.table[0][0].length),
      );
      const priced = solveFullLp(h, solver, alpha).objective;
      assert.ok(
        upper.value >= priced - 1e-6 * Math.max(1, priced),
        `seed ${seed}: ${upper.value} < ${priced}`,
      );
      if (upper.value > priced + 1e-6 * Math.max(1, priced)) strict++;
    }
    // Pair slacks shared between steps can do better than step slacks alone on some problems;
    // if none of these did, the comparison above would say little.
    assert.ok(strict > 0);
  });
});
