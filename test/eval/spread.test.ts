import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import { gini, spread } from "../../src/eval/spread.js";

test("Gini of hand-computed cases", () => {
  // [1,2,3,4]: Σ|xi−xj| over ordered pairs = 2·(1+2+3+1+2+1) = 20; 2·n²·mean = 2·16·2.5 = 80.
  assert.equal(gini([1, 2, 3, 4]), 0.25);
  assert.equal(gini([4, 1, 3, 2]), 0.25, "order does not matter");
  // One of four holds everything: (n − 1) / n.
  assert.equal(gini([0, 0, 0, 1]), 0.75);
  // [3, 1]: 2·2 / (2·4·2) = 0.25.
  assert.equal(gini([3, 1]), 0.25);
  assert.equal(gini([5, 5, 5]), 0);
  assert.equal(gini([0, 0]), 0);
  assert.equal(gini([7]), 0);
});

test("Gini equals the double sum on random values", () => {
  const rnd = seededRandom(3);
  for (let k = 0; k < 50; k++) {
    const xs = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => Math.floor(rnd() * 1000));
    let pairs = 0;
    for (const a of xs) for (const b of xs) pairs += Math.abs(a - b);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const expected = mean === 0 ? 0 : pairs / (2 * xs.length * xs.length * mean);
    assert.ok(Math.abs(gini(xs) - expected) < 1e-12, `${xs}`);
  }
});

test("spread: min, max, mean, max/min", () => {
  const s = spread([100, 150, 200]);
  assert.deepEqual({ ...s, gini: 0 }, { min: 100, max: 200, mean: 150, maxOverMin: 2, gini: 0 });
  // Σ|xi−xj| = 2·(50+100+50) = 400; 2·n²·mean = 2·9·150 = 2700.
  assert.ok(Math.abs(s.gini - 400 / 2700) < 1e-15);
  assert.equal(spread([0, 3]).maxOverMin, Infinity);
  assert.equal(spread([0, 0]).maxOverMin, 1);
});

test("Gini rejects what it cannot measure", () => {
  assert.throws(() => gini([]), /no values/);
  assert.throws(() => gini([1, -1]), /≥ 0/);
  assert.throws(() => gini([1, Number.NaN]), /≥ 0/);
});
