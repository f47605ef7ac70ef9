/**
 * Characters of a window `[start, end)` of a string as JavaScript's `u` flag reads them: a
 * surrogate pair (both halves inside the window) is one character, any other unit is one, a lone
 * surrogate included.
 */

/** The character at `i` (< end). */
export function codePointAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if ((c & 0xfc00) === 0xd800 && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** The character that ends at `i` (> start). */
export function codePointBefore(text: string, i: number, start: number): number {
  const d = text.charCodeAt(i - 1);
  if ((d & 0xfc00) === 0xdc00 && i - 2 >= start) {
    const c = text.charCodeAt(i - 2);
    if ((c & 0xfc00) === 0xd800) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return d;
}

/** UTF-16 length of a character. */
export function unitLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}
