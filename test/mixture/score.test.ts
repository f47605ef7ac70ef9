import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import { byteWeights } from "../../src/mixture/infer.js";
import { checkMixture, mixtureMse, randomMixture } from "../../src/mixture/score.js";

test("pair units to byte shares: a category with twice the bytes per pair weighs twice as much", () => {
  // Equal α over pairs; bytes per pair 2 and 4.
  const w = byteWeights(Float64Array.of(0.5, 0.5), Float64Array.of(100, 100), Float64Array.of(50, 25));
  assert.deepEqual(
    w.map((x) => x.toFixed(12)),
    [1 / 3, 2 / 3].map((x) => x.toFixed(12)),
  );
});

test("random mixtures are mixtures, spread over the simplex, the same for the same seed", () => {
  const names = ["a", "b", "c", "d"];
  const rnd = seededRandom(5);
  let sumA = 0;
  for (let i = 0; i < 2000; i++) {
    const m = randomMixture(names, rnd);
    checkMixture(m);
    sumA += m.a;
  }
  // Uniform on the simplex: each weight has mean 1/n (sd of the mean here ≈ 0.004).
  assert.ok(Math.abs(sumA / 2000 - 0.25) < 0.02, `mean ${sumA / 2000}`);
  assert.deepEqual(randomMixture(names, seededRandom(9)), randomMixture(names, seededRandom(9)));
  assert.equal(mixtureMse({ a: 1, b: 0 }, { a: 0, b: 1 }), 1);
});
