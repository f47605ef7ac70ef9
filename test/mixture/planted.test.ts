/**
 * The defining property on an exact oracle: a tokenizer trained by toklab's own trainer on a
 * known mixture of category texts, whose samples are those very texts, gives back the mixture.
 * The true mixture then satisfies every constraint of the program with no slack, and enough
 * merges leave it the only mixture that does, so the estimate equals the truth up to the LP
 * solver's rounding: 1e-6 in byte proportion is far above that rounding (the observed error is
 * about 1e-16) and far below any real mistake (a merge misread, a pair miscounted or the byte
 * conversion wrong each move the estimate by more than 1e-3 here).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import { highsSolver } from "../../src/mixture/highs.js";
import { inferMixture, type MixtureCategory } from "../../src/mixture/infer.js";
import { extractMerges } from "../../src/mixture/merge-list.js";
import { type MergeTranscript, replayMerges } from "../../src/mixture/replay.js";
import { categorySample } from "../../src/mixture/sample.js";
import { mixtureMse, randomMixture } from "../../src/mixture/score.js";
import { loadUdhr } from "../../src/node/udhr.js";
import { plantMixture, syntheticLanguage } from "../support/mixture/planted.js";

const EXACT = 1e-6;

function assertClose(est: Record<string, number>, truth: Record<string, number>, tolerance: number): void {
  for (const name of Object.keys(truth)) {
    assert.ok(
      Math.abs(est[name] - truth[name]) < tolerance,
      `${name}: estimated ${est[name]}, true ${truth[name]}`,
    );
  }
}

/** Every (category, left, right) pair's count before step `at` of a transcript, as a sorted list. */
function pairCountsAt(t: MergeTranscript, at: number): string[] {
  const cur = Float64Array.from(t.slotInitial);
  for (let k = t.stepStart[0]; k < t.stepStart[at]; k++) cur[t.eventSlot[k]] += t.eventDelta[k];
  const out: string[] = [];
  for (let s = 0; s < t.slotCount; s++) {
    if (cur[s] === 0) continue;
    const p = t.slotPair[s];
    out.push(`${t.slotCategory[s]}:${t.pairLeft[p]}+${t.pairRight[p]}=${cur[s]}`);
  }
  return out.sort();
}

/** Whole copies per category, in proportion to a mixture drawn from the simplex (the copies make
 * the training counts exact integers). */
function copiesFor(n: number, seed: number): number[] {
  const mix = randomMixture(
    Array.from({ length: n }, (_, i) => `${i}`),
    seededRandom(seed),
  );
  return Object.values(mix).map((w) => 1 + Math.round(w * 30));
}

describe("a planted mixture is recovered from the merges of a tokenizer trained on it", () => {
  const synthetic: MixtureCategory[] = Array.from({ length: 5 }, (_, i) => ({
    name: `lang${i}`,
    text: syntheticLanguage(100 + i, 3000),
  }));

  for (const seed of [1, 2, 3]) {
    test(`5 made-up languages, mixture ${seed}, from tokenizer.json and from tiktoken ranks`, async () => {
      const planted = plantMixture(synthetic, copiesFor(5, seed), 400);
      assert.equal(planted.merges, 400);
      for (const tok of [planted.hf, planted.tiktoken]) {
        const est = await inferMixture(tok, synthetic);
        assertClose(est.weights, planted.truth, EXACT);
        assert.ok(Math.abs(est.objective) < 1e-6, `slack ${est.objective}`);
        assert.equal(est.mergesUsed, 400);
      }
      // The same with small batches and the rows that do not bind deleted after every solve.
      const small = await inferMixture(planted.hf, synthetic, {
        lp: { perStep: 2, perRound: 20, maxRows: 10 },
      });
      assertClose(small.weights, planted.truth, EXACT);
    });
  }

  test("too few merges leave the mixture undetermined (the test above is not vacuous)", async () => {
    const planted = plantMixture(synthetic, copiesFor(5, 1), 400);
    const est = await inferMixture(planted.hf, synthetic, { merges: 2 });
    assert.ok(Math.abs(est.objective) < 1e-6, "the truth still explains the two merges");
    assert.ok(mixtureMse(est.weights, planted.truth) > 1e-4, "but two merges do not single it out");
  });

  test("the merges after the first K (an extended vocabulary, as the paper reads Llama 3's)", async () => {
    const planted = plantMixture(synthetic, copiesFor(5, 2), 400);
    const est = await inferMixture(planted.hf, synthetic, { skipMerges: 200 });
    assert.equal(est.mergesSkipped, 200);
    assert.equal(est.mergesUsed, 200);
    assertClose(est.weights, planted.truth, EXACT);
    assert.ok(Math.abs(est.objective) < 1e-6, `slack ${est.objective}`);
    // Skipping is not ignoring: the samples go into step 0 with the first 200 merges applied.
    // Replayed from scratch instead, merges 200… would meet pairs their parts never formed.
    const list = extractMerges(planted.hf);
    const samples = synthetic.map((c) => categorySample(planted.hf, c.name, c.text));
    const full = replayMerges(list, samples);
    const skipped = replayMerges(list, samples, { skip: 200 });
    assert.equal(skipped.steps, full.steps - 200);
    assert.deepEqual(pairCountsAt(skipped, 0), pairCountsAt(full, 200));
    assert.deepEqual(pairCountsAt(skipped, 50), pairCountsAt(full, 250));
    assert.notDeepEqual(pairCountsAt(full, 0), pairCountsAt(full, 200));
    await assert.rejects(
      inferMixture(planted.hf, synthetic, { skipMerges: 400 }),
      /cannot skip 400 merges, the list has 400/,
    );
    await assert.rejects(
      inferMixture(planted.hf, synthetic, { skipMerges: -1 }),
      /skipMerges must be a whole number/,
    );
  });

  test("6 UDHR languages in 4 scripts, mixed by a random draw", async () => {
    const texts = await loadUdhr({ codes: ["eng", "fra", "deu_1996", "rus", "ell_monotonic", "arb"] });
    const categories = Object.entries(texts).map(([name, text]) => ({ name, text }));
    const planted = plantMixture(categories, copiesFor(categories.length, 7), 1500);
    const est = await inferMixture(planted.hf, categories, { solver: await highsSolver() });
    assertClose(est.weights, planted.truth, EXACT);
  });
});
