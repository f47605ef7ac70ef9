/**
 * Lookarounds over unboundedly many characters (`(?=(?:\d\d\d)+(?!\d))`, `(?<=\w+:)`), answered
 * for every position of the window in one pass, so that they cost O(states) per character like
 * the rest of the engine instead of a scan from each position they are asked at.
 *
 * A lookahead `(?=R)` holds at p when some text[p, q) is in R. Reading the window backwards from
 * its end with R compiled right to left, and starting a thread at every position (each a
 * candidate q), a thread reaches R's match exactly at the positions p where R matches some
 * text[p, q): one simulation of sets of states answers all positions. A lookbehind is the mirror
 * image (R left to right, read forwards). A lookaround is atomic in JavaScript — whether R
 * matches at all is all that counts — so sets of states without priorities are enough.
 */
import { holds } from "./assertion.js";
import { codePointAt, codePointBefore, unitLength } from "./chars.js";
import { ASSERT, CHAR, JMP, MATCH, type Program, SPLIT } from "./program.js";
import { vmWork } from "./work.js";

/** The last table computed for one lookaround, kept while the same window is matched. */
export interface LookTableCache {
  text: string;
  start: number;
  end: number;
  table: Uint8Array | null;
}

/** A fresh, empty cache. */
export function lookTableCache(): LookTableCache {
  return { text: "", start: -1, end: -1, table: null };
}

/**
 * Per position of the window `[start, end)` (index p − start), 1 where `program` matches text
 * beginning there (`behind` false: the program was compiled right to left) or ending there
 * (`behind` true: compiled left to right), else 0. Only character boundaries are filled in.
 */
export function lookTable(
  program: Program,
  behind: boolean,
  cache: LookTableCache,
  text: string,
  start: number,
  end: number,
): Uint8Array {
  if (cache.table !== null && cache.start === start && cache.end === end && cache.text === text) {
    return cache.table;
  }
  const table = scan(program, behind, text, start, end);
  cache.text = text;
  cache.start = start;
  cache.end = end;
  cache.table = table;
  return table;
}

function scan(program: Program, behind: boolean, text: string, start: number, end: number): Uint8Array {
  const { op, a, b, sets, asserts } = program;
  const size = program.size;
  const table = new Uint8Array(end - start + 1);
  const mark = new Int32Array(size);
  const stack = new Int32Array(2 * size + 2);
  let cur = new Int32Array(size);
  let next = new Int32Array(size);
  let stamp = 0;
  let n = 0;
  let matched = false;
  // Adds the ε-closure of `from` at `at` to `next` (every state, a match reached or not: the
  // set also carries the threads of later positions).
  const close = (from: number, at: number): void => {
    let sp = 0;
    stack[sp++] = from;
    while (sp > 0) {
      const x = stack[--sp];
      if (mark[x] === stamp) continue;
      mark[x] = stamp;
      vmWork.steps++;
      switch (op[x]) {
        case CHAR:
          next[n++] = x;
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
          matched = true;
          break;
        default:
          break;
      }
    }
  };
  let p = behind ? start : end;
  let count = 0;
  let cp = 0;
  for (;;) {
    stamp++;
    n = 0;
    matched = false;
    // The threads that were waiting for the character just crossed, then a new start here.
    for (let i = 0; i < count; i++) {
      const x = cur[i];
      if (sets[x]!.has(cp)) close(b[x], p);
    }
    close(program.start, p);
    if (matched) table[p - start] = 1;
    const t = cur;
    cur = next;
    next = t;
    count = n;
    if (behind ? p >= end : p <= start) break;
    cp = behind ? codePointAt(text, p, end) : codePointBefore(text, p, start);
    p += behind ? unitLength(cp) : -unitLength(cp);
  }
  return table;
}
