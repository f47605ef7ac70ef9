/**
 * The linear-programming solver behind data-mixture inference, as a small interface: a model
 * that grows (columns and rows are only ever added, as lazily generated constraints arrive) and
 * is re-solved after each batch, starting from the previous solution where the solver can. The
 * HiGHS implementation is in highs.ts; another solver plugs in by implementing these two types.
 */

/** Rows `lower[r] ≤ Σ values[k]·x[indices[k]] ≤ upper[r]`, `k` in `starts[r] .. starts[r + 1]`. */
export interface LpRows {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** The outcome of {@link LpModel.solve}. */
export interface LpSolution {
  /** `optimal`, or the solver's word for what else happened (`infeasible`, `time limit`, ...). */
  readonly status: string;
  /** The value of every column, in the order they were added. */
  readonly values: Float64Array;
  /**
   * Per row, in the model's current row order, 1 where the row's own slack is in the optimal
   * basis: its dual is zero, so deleting it leaves the solution optimal and the basis valid.
   */
  readonly rowBasic: Uint8Array;
  readonly objective: number;
  /** Simplex iterations of this solve, where the solver reports them (for measurements). */
  readonly iterations?: number;
  /**
   * The duals where the solver gives them: per row (model order) and per column (reduced
   * costs, `cost − Aᵀ·rowDuals`). The lazy program derives a lower bound on its optimum from
   * them when α is boxed in (a trust region).
   */
  readonly rowDuals?: Float64Array;
  readonly columnDuals?: Float64Array;
}

/** A minimisation LP that grows. */
export interface LpModel {
  /** Appends columns with these costs and bounds (`Infinity` for none); returns the first's index. */
  addColumns(cost: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number;
  /** Appends rows over existing columns. */
  addRows(rows: LpRows): void;
  /**
   * Deletes the rows at these indices (strictly increasing); the rows after them move down. Only
   * rows that do not bind at the last solution are deleted, so the solver can keep its basis.
   */
  deleteRows(rows: Int32Array): void;
  /**
   * Sets the bounds of the first `lower.length` columns (only solvers that can; the lazy
   * program's trust region needs it).
   */
  setColumnBounds?(lower: ArrayLike<number>, upper: ArrayLike<number>): void;
  /** Solves, warm from the last solution when the solver can. */
  solve(): LpSolution;
  /** Frees the solver's memory; the model is unusable afterwards. */
  dispose(): void;
}

/** Makes models. */
export interface LpSolver {
  readonly name: string;
  createModel(): LpModel;
}
