/**
 * Zero-width tests at a position: single-character lookarounds, `^ $ \b \B`, and lookarounds over
 * a bounded number of characters, which are run as their own small program (does any path
 * match? no priorities needed) from the position, or backwards to it for a lookbehind.
 */
import { codePointAt, codePointBefore, unitLength } from "./chars.js";
import { lookTable } from "./look-table.js";
import { ASSERT, type Assertion, CHAR, JMP, MATCH, type Program, SPLIT } from "./program.js";
import { vmWork } from "./work.js";

/**
 * Whether `assertion` holds at `p` in the window `[start, end)` of `text`.
 *
 * @example
 * holds({ kind: "end" }, "ab", 2, 0, 2); // true
 */
export function holds(assertion: Assertion, text: string, p: number, start: number, end: number): boolean {
  switch (assertion.kind) {
    case "ahead":
      return (p < end && assertion.set.has(codePointAt(text, p, end))) !== assertion.negate;
    case "behind":
      return (p > start && assertion.set.has(codePointBefore(text, p, start))) !== assertion.negate;
    case "start":
      return p === start;
    case "end":
      return p === end;
    case "boundary": {
      const before = p > start && isWord(text.charCodeAt(p - 1));
      const after = p < end && isWord(text.charCodeAt(p));
      return (before !== after) !== assertion.negate;
    }
    case "sub":
      return matchesAt(assertion.program, assertion.backward, text, p, start, end) !== assertion.negate;
    case "table": {
      const table = lookTable(assertion.program, assertion.behind, assertion.cache, text, start, end);
      return (table[p - start] === 1) !== assertion.negate;
    }
  }
}

/** ASCII word characters, JavaScript's `\w` and `\b` without the `i` flag. */
function isWord(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Reusable state sets of one program (a lookaround's program never contains itself). */
interface Scratch {
  mark: Int32Array;
  stamp: number;
  cur: Int32Array;
  next: Int32Array;
  stack: Int32Array;
}

const scratches = new WeakMap<Program, Scratch>();

function scratchOf(program: Program): Scratch {
  let s = scratches.get(program);
  if (s === undefined) {
    const n = program.size;
    s = {
      mark: new Int32Array(n),
      stamp: 0,
      cur: new Int32Array(n),
      next: new Int32Array(n),
      stack: new Int32Array(2 * n + 2),
    };
    scratches.set(program, s);
  }
  return s;
}

/**
 * Whether `program` matches text starting at `p` (or, `backward`, text ending at `p`) inside
 * the window: a breadth-first walk over sets of states, at most one visit per state and position.
 */
function matchesAt(
  program: Program,
  backward: boolean,
  text: string,
  p: number,
  start: number,
  end: number,
): boolean {
  const s = scratchOf(program);
  const { op, a, b, sets, asserts } = program;
  let cur = s.cur;
  let next = s.next;
  const stack = s.stack;
  const mark = s.mark;
  // Adds the ε-closure of `from` at position `at` to `list`; true when it reaches the match.
  const close = (from: number, at: number, list: Int32Array, n: number[]): boolean => {
    let sp = 0;
    stack[sp++] = from;
    while (sp > 0) {
      const x = stack[--sp];
      if (mark[x] === s.stamp) continue;
      mark[x] = s.stamp;
      vmWork.steps++;
      switch (op[x]) {
        case CHAR:
          list[n[0]++] = x;
          break;
        case SPLIT:
          stack[sp++] = b[x];
          stack[sp++] = a[x];
          break;
        case JMP:
          stack[sp++] = a[x];
          break;
        case ASSERT:
          if (holds(asserts[x]!, text, at, start, end)) stack[sp++] = b[x];
          break;
        case MATCH:
          return true;
        default:
          break;
      }
    }
    return false;
  };
  s.stamp++;
  const count = [0];
  if (close(program.start, p, cur, count)) return true;
  let n = count[0];
  while (n > 0) {
    if (backward ? p <= start : p >= end) return false;
    const cp = backward ? codePointBefore(text, p, start) : codePointAt(text, p, end);
    p += backward ? -unitLength(cp) : unitLength(cp);
    s.stamp++;
    const m = [0];
    for (let i = 0; i < n; i++) {
      const x = cur[i];
      if (sets[x]!.has(cp) && close(b[x], p, next, m)) return true;
    }
    n = m[0];
    const t = cur;
    cur = next;
    next = t;
  }
  return false;
}
