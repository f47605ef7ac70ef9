import type { PieceScanner } from "../pretokenize/types.js";
import type { MatchList } from "./behavior.js";

/**
 * Something a split can be cut at (HF `Pattern`): writes the matches inside `text[start, end)`
 * as `start, end` pairs, in order and non-overlapping, into `out`.
 */
export interface SplitPattern {
  matches(text: string, start: number, end: number, out: number[]): void;
}

/**
 * A character predicate as a pattern: every character it accepts is a match of its own (HF's
 * `Fn(char) -> bool` pattern, used by WhitespaceSplit, Bert, Punctuation, Digits, Metaspace).
 */
export function charPattern(accept: (codePoint: number) => boolean): SplitPattern {
  return {
    matches(text, start, end, out) {
      for (let i = start; i < end; ) {
        const cp = text.codePointAt(i)!;
        const w = cp > 0xffff && i + 1 < end ? 2 : 1;
        if (accept(cp)) out.push(i, i + w);
        i += w;
      }
    },
  };
}

/** A scanner whose pieces tile the text as a pattern: every piece is a match. */
export function scannerPattern(next: PieceScanner): SplitPattern {
  return {
    matches(text, start, end, out) {
      for (let i = start; i < end; ) {
        const e = next(text, i, end);
        out.push(i, e);
        i = e;
      }
    },
  };
}

/**
 * HF's `find_matches`: the matches of `pattern` in `text[start, end)` with the gaps between them
 * as non-matches, flags flipped when `invert` (HF `Invert`). An empty split is one empty
 * non-match.
 */
export function findMatches(
  pattern: SplitPattern,
  text: string,
  start: number,
  end: number,
  invert: boolean,
  scratch: number[],
  out: MatchList,
): MatchList {
  out.length = 0;
  const yes = invert ? 0 : 1;
  const no = 1 - yes;
  if (start === end) {
    out.push(start, start, no);
    return out;
  }
  scratch.length = 0;
  pattern.matches(text, start, end, scratch);
  let prev = start;
  for (let k = 0; k < scratch.length; k += 2) {
    const s = scratch[k];
    const e = scratch[k + 1];
    if (prev !== s) out.push(prev, s, no);
    out.push(s, e, yes);
    prev = e;
  }
  if (prev !== end) out.push(prev, end, no);
  return out;
}
