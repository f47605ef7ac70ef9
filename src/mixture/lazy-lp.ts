/**
 * The linear program of Hayase et al. (2024), with its constraints generated lazily.
 *
 * Unknowns: the mixture α (one weight per category, in *pair* units: category `i`'s pair counts
 * are divided by its pair total), a slack `v_t ≥ 0` per merge step and a slack `v_p ≥ 0` per
 * pair. At step `t` the tokenizer merged pair `m_t`, so in the training data it was at least as
 * frequent as every other pair `p`:
 *
 *     Σ_i α_i · (c_i,t(m_t) − c_i,t(p)) + v_t + v_p ≥ 0,       Σ_i α_i = 1,   α ≥ 0
 *
 * minimising Σ v_t + Σ v_p. Samples are finite and not the training data, so some constraints
 * cannot all hold; the slacks absorb that, a per-pair slack for a pair that is over-represented
 * in the samples at every step, a per-step slack for a step where the samples disagree.
 *
 * There is a constraint for every step and every pair (billions), but at the optimum almost all
 * hold with room to spare. So: start from the uniform mixture; replay the transcript, keeping
 * each pair's mixed count `Σ_i α_i c_i,t(p) − v_p` in a heap; at each step take the pairs that
 * beat the merge by more than its slack allows, most violated first, a few per step; after a
 * batch of rows, re-solve (warm: the solver keeps its basis) and start over with the new
 * solution; stop when a full replay finds no violated constraint. The result is the optimum of
 * the full program.
 */
import { MixtureError } from "./errors.js";
import { IndexedMaxHeap } from "./indexed-heap.js";
import type { MergeTranscript } from "./replay.js";
import { RowBatch } from "./row-batch.js";
import { RowPool } from "./row-pool.js";
import type { LpSolver } from "./solver.js";

/** Counts are per million pairs in the program, so that coefficients sit far from the solver's
 * zero threshold (1e-9) even for samples of billions of pairs. */
const SCALE = 1e6;

/** Options of {@link solveLazyLp}. */
export interface LazyLpOptions {
  /** Use the first this many merges (default: all the transcript has). */
  readonly merges?: number;
  /** At most this many new constraints per step and round, the most violated (default 10). */
  readonly perStep?: number;
  /** Re-solve once a round has this many new constraints (default 1000: each solve costs more
   * than a replay, and 5 languages over 1000 merges took 174 rounds and 44 s at 200, 44 rounds
   * and 20 s at 1000). */
  readonly perRound?: number;
  /**
   * Once the program has more rows than this, the rows that do not bind at a solution (their
   * slack is basic) are deleted after it (default 10,000). The solution stays optimal and the
   * solver keeps its basis; one that is violated again later is found and added again. Without
   * this, 30 categories over 2,000 merges grew to 280,000 rows, 2 GB, and HiGHS aborted.
   */
  readonly maxRows?: number;
  /**
   * Each round searches a whole sweep from the first merge and keeps its `perRound` most
   * violated rows (default false: a round ends at its `perRound`-th row and the next round's
   * search goes on from there). Either way the loop ends with a sweep that finds nothing. At
   * 30 × 5,000 merges (3,000 rows per round) it took 42 % fewer simplex iterations and a third
   * less solver time, and about as much more in the search (decision 0051).
   */
  readonly wholeSweeps?: boolean;
  /**
   * A trust region on α (default: none): each α_i is kept within this distance of a centre
   * (the first is uniform), and the centre moves to the solution whenever a bound binds, so that
   * α does not jump between solves and the rows found for it stay the ones that matter. When a
   * whole sweep finds nothing to add the bounds are dropped and the loop goes on as without
   * them, so the optimum is the program's own. Needs a solver with `setColumnBounds`.
   */
  readonly trustRegion?: number;
  /** A constraint counts as violated past this much, in pairs per million (default 1e-6). */
  readonly tolerance?: number;
  /** Give up after this many rounds (default 100,000). */
  readonly maxRounds?: number;
  /** Called after each solve. */
  readonly onRound?: (round: LazyLpRound) => void;
}

