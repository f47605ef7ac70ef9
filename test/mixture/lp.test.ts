import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import { highsSolver } from "../../src/mixture/highs.js";
import { highsDualSolver } from "../../src/mixture/highs-dual.js";
import { solveLazyLp } from "../../src/mixture/lazy-lp.js";
import { type HandTranscript, solveFullLp, transcriptOf } from "../support/mixture/transcript.js";

// Two categories of 10 pairs each, two merges (pairs: 0 = m, 1 = p, 2 = q, 3 = r).
// Step 0 merges m over p: (6 − 4)/10·α₀ + (2 − 8)/10·α₁ ≥ 0, so α₀ ≥ 3/4.
// Step 1 merges q over r: (1 − 4)/10·α₀ + (7 − 1)/10·α₁ ≥ 0, so α₀ ≤ 2/3.
// They conflict; with α₁ = 1 − α₀ the slack needed is max(0, 0.6 − 0.8α₀) + max(0, 0.9α₀ − 0.6)
// (per pair, times 10⁶ in the program's units), smallest at α₀ = 2/3: 0.6 − 1.6/3 = 1/15.
const conflicting: HandTranscript = {
  table: [
    [
      [6, 4, 0, 0],
      [2, 8, 0, 0],
    ],
    [
      [0, 0, 1, 4],
      [0, 0, 7, 1],
    ],
  ],
  merged: [0, 2],
};

/** Counts of `pairs` pairs in `n` categories over `steps` steps, each merge's pair among the
 * more frequent ones (so the constraints are not all trivially violated). */
function randomHand(seed: number, n: number, steps: number, pairs: number): HandTranscript {
  const rnd = seededRandom(seed);
  const table: number[][][] = [];
  const merged: number[] = [];
  for (let t = 0; t < steps; t++) {
    const rows = Array.from({ length: n }, () => Array.from({ length: pairs }, () => Math.floor(rnd() * 20)));
    const sums = Array.from({ length: pairs }, (_, p) => rows.reduce((s, r) => s + r[p], 0));
    const order = sums.map((s, p) => [s, p]).sort((a, b) => b[0] - a[0]);
    merged.push(order[Math.floor(rnd() * 3)][1]);
    table.push(rows);
  }
  return { table, merged };
}

