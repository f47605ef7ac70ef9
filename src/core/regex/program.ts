/**
 * The compiled form the linear engine runs: a Thompson NFA as instruction arrays. Each state is
 * one instruction:
 *
 * - `CHAR`: consume one character in `sets[s]`, go to `b[s]`;
 * - `SPLIT`: try `a[s]`, then `b[s]` (the order is the priority of backtracking);
 * - `JMP`: go to `a[s]`;
 * - `ASSERT`: if `asserts[s]` holds here, go to `b[s]`;
 * - `MATCH`: a match ends here; `FAIL`: a dead end.
 *
 * No path of ε-moves (everything but `CHAR`) leads back to a state it left: every loop body
 * consumes a character (see compile.ts), which is how JavaScript treats empty iterations too.
 */
import type { CharSet } from "./char-set.js";
import type { LookTableCache } from "./look-table.js";

export const CHAR = 0;
export const SPLIT = 1;
export const JMP = 2;
export const ASSERT = 3;
export const MATCH = 4;
export const FAIL = 5;

/** A zero-width test at a position of the window `[start, end)`. */
export type Assertion =
  /** The character at the position (`ahead`) or before it (`behind`) is in `set` (or not). */
  | { readonly kind: "ahead" | "behind"; readonly set: CharSet; readonly negate: boolean }
  /** The start (`^`) or the end (`$`) of the window. */
  | { readonly kind: "start" | "end" }
  /** `\b` (or `\B`): exactly one side is an ASCII word character. */
  | { readonly kind: "boundary"; readonly negate: boolean }
  /** A lookaround over several characters: whether `program` matches from here (or up to here). */
  | { readonly kind: "sub"; readonly program: Program; readonly backward: boolean; readonly negate: boolean }
  /**
   * A lookaround over unboundedly many characters, answered for the whole window at once (see
   * look-table.ts): `program` is its body compiled right to left for a lookahead.
   */
  | {
      readonly kind: "table";
      readonly program: Program;
      readonly behind: boolean;
      readonly negate: boolean;
      readonly cache: LookTableCache;
    };

export interface Program {
  readonly size: number;
  readonly op: Uint8Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Per `CHAR` state: its set; per `ASSERT` state: its assertion. */
  readonly sets: readonly (CharSet | null)[];
  readonly asserts: readonly (Assertion | null)[];
  readonly start: number;
  /**
   * Per `CHAR` state, the states its successor reaches by ε-moves when none of them is an
   * assertion: the `CHAR` states in priority order, ending with -1 when a match is reachable
   * (nothing after a match counts). `null` when an assertion is on the way or the walk is long
   * (then the engine walks the states itself, marking them, which bounds the work per
   * character by the number of states: a thread walks a list in full, so long lists would make
   * it states × states).
   */
  readonly follow: readonly (Int32Array | null)[];
  /** The same for the start state. */
  readonly startFollow: Int32Array | null;
}

/** Program states under construction (see compile.ts). */
export class ProgramBuilder {
  readonly op: number[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly sets: (CharSet | null)[] = [];
  readonly asserts: (Assertion | null)[] = [];

  constructor(private readonly limit: () => void) {}

  add(
    op: number,
    a: number,
    b: number,
    set: CharSet | null = null,
    assertion: Assertion | null = null,
  ): number {
    this.limit();
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    this.sets.push(set);
    this.asserts.push(assertion);
    return this.op.length - 1;
  }

  /** Freezes the states into a program starting at `start`. */
  build(start: number): Program {
    const size = this.op.length;
    const op = Uint8Array.from(this.op);
    const a = Int32Array.from(this.a);
    const b = Int32Array.from(this.b);
    const follow: (Int32Array | null)[] = [];
    for (let s = 0; s < size; s++) follow.push(op[s] === CHAR ? closure(op, a, b, b[s]) : null);
    return {
      size,
      op,
      a,
      b,
      sets: this.sets,
      asserts: this.asserts,
      start,
      follow,
      startFollow: closure(op, a, b, start),
    };
  }
}

/** Longest static closure kept (in `CHAR` states), and most states its walk may visit. */
const FOLLOW_LIMIT = 16;
const WALK_LIMIT = 64;

/**
 * The static ε-closure of `from` (see `Program.follow`), or null when it meets an assertion or
 * is long. The walk's limit also keeps building the program linear in its states.
 */
function closure(op: Uint8Array, a: Int32Array, b: Int32Array, from: number): Int32Array | null {
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (seen.size > WALK_LIMIT || out.length > FOLLOW_LIMIT) return null;
    switch (op[s]) {
      case CHAR:
        out.push(s);
        break;
      case SPLIT:
        stack.push(b[s], a[s]);
        break;
      case JMP:
        stack.push(a[s]);
        break;
      case ASSERT:
        return null;
      case MATCH:
        out.push(-1);
        return Int32Array.from(out);
      default:
        break;
    }
  }
  return Int32Array.from(out);
}
