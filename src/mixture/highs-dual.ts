/**
 * HiGHS solving the *dual* of the program it is given (decision 0051 measures it against
 * highs.ts). The lazy program has far more rows than columns and only ever gains rows, which in
 * the dual are columns: a new column leaves the last solution feasible, so primal simplex on the
 * dual starts from it, and a row that does not bind is a dual column at zero that can go.
 *
 * Only programs of the lazy program's shape: columns `x ≥ 0` with no upper bound, rows either
 * `≥ lower` or `= lower`. For `min cᵀx, Aᵢx ≥ bᵢ (or = bᵢ), x ≥ 0` the dual is
 * `max bᵀy, Aᵀy ≤ c, yᵢ ≥ 0 (free for an equality)`, solved here as `min −bᵀy`. A primal row is a
 * dual column with the same entries (the CSR rows are passed as CSC columns), a primal column a
 * dual row; x is read back from the dual rows' duals.
 */
import { MixtureError } from "./errors.js";
import { BASIC, HighsAdapter, type HighsModel, type HighsOptions, loadRuntime } from "./highs-runtime.js";
import type { LpModel, LpRows, LpSolution, LpSolver } from "./solver.js";

class HighsDualLp extends HighsAdapter implements LpModel {
  constructor(model: HighsModel, codes: Readonly<Record<string, number>>, options: HighsOptions) {
    // Primal simplex (strategy 4): new columns keep the last basis primal feasible.
    super(model, codes, { simplex_strategy: 4, ...options });
  }

  addColumns(cost: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
    const first = this.model.getDimensions().numRows;
    const n = cost.length;
    for (let j = 0; j < n; j++) {
      if (lower[j] !== 0 || upper[j] !== Infinity) {
        throw new MixtureError("the dual HiGHS adapter takes only columns x ≥ 0 with no upper bound");
      }
    }
    this.model.addRows({
      lower: new Float64Array(n).fill(-Infinity),
      upper: Float64Array.from(cost),
      matrix: {
        format: "csr",
        numRows: n,
        numCols: this.model.getDimensions().numCols,
        starts: new Int32Array(n + 1),
        indices: new Int32Array(0),
        values: new Float64Array(0),
      },
    });
    return first;
  }

  addRows(rows: LpRows): void {
    const n = rows.lower.length;
    if (n === 0) return;
    const cost = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n).fill(Infinity);
    for (let r = 0; r < n; r++) {
      if (rows.upper[r] === rows.lower[r]) lower[r] = -Infinity;
      else if (rows.upper[r] !== Infinity) {
        throw new MixtureError("the dual HiGHS adapter takes only rows ≥ lower or = lower");
      }
      cost[r] = -rows.lower[r];
    }
    this.model.addCols({
      cost,
      lower,
      upper,
      matrix: {
        format: "csc",
        numRows: this.model.getDimensions().numRows,
        numCols: n,
        starts: rows.starts,
        indices: rows.indices,
        values: rows.values,
      },
    });
  }

  deleteRows(rows: Int32Array): void {
    if (rows.length > 0) this.model.deleteCols({ kind: "set", indices: rows });
  }

  solve(): LpSolution {
    const { status, iterations } = this.run();
    const values = Float64Array.from(this.model.getSolution().rowDual, (d) => -d);
    // The bases are complementary: a primal row's slack is basic exactly when its dual column
    // is not.
    const rowBasic = Uint8Array.from(this.model.getBasis().colStatus, (status) => (status === BASIC ? 0 : 1));
    return { status, values, rowBasic, objective: -this.model.getObjectiveValue(), iterations };
  }
}

/**
 * HiGHS on the dual of the program (see the module comment); a drop-in {@link LpSolver} for the
 * lazy program, for measurements.
 *
 * @example
 * ```ts
 * const { pairWeights } = solveLazyLp(transcript, await highsDualSolver());
 * ```
 */
export async function highsDualSolver(options: HighsOptions = {}): Promise<LpSolver> {
  const highs = await loadRuntime();
  return {
    name: "HiGHS (dual)",
    createModel: () => new HighsDualLp(highs.createModel(), highs.constants.modelStatus, options),
  };
}
