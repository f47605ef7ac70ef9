import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type FoundRow, RowBatch } from "../../src/mixture/row-batch.js";

const row = (step: number, pair: number, violation: number): FoundRow => ({
  step,
  pair,
  violation,
  coef: new Float64Array(0),
});

describe("RowBatch", () => {
  test("bounded, keeps the most violated rows offered, by step then pair", () => {
    const b = new RowBatch(3);
    const offered = [row(5, 1, 2), row(1, 7, 9), row(3, 2, 1), row(2, 2, 5), row(4, 0, 3), row(0, 3, 0.5)];
    for (const r of offered) if (b.wants(r.violation)) b.add(r);
    assert.deepEqual(
      b.take().map((r) => [r.step, r.pair]),
      [
        [1, 7],
        [2, 2],
        [4, 0],
      ],
    );
    assert.equal(b.size, 0);
  });

  test("unbounded, keeps every row in the order offered", () => {
    const b = new RowBatch(Infinity);
    for (const r of [row(5, 1, 2), row(1, 7, 9), row(3, 2, 1)]) b.add(r);
    assert.equal(b.wants(0.1), true);
    assert.deepEqual(
      b.take().map((r) => r.step),
      [5, 1, 3],
    );
  });
});
