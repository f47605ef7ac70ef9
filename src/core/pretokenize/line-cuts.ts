/**
 * Line cuts: places where a text can be cut into parts that are pretokenized (and so encoded and
 * counted) separately with exactly the pieces of the whole, for the presets that say so
 * (`lineCuts` in presets.ts). This is what lets `toklab count` split a large input across
 * threads without changing a single token.
 *
 * A line cut is a position `at` such that `text[at - 1]` is a line feed, `text[at - 2]` is not
 * white space, and `text[at]` is neither white space nor `/`. For GPT-2's, cl100k's, o200k's and
 * Qwen2's patterns:
 * - no piece runs from a line feed into a following non-space character: every alternative that
 *   can hold `\n` (`\s*[\r\n]+`, `\s+(?!\S)`, `\s+`, punctuation's trailing `[\r\n]*`) stops
 *   before non-space, except o200k's punctuation, whose tail `[\r\n/]*` goes on over slashes;
 *   the letter alternatives' optional prefix excludes `\r\n`;
 * - no piece is cut differently at the end of the left part: the line feed follows a non-space
 *   character, so the piece that holds it (the line feed alone, or punctuation with its trailing
 *   line feeds) is the same whether the text goes on or not (GPT-2's `\s+(?!\S)` would otherwise
 *   take `"  \n"` whole at the end of a part but only `"  "` in the whole text);
 * - the scanners have no look-behind, so the right part's pieces start as the whole text's do.
 * test/core/pretokenize/line-cuts.test.ts checks these on random texts for every such preset.
 */

/** Unicode White_Space (what `\s` matches in the patterns), as UTF-16 code units. */
export function isWhiteSpaceUnit(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Whether a piece of the whole text always starts at `at`: `text[at - 1]` is a line feed and
 * `text[at]` is neither white space nor `/` (the first two points of the module comment). What
 * precedes `at` is then cut as it would be with the same continuation, so an editor can keep the
 * tokens before `at` and re-encode from there (the lab does).
 */
export function pieceStartsAfterLineFeed(text: string, at: number): boolean {
  if (at < 1 || at >= text.length || text.charCodeAt(at - 1) !== 0x0a) return false;
  const c = text.charCodeAt(at);
  return !isWhiteSpaceUnit(c) && c !== 0x2f;
}

/**
 * Whether `at` is a line cut of `text` (see the module comment): a piece starts there, and the
 * text before it, taken alone, is cut into the same pieces as in the whole text.
 */
export function isLineCut(text: string, at: number): boolean {
  return at >= 2 && pieceStartsAfterLineFeed(text, at) && !isWhiteSpaceUnit(text.charCodeAt(at - 2));
}

/**
 * The first line cut at or after `from` and before `end`, or -1.
 *
 * @example
 * ```ts
 * nextLineCut("one\ntwo\n three\nfour", 0, 20); // 4 ("two" starts a part)
 * nextLineCut("one\ntwo\n three\nfour", 5, 20); // 15 (" three" starts with a space)
 * ```
 */
export function nextLineCut(text: string, from: number, end = text.length): number {
  for (
    let i = text.indexOf("\n", Math.max(from - 1, 0));
    i >= 0 && i + 1 < end;
    i = text.indexOf("\n", i + 1)
  ) {
    if (i + 1 >= from && isLineCut(text, i + 1)) return i + 1;
  }
  return -1;
}
