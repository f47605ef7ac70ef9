/**
 * HiGHS (the University of Edinburgh's LP/MIP solver, MIT) compiled to WebAssembly: the npm
 * package `highs`, an optional peer dependency of toklab loaded on first use. Its persistent
 * model keeps the simplex basis between solves, so adding a batch of rows and solving again
 * starts from the last optimum (dual simplex), which is what lazily generated constraints need.
 * docs/decisions/0034-mixture-inference.md says why this solver.
 */
import { BASIC, HighsAdapter, type HighsOptions, loadRuntime } from "./highs-runtime.js";
import type { LpModel, LpRows, LpSolution, LpSolver } from "./solver.js";

export type { HighsOptions };

class HighsLp extends HighsAdapter implements LpModel {
  addColumns(cost: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
    const first = this.model.getDimensions().numCols;
    const n = cost.length;
    this.model.addCols({
      cost: Float64Array.from(cost),
      lower: Float64Array.from(lower),
      upper: Float64Array.from(upper),
      matrix: {
        format: "csc",
        numRows: this.model.getDimensions().numRows,
        numCols: n,
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
    this.model.addRows({
      lower: rows.lower,
      upper: rows.upper,
      matrix: {
        format: "csr",
        numRows: n,
        numCols: this.model.getDimensions().numCols,
        starts: rows.starts,
        indices: rows.indices,
        values: rows.values,
      },
    });
  }

  setColumnBounds(lower: ArrayLike<number>, upper: ArrayLike<number>): void {
    const n = lower.length;
    this.model.changeColsBounds(
      { kind: "set", indices: Int32Array.from({ length: n }, (_, i) => i) },
      Float64Array.from(lower),
      Float64Array.from(upper),
    );
  }

  deleteRows(rows: Int32Array): void {
    if (rows.length > 0) this.model.deleteRows({ kind: "set", indices: rows });
  }

  solve(): LpSolution {
    const { status, iterations } = this.run();
    const solution = this.model.getSolution();
    return {
      status,
      values: solution.colValue,
      rowDuals: solution.rowDual,
      columnDuals: solution.colDual,
      rowBasic: Uint8Array.from(this.model.getBasis().rowStatus, (status) => (status === BASIC ? 1 : 0)),
      objective: this.model.getObjectiveValue(),
      iterations,
    };
  }
}

/**
 * The HiGHS solver (loads the WebAssembly module on first call, ≈ 0.1 s). Throws a
 * {@link MixtureError} with the install command when the `highs` package is missing.
 *
 * @example
 * ```ts
 * const solver = await highsSolver();
 * const lp = solver.createModel();
 * lp.addColumns([1, 1], [0, 0], [Infinity, Infinity]);
 * lp.addRows({ lower: Float64Array.of(1), upper: Float64Array.of(Infinity), starts: Int32Array.of(0, 2), indices: Int32Array.of(0, 1), values: Float64Array.of(1, 1) });
 * lp.solve().objective; // 1
 * ```
 */
export async function highsSolver(options: HighsOptions = {}): Promise<LpSolver> {
  const highs = await loadRuntime();
  return {
    name: "HiGHS",
    createModel: () => new HighsLp(highs.createModel(), highs.constants.modelStatus, options),
  };
}