/** Progress of {@link solveLazyLp}, after each solve. */
export interface LazyLpRound {
  readonly round: number;
  /** Constraints in the program so far. */
  readonly constraints: number;
  /** The step where this round's replay stopped (it had its batch). */
  readonly step: number;
  readonly objective: number;
  /** Rows in the model after the solve and any deletion (besides Σα = 1). */
  readonly rows: number;
  /** The solver's simplex iterations in this solve, where it reports them. */
  readonly iterations?: number;
}

/** Result of {@link solveLazyLp}. */
export interface LazyLpResult {
  /** α: the mixture in pair units, summing to 1, in the transcript's category order. */
  readonly pairWeights: Float64Array;
  /** Solves (the last replay found nothing to add). */
  readonly rounds: number;
  /** Constraints added (besides Σα = 1), counting again one deleted and added again. */
  readonly constraints: number;
  /** Total slack at the optimum (pairs per million). */
  readonly objective: number;
  /** Merges used. */
  readonly merges: number;
  /** Merges left out because their pair never occurs in any sample at their step. */
  readonly unseenMerges: number;
  /** Wall seconds spent finding violated constraints (replays) and in the LP solver. */
  readonly seconds: { readonly search: number; readonly solve: number };
}

/**
 * Solves the program for a transcript (see the module comment).
 *
 * @example
 * ```ts
 * const transcript = replayMerges(extractMerges(tok), samples, { merges: 3000 });
 * const { pairWeights, rounds } = solveLazyLp(transcript, await highsSolver());
 * ```
 */
