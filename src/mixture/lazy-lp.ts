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
import { MixedCounts, SCALE } from "./mixed-counts.js";
import { programValue } from "./program-value.js";
import type { MergeTranscript } from "./replay.js";
import { RowBatch } from "./row-batch.js";
import { RowPool } from "./row-pool.js";
import type { LpSolution, LpSolver } from "./solver.js";

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
  /**
   * Stop once the solution is proven within this relative distance of the optimum (default 0:
   * solve to the optimum). The program with the rows added so far is a relaxation of the full
   * one, so its optimum bounds the full optimum from below (with a trust region, the bound comes
   * from the solve's duals: Σα = 1's dual plus the least reduced cost of an α, which is the
   * relaxation's objective whenever the box does not bind). From time to time (when the solves
   * since the last check took ten times as long as it) a replay prices the current solution in
   * the full program, raising each step's slack until all its constraints hold, which bounds the
   * optimum from above (program-value.ts). The loop stops when upper − lower ≤ gap · upper and
   * returns the solution of the best upper bound; its objective is that bound.
   */
  readonly gap?: number;
  /**
   * Stop after this many seconds (default: none) with the best solution priced so far, its
   * objective an upper bound and `lowerBound` a lower bound on the optimum (as with `gap`, whose
   * bounds it keeps): an answer with a proven distance from the optimum when the program is too
   * large to finish. `status` says which ended the loop.
   */
  readonly timeLimit?: number;
  /** The mixture (pair units) the first search prices and the trust region is centred on
   * (default uniform), e.g. the solution for fewer merges. The optimum does not depend on it. */
  readonly start?: ArrayLike<number>;
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
  /** With `gap` or `timeLimit`: the best upper bound on the optimum so far, once there is one,
   * and the best lower bound. */
  readonly upper?: number;
  readonly lower?: number;
}

