/**
 * The matcher on JavaScript's own (backtracking) RegExp, for patterns whose match attempts are
 * bounded (see backtrack-cost.ts): the same operations as the linear engine, with the same
 * iteration rules.
 */
import { codePointAt, unitLength } from "./chars.js";
import type { Matcher } from "./matcher.js";

/**
 * A matcher running `source` on V8's RegExp (`u` flag). Safe only for patterns with a finite
 * backtracking bound; `compileMatcher` decides.
 */
export function backtrackingMatcher(source: string): Matcher {
  const global = new RegExp(source, "gu");
  const sticky = new RegExp(source, "uy");
  const window = (text: string, start: number, end: number) =>
    start === 0 && end === text.length ? text : text.slice(start, end);
  return {
    source,
    engine: "backtracking",
    findAll(text, start = 0, end = text.length, out = []) {
      const subject = window(text, start, end);
      findAllIn(global, subject, start, out);
      return out;
    },
    exec(text, from = 0, start = 0, end = text.length) {
      global.lastIndex = from - start;
      const m = global.exec(window(text, start, end));
      return m === null ? null : [m.index + start, m.index + start + m[0].length];
    },
    matchAt(text, from, start = 0, end = text.length) {
      sticky.lastIndex = from - start;
      const m = sticky.exec(window(text, start, end));
      return m === null ? -1 : from + m[0].length;
    },
    tile(text, from, start = 0, end = text.length, out = []) {
      const subject = window(text, start, end);
      const n = end - start;
      let pos = from - start;
      while (pos < n) {
        sticky.lastIndex = pos;
        const m = sticky.exec(subject);
        pos += m === null || m[0].length === 0 ? unitLength(codePointAt(subject, pos, n)) : m[0].length;
        out.push(pos + start);
      }
      return out;
    },
  };
}

/**
 * Leftmost, non-overlapping matches of `re` (global, `u`) in `text` as flattened `[start, end)`
 * pairs offset by `offset`, with the Rust `onig` crate's iteration rule: an empty match right
 * where the previous match ended is skipped.
 */
export function findAllIn(re: RegExp, text: string, offset: number, out: number[]): void {
  let lastEnd = 0;
  let lastMatchEnd = -1;
  while (lastEnd <= text.length) {
    re.lastIndex = lastEnd;
    const m = re.exec(text);
    if (m === null) break;
    const s = m.index;
    const e = s + m[0].length;
    if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) {
      // V8 may try an empty-width match between the halves of a surrogate pair; Oniguruma works
      // on whole characters, so such a match does not exist there.
      lastEnd = s + 1;
      continue;
    }
    if (s === e && e === lastMatchEnd) {
      if (e >= text.length) break;
      lastEnd = e + unitLength(codePointAt(text, e, text.length));
      continue;
    }
    out.push(s + offset, e + offset);
    lastEnd = e;
    lastMatchEnd = e;
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