export function solveLazyLp(t: MergeTranscript, solver: LpSolver, options: LazyLpOptions = {}): LazyLpResult {
  const steps = Math.min(options.merges ?? t.steps, t.steps);
  const perStep = options.perStep ?? 10;
  const perRound = options.perRound ?? 1000;
  const tol = options.tolerance ?? 1e-6;
  const maxRounds = options.maxRounds ?? 100_000;
  const whole = options.wholeSweeps ?? false;
  const maxRows = options.maxRows ?? 10_000;
  const n = t.categories.length;
  const P = t.pairCount;
  const { slotPair, slotCategory, pairSlotStart, pairSlots, eventSlot, eventDelta, stepStart, mergePair } = t;

  const model = solver.createModel();
  try {
    // Columns 0 .. n-1: α, with Σα = 1 (which bounds them by 1: no upper bound is given, so
    // that a solver working on the dual has only columns x ≥ 0 to handle).
    model.addColumns(new Float64Array(n), new Float64Array(n), new Float64Array(n).fill(Infinity));
    model.addRows({
      lower: Float64Array.of(1),
      upper: Float64Array.of(1),
      starts: Int32Array.of(0, n),
      indices: Int32Array.from({ length: n }, (_, i) => i),
      values: new Float64Array(n).fill(1),
    });
    const alpha = new Float64Array(n).fill(1 / n);
    const stepCol = new Int32Array(steps).fill(-1);
    const pairCol = new Int32Array(P).fill(-1);
    const stepSlack = new Float64Array(steps);
    const pairSlack = new Float64Array(P);
    let columns = n;
    const pool = new RowPool();
    const w = new Float64Array(n);
    const cur = new Float64Array(t.slotCount);
    const unseen = new Uint8Array(steps);
    let objective = 0;

    // The count of pair p right now, mixed: Σ_i w_i c_i(p).
    const mixed = (p: number): number => {
      let sum = 0;
      for (let k = pairSlotStart[p]; k < pairSlotStart[p + 1]; k++) {
        const s = pairSlots[k];
        sum += w[slotCategory[s]] * cur[s];
      }
      return sum;
    };
    // Per category, count of pair p right now over its pair total (scaled) into `out`.
    const counts = (p: number, out: Float64Array): void => {
      out.fill(0);
      for (let k = pairSlotStart[p]; k < pairSlotStart[p + 1]; k++) {
        const s = pairSlots[k];
        out[slotCategory[s]] = (SCALE * cur[s]) / t.pairTotals[slotCategory[s]];
      }
    };

    const mCounts = new Float64Array(n);
    const pCounts = new Float64Array(n);
    let added = 0;
    let rounds = 0;
    let searchMs = 0;
    let solveMs = 0;
    // The sweep: `step` is the next step to check, `cur` the counts before it, the heap keyed by
    // the current solution. A sweep that ends having added no row proves the optimum.
    let step = 0;
    let sweepAdded = 0;
    cur.set(t.slotInitial);
    const keys = new Float64Array(P);
    // Key every pair by its mixed count at the current step under the current solution: after
    // a solve the sweep goes on from where it stopped rather than replaying from step 0 (the
    // replay up to the stop cost as much as all the rounds' solves together).
    const rekey = (): IndexedMaxHeap => {
      for (let i = 0; i < n; i++) w[i] = (SCALE * alpha[i]) / t.pairTotals[i];
      keys.fill(0);
      for (let s = 0; s < t.slotCount; s++) keys[slotPair[s]] += w[slotCategory[s]] * cur[s];
      for (let p = 0; p < P; p++) keys[p] -= pairSlack[p];
      return new IndexedMaxHeap(keys);
    };
    let heap = rekey();
    // The trust region: bounds around `centre` while `radius` > 0 (see LazyLpOptions).
    let radius = options.trustRegion ?? 0;
    if (radius > 0 && model.setColumnBounds === undefined) {
      throw new MixtureError(`the LP solver ${solver.name} cannot bound columns, which trustRegion needs`);
    }
    const boxLower = new Float64Array(n);
    const boxUpper = new Float64Array(n).fill(Infinity);
    const centreAt = (c: Float64Array) => {
      for (let i = 0; i < n; i++) {
        boxLower[i] = Math.max(0, c[i] - radius);
        boxUpper[i] = c[i] + radius;
      }
      model.setColumnBounds?.(boxLower, boxUpper);
    };
    if (radius > 0) centreAt(alpha);
    /** Solves and reads the solution back; recentres the trust region when a bound binds. */
    const solveRound = (stop: number, solveStart: number) => {
      const solution = model.solve();
      if (solution.status !== "optimal") {
        throw new MixtureError(`the LP solver ended with status "${solution.status}" in round ${rounds}`);
      }
      const x = solution.values;
      let sum = 0;
      let binds = false;
      for (let i = 0; i < n; i++) {
        if (radius > 0 && ((boxLower[i] > 0 && x[i] <= boxLower[i] + 1e-12) || x[i] >= boxUpper[i] - 1e-12)) {
          binds = true;
        }
        alpha[i] = Math.max(0, x[i]);
        sum += alpha[i];
      }
      for (let i = 0; i < n; i++) alpha[i] /= sum;
      for (let s = 0; s < steps; s++) if (stepCol[s] >= 0) stepSlack[s] = Math.max(0, x[stepCol[s]]);
      for (let p = 0; p < P; p++) if (pairCol[p] >= 0) pairSlack[p] = Math.max(0, x[pairCol[p]]);
      objective = solution.objective;
      if (binds) centreAt(alpha);
      if (pool.size > maxRows) pool.prune(model, solution.rowBasic);
      solveMs += performance.now() - solveStart;
      options.onRound?.({
        round: rounds,
        constraints: added,
        step: stop,
        objective,
        rows: pool.size,
        iterations: solution.iterations,
      });
    };
    for (;;) {
      if (rounds >= maxRounds) throw new MixtureError(`the program did not converge in ${maxRounds} rounds`);
      const searchStart = performance.now();
      const batch = new RowBatch(whole ? perRound : Infinity);
      const found: number[] = [];
      for (; step < steps && (whole || batch.size < perRound); step++) {
        const m = mergePair[step];
        let seen = false;
        for (let k = pairSlotStart[m]; k < pairSlotStart[m + 1] && !seen; k++) seen = cur[pairSlots[k]] > 0;
        if (!seen) unseen[step] = 1;
        else {
          const mPrio = mixed(m);
          const cutoff = mPrio + stepSlack[step] + tol;
          found.length = 0;
          heap.above(cutoff, perStep, (p) => p !== m && !pool.has(step * P + p), found);
          let mReady = false;
          for (const p of found) {
            // The heap's keys drift by rounding over many updates: check exactly before adding.
            const violation = mixed(p) - pairSlack[p] - cutoff;
            if (violation <= 0 || !batch.wants(violation)) continue;
            if (!mReady) {
              counts(m, mCounts);
              mReady = true;
            }
            counts(p, pCounts);
            const coef = new Float64Array(n);
            for (let i = 0; i < n; i++) coef[i] = mCounts[i] - pCounts[i];
            batch.add({ step, pair: p, coef, violation });
          }
        }
        for (let e = stepStart[step]; e < stepStart[step + 1]; e++) {
          const s = eventSlot[e];
          const d = eventDelta[e];
          cur[s] += d;
          heap.add(slotPair[s], w[slotCategory[s]] * d);
        }
      }
      // The round's rows in CSR form, with a column for each step and pair new to the program.
      const rows = batch.take();
      const starts: number[] = [0];
      const indices: number[] = [];
      const values: number[] = [];
      const newSteps: number[] = [];
      const newPairs: number[] = [];
      for (const row of rows) {
        if (stepCol[row.step] < 0) {
          stepCol[row.step] = columns++;
          newSteps.push(row.step);
        }
        if (pairCol[row.pair] < 0) {
          pairCol[row.pair] = columns++;
          newPairs.push(row.pair);
        }
        for (let i = 0; i < n; i++) {
          if (row.coef[i] !== 0) {
            indices.push(i);
            values.push(row.coef[i]);
          }
        }
        indices.push(stepCol[row.step], pairCol[row.pair]);
        values.push(1, 1);
        starts.push(indices.length);
      }
      const stop = step;
      const solveStart = performance.now();
      searchMs += solveStart - searchStart;
      sweepAdded += rows.length;
      if (step === steps && sweepAdded === 0) {
        if (radius === 0) break;
        // Nothing violated within the trust region: drop it and go on without it (the next
        // sweep proves the optimum of the whole program, or finds what the bounds hid).
        radius = 0;
        boxLower.fill(0);
        boxUpper.fill(Infinity);
        model.setColumnBounds?.(boxLower, boxUpper);
        rounds++;
        solveRound(stop, solveStart);
        step = 0;
        sweepAdded = 0;
        cur.set(t.slotInitial);
        heap = rekey();
        continue;
      }
      if (rows.length > 0) {
        rounds++;
        added += rows.length;
        const cols = newSteps.length + newPairs.length;
        model.addColumns(
          new Float64Array(cols).fill(1),
          new Float64Array(cols),
          new Float64Array(cols).fill(Infinity),
        );
        model.addRows({
          lower: new Float64Array(rows.length),
          upper: new Float64Array(rows.length).fill(Infinity),
          starts: Int32Array.from(starts),
          indices: Int32Array.from(indices),
          values: Float64Array.from(values),
        });
        for (const row of rows) pool.add(row.step * P + row.pair);
        solveRound(stop, solveStart);
      }
      if (step === steps) {
        // A new sweep from the first step under the current solution.
        step = 0;
        sweepAdded = 0;
        cur.set(t.slotInitial);
      }
      heap = rekey();
    }
    let unseenMerges = 0;
    for (let s = 0; s < steps; s++) unseenMerges += unseen[s];
    return {
      pairWeights: alpha,
      rounds,
      constraints: added,
      objective,
      merges: steps,
      unseenMerges,
      seconds: { search: searchMs / 1000, solve: solveMs / 1000 },
    };
  } finally {
    model.dispose();
  }
}
