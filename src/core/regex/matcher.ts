/**
 * Regular expressions from untrusted files, run so that no pattern can make matching
 * superlinear or hang: `compileMatcher` picks, for a JavaScript pattern (`u` flag),
 *
 * 1. JavaScript's own RegExp when a match attempt is provably bounded (no unbounded repetition,
 *    a small backtracking bound: see backtrack-cost.ts) — linear over the text, and the fastest;
 * 2. else the linear engine (pike-vm.ts), for everything it supports: all but back-references,
 *    atomic groups over alternatives, and lookarounds over unboundedly many characters;
 * 3. else nothing: the pattern is refused with an `UnsafeRegexError` saying why.
 *
 * Either way the matches are JavaScript's (leftmost, then first in backtracking order).
 */
import { backtrackCost } from "./backtrack-cost.js";
import { backtrackingMatcher } from "./backtracking.js";
import { compileProgram, UnsupportedRegex } from "./compile.js";
import { parseRegex } from "./parse.js";
import { PikeVM } from "./pike-vm.js";

/** Leftmost-first matching of one pattern, by whichever engine runs it. */
export interface Matcher {
  readonly source: string;
  /** `linear`: the Pike VM; `backtracking`: JavaScript's RegExp (bounded patterns only). */
  readonly engine: "linear" | "backtracking";
  /**
   * The matches inside `text[start, end)` by Oniguruma's find-all rule (leftmost, non-overlapping;
   * an empty match right where the previous one ended is skipped), as `start, end` pairs
   * appended to `out` (returned). The window is the whole input: `^`, `$` and lookarounds see
   * nothing outside it.
   */
  findAll(text: string, start?: number, end?: number, out?: number[]): number[];
  /** The first match starting at or after `from` inside the window, as `[start, end]`, or null. */
  exec(text: string, from?: number, start?: number, end?: number): [number, number] | null;
  /** The end of the match that starts exactly at `from` (a sticky match), or -1. */
  matchAt(text: string, from: number, start?: number, end?: number): number;
  /**
   * tiktoken-style pieces from `from` to the window's end: each is the match anchored where the
   * previous one ended, or one character when there is none or it is empty. Their ends are
   * appended to `out` (returned).
   */
  tile(text: string, from: number, start?: number, end?: number, out?: number[]): number[];
}

/**
 * `pattern` quoted for an error message, cut after 160 characters: a refused pattern may be
 * tens of kilobytes (and a translated `\b` alone is 200 characters).
 *
 * @example
 * quotePattern("a+"); // "\"a+\""
 */
export function quotePattern(pattern: string): string {
  return JSON.stringify(pattern.length <= 160 ? pattern : `${pattern.slice(0, 160)}…`);
}

/**
 * A pattern refused because no engine can run it in bounded time per character (see
 * docs/security.md): thrown by `new Encoding(spec)` for such a `spec.pattern`; the file loaders
 * report it as their own error (`TokenizerSpecError`, `HfJsonError`).
 */
export class UnsafeRegexError extends Error {
  constructor(
    readonly reason: string,
    readonly source: string,
  ) {
    super(
      `refused pattern ${quotePattern(source)}: ${reason}; the linear-time engine cannot run it, and ` +
        "JavaScript's backtracking RegExp could take quadratic or exponential time on it",
    );
    this.name = "UnsafeRegexError";
  }
}

/**
 * Largest backtracking bound (steps per match attempt) still run on JavaScript's RegExp: its
 * compiled code is faster than the linear engine there, and the cost per character stays small.
 */
export const BACKTRACK_BUDGET = 256;

/** Which engine: `auto` as described above; the others force one (tests and benchmarks). */
export type EngineChoice = "auto" | "linear" | "backtracking";

/**
 * A matcher for `source` (JavaScript syntax, `u` flag). Throws JavaScript's SyntaxError for an
 * invalid pattern and {@link UnsafeRegexError} for one no engine runs safely.
 *
 * @example
 * compileMatcher("\\p{N}{1,3}").engine; // "backtracking" (at most 3 steps per attempt)
 * compileMatcher("\\s+(?!\\S)|\\s+").engine; // "linear"
 * compileMatcher("(?=(\\w+:))\\w"); // throws UnsafeRegexError (unbounded lookahead)
 */
export function compileMatcher(source: string, engine: EngineChoice = "auto"): Matcher {
  new RegExp(source, "u");
  if (engine === "backtracking") return backtrackingMatcher(source);
  let vm: PikeVM;
  try {
    // Inside the try: a pattern nested thousands deep overflows the recursive walks.
    const parsed = parseRegex(source);
    if (engine === "auto" && backtrackCost(parsed) <= BACKTRACK_BUDGET) return backtrackingMatcher(source);
    vm = new PikeVM(compileProgram(parsed));
  } catch (e) {
    if (e instanceof UnsupportedRegex) throw new UnsafeRegexError(e.reason, source);
    if (e instanceof RangeError) throw new UnsafeRegexError("a pattern nested too deeply", source);
    throw e;
  }
  return linearMatcher(source, vm);
}

function linearMatcher(source: string, vm: PikeVM): Matcher {
  return {
    source,
    engine: "linear",
    findAll(text, start = 0, end = text.length, out = []) {
      vm.findAll(text, start, end, out);
      return out;
    },
    exec(text, from = 0, start = 0, end = text.length) {
      return vm.exec(text, from, start, end);
    },
    matchAt(text, from, start = 0, end = text.length) {
      return vm.matchAt(text, from, start, end);
    },
    tile(text, from, start = 0, end = text.length, out = []) {
      vm.tile(text, from, start, end, out);
      return out;
    },
  };
}
