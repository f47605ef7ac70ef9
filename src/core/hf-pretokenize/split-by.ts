import type { PieceScanner } from "../pretokenize/types.js";
import { applyBehavior, type SplitDelimiterBehavior } from "./behavior.js";
import { findMatches, type SplitPattern } from "./patterns.js";
import type { Splittable } from "./types.js";

/**
 * Cuts every split of `pts` at the matches of `pattern` (HF `NormalizedString::split` inside
 * `PreTokenizedString::split`).
 *
 * @example
 * splitByPattern(pts, charPattern((c) => c === 0x2d), "Isolated"); // "a-b" → "a", "-", "b"
 */
export function splitByPattern(
  pts: Splittable,
  pattern: SplitPattern,
  behavior: SplitDelimiterBehavior,
  invert = false,
): void {
  const scratch: number[] = [];
  const matches: number[] = [];
  pts.split((text, start, end, emit) => {
    applyBehavior(findMatches(pattern, text, start, end, invert, scratch, matches), behavior, emit);
  });
}

/**
 * Cuts every split into the pieces of a scanner, the fast path of an `Isolated` split by a
 * pattern whose matches tile the text (every behavior but `Removed` without `invert` ends the same).
 */
export function splitByScanner(pts: Splittable, next: PieceScanner): void {
  pts.split((text, start, end, emit) => {
    for (let i = start; i < end; ) {
      const e = next(text, i, end);
      emit(i, e);
      i = e;
    }
  });
}

/**
 * The first occurrence of `lit` (non-empty) inside `text[from, end)`, or -1. `indexOf` alone
 * would scan past `end` to the end of the text, quadratic over the many small ranges of one
 * long string that the pipeline passes.
 */
export function indexOfIn(text: string, lit: string, from: number, end: number): number {
  if (end === text.length) return text.indexOf(lit, from);
  const n = lit.length;
  const c0 = lit.charCodeAt(0);
  for (let i = from; i + n <= end; i++) {
    if (text.charCodeAt(i) !== c0) continue;
    let k = 1;
    while (k < n && text.charCodeAt(i + k) === lit.charCodeAt(k)) k++;
    if (k === n) return i;
  }
  return -1;
}
