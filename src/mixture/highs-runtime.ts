/**
 * Loading the npm package `highs` (HiGHS compiled to WebAssembly, an optional peer dependency)
 * on first use, and the part of its model API that toklab's two adapters use: highs.ts, the
 * program as given, and highs-dual.ts, its dual.
 */
import { MixtureError } from "./errors.js";

/** A sparse matrix as HiGHS takes it, by columns (`csc`) or by rows (`csr`). */
export interface HighsMatrix<F extends "csc" | "csr"> {
  format: F;
  numRows: number;
  numCols: number;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** The parts of the `highs` package used here (its own types are richer). */
export interface HighsModel {
  readonly options: { set(values: Record<string, string | number | boolean>): unknown };
  readonly info: { get(name: string): number | bigint };
  addCols(data: {
    cost: Float64Array;
    lower: Float64Array;
    upper: Float64Array;
    matrix: HighsMatrix<"csc">;
  }): unknown;
  addRows(data: { lower: Float64Array; upper: Float64Array; matrix: HighsMatrix<"csr"> }): unknown;
  deleteRows(selection: { kind: "set"; indices: Int32Array }): unknown;
  changeColsBounds(
    selection: { kind: "set"; indices: Int32Array },
    lower: Float64Array,
    upper: Float64Array,
  ): unknown;
  getDimensions(): { numCols: number; numRows: number };
  run(): { modelStatus: number };
  getSolution(): {
    colValue: Float64Array;
    rowValue: Float64Array;
    colDual: Float64Array;
    rowDual: Float64Array;
  };
  getBasis(): { rowStatus: Int32Array; colStatus: Int32Array };
  deleteCols(selection: { kind: "set"; indices: Int32Array }): unknown;
  getObjectiveValue(): number;
  dispose(): void;
}
export interface HighsRuntime {
  createModel(): HighsModel;
  readonly constants: { readonly modelStatus: Readonly<Record<string, number>> };
}

let runtime: Promise<HighsRuntime> | undefined;

/** The loaded HiGHS runtime, or an error that says how to install it. */
export function loadRuntime(): Promise<HighsRuntime> {
  runtime ??= (async () => {
    let loader: (options?: object) => Promise<unknown>;
    try {
      const mod = (await import("highs")) as unknown as { default: (options?: object) => Promise<unknown> };
      loader = mod.default;
    } catch (e) {
      throw new MixtureError(
        `data-mixture inference needs the optional package "highs" (the HiGHS LP solver; npm install highs): ${(e as Error).message}`,
      );
    }
    return (await loader()) as HighsRuntime;
  })();
  runtime.catch(() => {
    runtime = undefined;
  });
  return runtime;
}

/** HiGHS's basis status of a basic variable (`constants.basisStatus.basic`). */
export const BASIC = 1;

/**
 * HiGHS options (its own names, e.g. `simplex_dual_edge_weight_strategy`), set on every model
 * after toklab's: for measuring the solver's settings.
 */
export type HighsOptions = Readonly<Record<string, string | number | boolean>>;

/**
 * What both adapters share: the model, quiet and on simplex (only simplex restarts from the last
 * basis), the caller's options over the adapter's, a run that names its status, and disposal.
 */
export abstract class HighsAdapter {
  private readonly statusName: Map<number, string>;

  constructor(
    protected readonly model: HighsModel,
    codes: Readonly<Record<string, number>>,
    settings: HighsOptions,
  ) {
    this.statusName = new Map(Object.entries(codes).map(([k, v]) => [v, k]));
    model.options.set({ output_flag: false, solver: "simplex", presolve: "off", ...settings });
  }

  /** Solves; the status's name and the simplex iterations it took. */
  protected run(): { status: string; iterations: number } {
    const { modelStatus } = this.model.run();
    return {
      status: this.statusName.get(modelStatus) ?? `status ${modelStatus}`,
      iterations: Number(this.model.info.get("simplex_iteration_count")),
    };
  }

  dispose(): void {
    this.model.dispose();
  }
}
