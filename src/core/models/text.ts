/**
 * String helpers shared by the word models: how HF's Rust side sees a JavaScript string.
 *
 * Rust strings are UTF-8 and cannot hold lone surrogates; the Node binding replaces each with
 * U+FFFD on the way in (as `TextEncoder` does; see docs/decisions/0003-lone-surrogates.md). The
 * models therefore match vocabulary entries as if every lone surrogate were U+FFFD, while
 * offsets still count it as the one UTF-16 unit it occupies.
 */

/** U+FFFD REPLACEMENT CHARACTER, what a lone surrogate becomes. */
export const REPLACEMENT = 0xfffd;

/** True for a high (leading) surrogate code unit. */
export function isHighSurrogate(c: number): boolean {
  return (c & 0xfc00) === 0xd800;
}

/** True for a low (trailing) surrogate code unit. */
export function isLowSurrogate(c: number): boolean {
  return (c & 0xfc00) === 0xdc00;
}

/**
 * Length in UTF-16 units of the code point at `text[i]`, within `[i, end)`: 2 for a surrogate
 * pair, else 1 (a lone surrogate is one "char", as its U+FFFD is in Rust).
 */
export function charLength(text: string, i: number, end: number): number {
  return isHighSurrogate(text.charCodeAt(i)) && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
}

/**
 * `text[start, end)` with every lone surrogate replaced by U+FFFD (`String#toWellFormed`, which
 * the ES2022 lib this package targets does not declare). A pair cut by `start` or `end` counts
 * as lone, as it would in the substring.
 *
 * @example
 * ```ts
 * wellFormedSlice("a\ud800b", 0, 3); // "a\ufffdb"
 * ```
 */
export function wellFormedSlice(text: string, start: number, end: number): string {
  let i = start;
  for (; i < end; i++) if ((text.charCodeAt(i) & 0xf800) === 0xd800) break;
  if (i === end) return start === 0 && end === text.length ? text : text.slice(start, end);
  let out = text.slice(start, i);
  while (i < end) {
    const n = charLength(text, i, end);
    const c = text.charCodeAt(i);
    out += n === 1 && (c & 0xf800) === 0xd800 ? "\ufffd" : text.slice(i, i + n);
    i += n;
  }
  return out;
}

/** Number of code points in `text[start, end)` (Rust's `chars().count()` after replacement). */
export function codePointCount(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i += charLength(text, i, end)) n++;
  return n;
}

/** The whole of `text`, well-formed (see {@link wellFormedSlice}). */
export function wellFormed(text: string): string {
  return wellFormedSlice(text, 0, text.length);
}