describe("the lazy program", () => {
  test("finds the optimum worked out by hand", async () => {
    const r = solveLazyLp(transcriptOf(conflicting), await highsSolver());
    assert.ok(Math.abs(r.pairWeights[0] - 2 / 3) < 1e-9, `α₀ = ${r.pairWeights[0]}`);
    assert.ok(Math.abs(r.objective - 1e6 / 15) < 1e-3, `objective ${r.objective}`);
    assert.equal(r.constraints, 2);
  });

  test("through the dual, finds the same optimum worked out by hand", async () => {
    const r = solveLazyLp(transcriptOf(conflicting), await highsDualSolver());
    assert.ok(Math.abs(r.pairWeights[0] - 2 / 3) < 1e-9, `α₀ = ${r.pairWeights[0]}`);
    assert.ok(Math.abs(r.objective - 1e6 / 15) < 1e-3, `objective ${r.objective}`);
  });

  test("with one merge only, takes no slack (α₀ ≥ 3/4 is satisfiable)", async () => {
    const r = solveLazyLp(transcriptOf(conflicting), await highsSolver(), { merges: 1 });
    assert.ok(r.pairWeights[0] >= 0.75 - 1e-9, `α₀ = ${r.pairWeights[0]}`);
    assert.ok(Math.abs(r.objective) < 1e-6);
    assert.equal(r.merges, 1);
  });

  test("a planted mixture satisfying every constraint is recovered with zero slack", async () => {
    // Counts per 10 pairs. Step 0 merges pair 0 over pair 1: 0.7α₀ − 0.3α₁ ≥ 0, so α₀ ≥ 0.3.
    // Step 1 merges pair 1 over pair 0: −0.7α₀ + 0.3α₁ ≥ 0, so α₀ ≤ 0.3: a tie at the truth.
    const planted: HandTranscript = {
      table: [
        [
          [10, 3],
          [0, 3],
        ],
        [
          [7, 0],
          [0, 3],
        ],
      ],
      merged: [0, 1],
      pairTotals: [10, 10],
    };
    const r = solveLazyLp(transcriptOf(planted), await highsSolver());
    assert.ok(Math.abs(r.pairWeights[0] - 0.3) < 1e-9, `α₀ = ${r.pairWeights[0]}`);
    assert.ok(Math.abs(r.objective) < 1e-6);
  });

  test("a merge no category contains constrains nothing and is counted as unseen", async () => {
    const h: HandTranscript = {
      table: [
        ...conflicting.table,
        [
          [0, 0, 0, 5],
          [0, 0, 0, 5],
        ],
      ],
      merged: [0, 2, 1],
      pairTotals: [10, 10],
    };
    const r = solveLazyLp(transcriptOf(h), await highsSolver());
    assert.equal(r.unseenMerges, 1);
    assert.ok(Math.abs(r.pairWeights[0] - 2 / 3) < 1e-9);
  });

  test("a trust region on a solver that cannot bound columns (the dual) is a clear error", async () => {
    const dual = await highsDualSolver();
    assert.throws(
      () => solveLazyLp(transcriptOf(conflicting), dual, { trustRegion: 0.1 }),
      /cannot bound columns, which trustRegion needs/,
    );
  });

  test("with a gap, stops within it of the full optimum, with bounds that hold", async () => {
    const solver = await highsSolver();
    let early = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const h = randomHand(seed, 2 + (seed % 4), 6 + (seed % 5), 5 + (seed % 4));
      const full = solveFullLp(h, solver);
      const tolerance = 1e-6 * Math.max(1, full.objective);
      for (const options of [
        { gap: 0.5, perStep: 1, perRound: 1 },
        { gap: 0.05, perStep: 1, perRound: 2 },
        { gap: 0.5, perStep: 1, perRound: 1, trustRegion: 0.01 },
        { gap: 0.05, perStep: 2, perRound: 3, maxRows: 4, trustRegion: 0.1 },
      ]) {
        const lazy = solveLazyLp(transcriptOf(h), solver, options);
        const at = `seed ${seed} ${JSON.stringify(options)}`;
        // lower ≤ optimum ≤ the full program at the α returned ≤ the objective returned.
        assert.ok(
          lazy.lowerBound <= full.objective + tolerance,
          `${at}: lower ${lazy.lowerBound} > ${full.objective}`,
        );
        const priced = solveFullLp(h, solver, lazy.pairWeights).objective;
        assert.ok(
          priced <= lazy.objective + tolerance,
          `${at}: priced ${priced} > returned ${lazy.objective}`,
        );
        assert.ok(
          lazy.objective - lazy.lowerBound <= options.gap * lazy.objective + tolerance,
          `${at}: gap not met`,
        );
        assert.ok(
          lazy.objective - full.objective <= options.gap * lazy.objective + tolerance,
          `${at}: too far`,
        );
        if (lazy.objective > full.objective + tolerance) early++;
      }
    }
    // Some runs stopped before the optimum, so the gap did something.
    assert.ok(early > 0);
  });

  test("with a time limit, stops with the best solution priced and bounds that hold", async () => {
    const solver = await highsSolver();
    let stopped = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const h = randomHand(seed, 2 + (seed % 4), 6 + (seed % 5), 5 + (seed % 4));
      const full = solveFullLp(h, solver);
      const tolerance = 1e-6 * Math.max(1, full.objective);
      for (const options of [
        { timeLimit: 1e-9, perStep: 1, perRound: 1 },
        { timeLimit: 1e-9, trustRegion: 0.01 },
      ]) {
        const lazy = solveLazyLp(transcriptOf(h), solver, options);
        assert.ok(lazy.status === "time limit" || lazy.status === "optimal", lazy.status);
        if (lazy.status === "time limit") {
          stopped++;
          assert.equal(lazy.rounds, 1);
        }
        assert.ok(lazy.lowerBound <= full.objective + tolerance);
        const priced = solveFullLp(h, solver, lazy.pairWeights).objective;
        assert.ok(priced <= lazy.objective + tolerance, `seed ${seed}: priced ${priced} > ${lazy.objective}`);
        assert.ok(full.objective <= lazy.objective + tolerance);
      }
      // Without limits the loop says it proved the optimum.
      assert.equal(solveLazyLp(transcriptOf(h), solver).status, "optimal");
    }
    assert.ok(stopped > 0);
    assert.throws(
      () => solveLazyLp(transcriptOf(conflicting), solver, { timeLimit: 0 }),
      /timeLimit must be a positive/,
    );
  });

  test("from any start, reaches the same optimum; a bad start or gap is a clear error", async () => {
    const solver = await highsSolver();
    for (let seed = 1; seed <= 6; seed++) {
      const h = randomHand(seed, 3, 8, 6);
      const full = solveFullLp(h, solver);
      const rnd = seededRandom(seed);
      for (const start of [
        [1, 0, 0],
        [0, 0, 5],
        [rnd(), rnd(), rnd()],
      ]) {
        const lazy = solveLazyLp(transcriptOf(h), solver, {
          start,
          perStep: 1,
          perRound: 2,
          trustRegion: 0.05,
        });
        assert.ok(
          Math.abs(lazy.objective - full.objective) < 1e-6 * Math.max(1, full.objective),
          `seed ${seed} from ${start}`,
        );
      }
    }
    const t = transcriptOf(conflicting);
    assert.throws(
      () => solveLazyLp(t, solver, { start: [1] }),
      /start must be 2 weights ≥ 0 with a positive sum/,
    );
    assert.throws(() => solveLazyLp(t, solver, { start: [0, 0] }), /start must be/);
    assert.throws(() => solveLazyLp(t, solver, { start: [-1, 2] }), /start must be/);
    assert.throws(() => solveLazyLp(t, solver, { gap: 1 }), /gap must be in \[0, 1\)/);
    assert.throws(() => solveLazyLp(t, solver, { gap: Number.NaN }), /gap must be/);
  });

  test("reaches the optimum of the full program on random small problems, whatever the batch sizes and row limit", async () => {
    const solver = await highsSolver();
    const dualSolver = await highsDualSolver();
    for (let seed = 1; seed <= 12; seed++) {
      const h = randomHand(seed, 2 + (seed % 4), 6 + (seed % 5), 5 + (seed % 4));
      const full = solveFullLp(h, solver);
      assert.equal(full.status, "optimal");
      for (const batch of [
        { perStep: 1, perRound: 1 },
        { perStep: 3, perRound: 5 },
        { perStep: 100, perRound: 1000 },
        // Rows that do not bind deleted after every solve (and found again when violated).
        { perStep: 1, perRound: 1, maxRows: 1 },
        { perStep: 3, perRound: 5, maxRows: 4 },
        // Rounds that keep a whole sweep's worst rows (decision 0051), with and without deletion.
        { perStep: 2, perRound: 3, wholeSweeps: true },
        { perStep: 3, perRound: 5, maxRows: 4, wholeSweeps: true },
        // A trust region on α, small and large, with and without deletion.
        { perStep: 1, perRound: 1, trustRegion: 0.01 },
        { perStep: 3, perRound: 5, maxRows: 4, trustRegion: 0.1 },
      ]) {
        const lazy = solveLazyLp(transcriptOf(h), solver, batch);
        const tolerance = 1e-6 * Math.max(1, full.objective);
        // The same program solved through its dual (decision 0051), rows deleted as well; the
        // dual cannot bound α, so the trust region is not tried there.
        const viaDual = solveLazyLp(transcriptOf(h), dualSolver, { ...batch, trustRegion: undefined });
        assert.ok(
          Math.abs(viaDual.objective - full.objective) < tolerance,
          `seed ${seed} ${JSON.stringify(batch)}: through the dual ${viaDual.objective}, full ${full.objective}`,
        );
        const pricedDual = solveFullLp(h, solver, viaDual.pairWeights);
        assert.ok(
          Math.abs(pricedDual.objective - full.objective) < tolerance,
          `seed ${seed}: α through the dual priced ${pricedDual.objective}`,
        );
        assert.ok(
          Math.abs(lazy.objective - full.objective) < tolerance,
          `seed ${seed} ${JSON.stringify(batch)}: lazy ${lazy.objective}, full ${full.objective}`,
        );
        // The lazy α is an optimum of the full program too (the optimum need not be unique).
        const priced = solveFullLp(h, solver, lazy.pairWeights);
        assert.ok(
          Math.abs(priced.objective - full.objective) < tolerance,
          `seed ${seed}: α priced ${priced.objective}`,
        );
      }
    }
  });
});