/** Result of {@link solveLazyLp}. */
export interface LazyLpResult {
  /** α: the mixture in pair units, summing to 1, in the transcript's category order. */
  readonly pairWeights: Float64Array;
  /** Solves (the last replay found nothing to add). */
  readonly rounds: number;
  /** Constraints added (besides Σα = 1), counting again one deleted and added again. */
  readonly constraints: number;
  /** Total slack at the solution returned (pairs per million): the optimum unless `gap` stopped
   * the loop early, then the full program's objective at that solution. */
  readonly objective: number;
  /** A lower bound on the optimum: `objective` itself when solved to the end. */
  readonly lowerBound: number;
  /** What ended the loop: the optimum proven, the `gap` met, or the `timeLimit` reached. */
  readonly status: "optimal" | "gap" | "time limit";
  /** Merges used. */
  readonly merges: number;
  /** Merges left out because their pair never occurs in any sample at their step. */
  readonly unseenMerges: number;
  /** Wall seconds spent finding violated constraints (replays), in the LP solver, and pricing
   * solutions in the full program (`gap`). */
  readonly seconds: { readonly search: number; readonly solve: number; readonly bound: number };
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
  const gap = options.gap ?? 0;
  if (!(gap >= 0 && gap < 1)) throw new MixtureError(`gap must be in [0, 1), got ${gap}`);
  const timeLimit = options.timeLimit ?? Number.POSITIVE_INFINITY;
  if (!(timeLimit > 0))
    throw new MixtureError(`timeLimit must be a positive number of seconds, got ${timeLimit}`);
  const deadline = performance.now() + 1000 * timeLimit;
  // Bounds are kept when something may stop the loop before the optimum.
  const bounded = gap > 0 || timeLimit < Number.POSITIVE_INFINITY;
  const n = t.categories.length;
  const P = t.pairCount;
  const { slotCategory, pairSlotStart, pairSlots, mergePair } = t;

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
    if (options.start !== undefined) {
      const start = Array.from(options.start);
      const sum = start.reduce((a, b) => a + b, 0);
      if (start.length !== n || !(sum > 0) || start.some((x) => !(x >= 0))) {
        throw new MixtureError(`start must be ${n} weights ≥ 0 with a positive sum`);
      }
      for (let i = 0; i < n; i++) alpha[i] = start[i] / sum;
    }
    const stepCol = new Int32Array(steps).fill(-1);
    const pairCol = new Int32Array(P).fill(-1);
    const stepSlack = new Float64Array(steps);
    const pairSlack = new Float64Array(P);
    let columns = n;
    const pool = new RowPool();
    const mixedCounts = new MixedCounts(t);
    const { cur } = mixedCounts;
    const unseen = new Uint8Array(steps);
    let objective = 0;

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
    // The gap: the best upper bound, its solution, and when to price the next one.
    let upper = Infinity;
    let lower = 0;
    const best = { alpha: new Float64Array(n), objective: 0 };
    let boundMs = 0;
    let lastBoundMs = 0;
    let solveMsAtBound = 0;
    let proven = false;
    let timedOut = false;
    let unseenAtBound = 0;
    // The sweep: `step` is the next step to check, `cur` the counts before it, the heap keyed by
    // the current solution. A sweep that ends having added no row proves the optimum.
    let step = 0;
    let sweepAdded = 0;
    // Key every pair by its mixed count at the current step under the current solution: after
    // a solve the sweep goes on from where it stopped rather than replaying from step 0 (the
    // replay up to the stop cost as much as all the rounds' solves together).
    const rekey = (): void => {
      mixedCounts.weigh(alpha);
      mixedCounts.rekey(pairSlack);
    };
    rekey();
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
      if (bounded) lower = Math.max(lower, lowerBound(solution, n, radius > 0, objective));
      timedOut = performance.now() >= deadline;
      // Priced when the solves since the last pricing took ten times as long as it, and at the end.
      if (bounded && (timedOut || solveMs - solveMsAtBound >= 10 * lastBoundMs)) {
        const boundStart = performance.now();
        const { value, unseenMerges } = programValue(t, steps, alpha, stepSlack, pairSlack);
        unseenAtBound = unseenMerges;
        if (value < upper) {
          upper = value;
          best.alpha.set(alpha);
          best.objective = value;
        }
        lastBoundMs = performance.now() - boundStart;
        boundMs += lastBoundMs;
        solveMsAtBound = solveMs;
      }
      if (gap > 0) proven = upper - lower <= gap * upper;
      options.onRound?.({
        round: rounds,
        constraints: added,
        step: stop,
        objective,
        rows: pool.size,
        iterations: solution.iterations,
        ...(upper < Infinity ? { upper, lower } : {}),
      });
    };
    for (;;) {
      if (rounds >= maxRounds) throw new MixtureError(`the program did not converge in ${maxRounds} rounds`);
      const searchStart = performance.now();
      const batch = new RowBatch(whole ? perRound : Infinity);
      const found: number[] = [];
      for (; step < steps && (whole || batch.size < perRound); step++) {
        const m = mergePair[step];
        if (!mixedCounts.occurs(m)) unseen[step] = 1;
        else {
          const mPrio = mixedCounts.mixed(m);
          const cutoff = mPrio + stepSlack[step] + tol;
          found.length = 0;
          mixedCounts.heap.above(cutoff, perStep, (p) => p !== m && !pool.has(step * P + p), found);
          let mReady = false;
          for (const p of found) {
            // The heap's keys drift by rounding over many updates: check exactly before adding.
            const violation = mixedCounts.mixed(p) - pairSlack[p] - cutoff;
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
        mixedCounts.advance(step);
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
        if (proven || timedOut) break;
        step = 0;
        sweepAdded = 0;
        mixedCounts.restart();
        rekey();
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
        if (proven || timedOut) break;
      }
      if (step === steps) {
        // A new sweep from the first step under the current solution.
        step = 0;
        sweepAdded = 0;
        mixedCounts.restart();
      }
      rekey();
    }
    let unseenMerges = 0;
    for (let s = 0; s < steps; s++) unseenMerges += unseen[s];
    // Stopped by the gap, perhaps before a first whole sweep: the pricing replay saw every step.
    const early = proven || timedOut;
    if (early) unseenMerges = unseenAtBound;
    return {
      pairWeights: early ? best.alpha : alpha,
      rounds,
      constraints: added,
      objective: early ? best.objective : objective,
      lowerBound: early ? lower : objective,
      status: proven ? "gap" : timedOut ? "time limit" : "optimal",
      merges: steps,
      unseenMerges,
      seconds: { search: searchMs / 1000, solve: solveMs / 1000, bound: boundMs / 1000 },
    };
  } finally {
    model.dispose();
  }
}

/**
 * A lower bound on the optimum of the program with the rows added so far (and so of the full
 * program), from one solve. Unboxed, the solve's objective. Boxed (a trust region on α), weak
 * duality for the unboxed program: with y the row duals, the Lagrangian
 * Σv − Σ_{r>0} y_r·(row r) is, over α in the simplex and v ≥ 0, at least y_0 + min_i d_i
 * (d the reduced costs; those of the slacks are ≥ 0 at an optimal basis). When the box does not
 * bind this is the objective itself; when it binds the bound is weaker, but still a bound.
 */
function lowerBound(solution: LpSolution, n: number, boxed: boolean, objective: number): number {
  if (!boxed) return objective;
  const { rowDuals, columnDuals } = solution;
  if (rowDuals === undefined || columnDuals === undefined) return -Infinity;
  let least = Infinity;
  for (let i = 0; i < n; i++) least = Math.min(least, columnDuals[i]);
  return Math.min(objective, rowDuals[0] + least);
}
