/**
 * Lengths of text as the metrics count them: UTF-8 bytes and Unicode code points ("characters").
 * The CLI uses these too (src/eval sits below src/cli in the layers).
 */

/**
 * UTF-8 length of a string without allocating its bytes (a lone surrogate counts as U+FFFD: 3).
 *
 * @example
 * utf8Length("hé"); // 3
 */
export function utf8Length(s: string, start = 0, end = s.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (isPairAt(s, i, end)) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Number of Unicode code points in `s[start, end)` (a lone surrogate counts as one).
 *
 * @example
 * codePointLength("a👍"); // 2
 */
export function codePointLength(s: string, start = 0, end = s.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    if (isPairAt(s, i, end)) i++;
    n++;
  }
  return n;
}

/** A high surrogate at `i` followed by a low one before `end`. */
export function isPairAt(s: string, i: number, end = s.length): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < end && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}
