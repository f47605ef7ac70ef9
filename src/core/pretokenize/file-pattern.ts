/**
 * A pretokenizer for a tiktoken pattern that comes from a file or a caller (a `.tiktoken`
 * file's manifest, `--pattern`), which may be hostile: it runs on an engine that keeps
 * splitting linear in the text (src/core/regex), never on a backtracking RegExp that a pattern
 * like `(a+)+$` or `a*a*a*b` can stall for minutes.
 */
import { compileMatcher } from "../regex/index.js";
import { regexPretokenizer, translateTiktokenPattern } from "./regex.js";
import type { Pretokenizer } from "./types.js";

/**
 * The pretokenizer for `pattern` (tiktoken syntax) with the same pieces as
 * {@link regexPretokenizer}: each piece is the pattern's match anchored where the previous one
 * ended, or one character where it has none. Throws JavaScript's SyntaxError for an invalid
 * pattern and `UnsafeRegexError` (naming the pattern) for one no engine runs in linear time.
 *
 * @example
 * splitPieces(filePatternPretokenizer("custom", "(a+)+$| "), "aa aa"); // ["a", "a", " ", "aa"]
 */
export function filePatternPretokenizer(name: string, pattern: string): Pretokenizer {
  const matcher = compileMatcher(translateTiktokenPattern(pattern));
  // A pattern whose match attempts are bounded runs on RegExp, the fastest engine.
  if (matcher.engine === "backtracking") return regexPretokenizer(name, pattern);
  // The engine cuts a whole segment in one pass (asking for one piece at a time would re-read
  // the text after it, quadratic in all); the ends are kept for the calls that walk it.
  let cachedText = "";
  let cachedEnd = -1;
  let ends: number[] = [];
  let cursor = 0;
  const next = (text: string, pos: number, end: number): number => {
    const expected = cursor === 0 ? -1 : ends[cursor - 1];
    if (text !== cachedText || end !== cachedEnd || pos !== expected || cursor >= ends.length) {
      cachedText = text;
      cachedEnd = end;
      // The window starts at 0, as the RegExp's subject does: lookbehind sees before `pos`.
      ends = matcher.tile(text, pos, 0, end, []);
      cursor = 0;
    }
    return ends[cursor++];
  };
  return { name, pattern, next };
}
