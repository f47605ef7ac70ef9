import type { RangeSink } from "./pretokenized.js";

/** What happens to a delimiter (a pattern match) when a split is cut (HF `SplitDelimiterBehavior`). */
export type SplitDelimiterBehavior =
  | "Removed"
  | "Isolated"
  | "MergedWithPrevious"
  | "MergedWithNext"
  | "Contiguous";

/** The behaviors tokenizer.json may name, for validation. */
export const SPLIT_BEHAVIORS: readonly SplitDelimiterBehavior[] = [
  "Removed",
  "Isolated",
  "MergedWithPrevious",
  "MergedWithNext",
  "Contiguous",
];

/**
 * The pattern's view of a split, as HF's `Pattern::find_matches` returns it: consecutive ranges
 * covering `[start, end)`, flattened as `start, end, isMatch (0/1)` triples.
 */
export type MatchList = number[];

/**
 * Cuts a split at the given matches with HF's `NormalizedString::split` rules and emits the
 * kept ranges. The folds are HF's, kept literally (the first element always starts a range,
 * `MergedWithNext` folds from the end) because their corner cases — an empty match, two matches
 * in a row — decide the pieces.
 *
 * @example
 * // "a-b" with "-" matched: Isolated → "a", "-", "b"; MergedWithPrevious → "a-", "b"
 * applyBehavior([0, 1, 0, 1, 2, 1, 2, 3, 0], "MergedWithPrevious", emit);
 */
export function applyBehavior(m: MatchList, behavior: SplitDelimiterBehavior, emit: RangeSink): void {
  const n = m.length;
  switch (behavior) {
    case "Isolated":
      for (let k = 0; k < n; k += 3) emit(m[k], m[k + 1]);
      return;
    case "Removed":
      for (let k = 0; k < n; k += 3) if (m[k + 2] === 0) emit(m[k], m[k + 1]);
      return;
    case "Contiguous":
    case "MergedWithPrevious": {
      const contiguous = behavior === "Contiguous";
      let prev = false;
      let hasRange = false;
      let rs = 0;
      let re = 0;
      for (let k = 0; k < n; k += 3) {
        const isMatch = m[k + 2] === 1;
        const extend = contiguous ? isMatch === prev : isMatch && !prev;
        if (extend && hasRange) re = m[k + 1];
        else {
          if (hasRange) emit(rs, re);
          rs = m[k];
          re = m[k + 1];
          hasRange = true;
        }
        prev = isMatch;
      }
      if (hasRange) emit(rs, re);
      return;
    }
    case "MergedWithNext": {
      // Folded from the end: a match absorbs the range after it; then emitted front to back.
      const out: number[] = [];
      let prev = false;
      for (let k = n - 3; k >= 0; k -= 3) {
        const isMatch = m[k + 2] === 1;
        if (isMatch && !prev && out.length > 0) out[out.length - 2] = m[k];
        else out.push(m[k], m[k + 1]);
        prev = isMatch;
      }
      for (let k = out.length - 2; k >= 0; k -= 2) emit(out[k], out[k + 1]);
      return;
    }
  }
}
