import { findAllIn } from "../regex/backtracking.js";

/**
 * Leftmost, non-overlapping matches of `re` (global, `u`) in `text` as flattened `[start, end)`
 * pairs, with the Rust `onig` crate's iteration rule: an empty match right where the previous
 * match ended is skipped.
 */
export function findAll(re: RegExp, text: string): number[] {
  const out: number[] = [];
  findAllIn(re, text, 0, out);
  return out;
}
