/**
 * The rows of the lazy program (src/mixture/lazy-lp.ts) besides Σα = 1: which (step, pair) each
 * model row stands for, which (step, pair) are in the model, and deleting the rows that do not
 * bind after a solve (decision 0049). Their slack is basic, so their duals are zero: the solution
 * stays optimal for the smaller program and the solver keeps its basis. Basic rather than
 * "activity above zero": the program is degenerate, and at 2,000 merges 20,000 rows held with
 * equality against 3,500 columns, so a test on the activity kept them all. Keeping more of them
 * (those that bound in recent solves, or that hold by a small margin) was measured and did not
 * pay (decision 0051).
 */
import type { LpModel } from "./solver.js";

/** Model rows after Σα = 1 (which is row 0), in the model's order. */
export class RowPool {
  /** Key `step · pairs + pair` of each row. */
  private keys: number[] = [];
  /** The keys of the rows in the model. */
  private readonly present = new Set<number>();

  get size(): number {
    return this.keys.length;
  }

  has(key: number): boolean {
    return this.present.has(key);
  }

  /** Records a row appended to the model. */
  add(key: number): void {
    this.keys.push(key);
    this.present.add(key);
  }

  /**
   * Deletes from `model` the rows whose slack is basic (`rowBasic`, in the model's row order,
   * Σα = 1 first), forgetting their keys so that the search may add them again.
   */
  prune(model: LpModel, rowBasic: Uint8Array): void {
    const keys: number[] = [];
    const drop: number[] = [];
    for (let r = 0; r < this.keys.length; r++) {
      if (rowBasic[r + 1] === 1) {
        drop.push(r + 1);
        this.present.delete(this.keys[r]);
      } else keys.push(this.keys[r]);
    }
    model.deleteRows(Int32Array.from(drop));
    this.keys = keys;
  }
}
