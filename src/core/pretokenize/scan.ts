/**
 * Run-skipping primitives shared by the hand-written scanners. Each walks code points from `i`
 * and stops at `end`; BMP characters take one table load, surrogates go through `classAt`.
 */
import { BMP_CLASSES, classAt, WS } from "../unicode/index.js";

/** End of the run of code points starting at `i` whose flags intersect `mask`. */
export function skipClass(text: string, i: number, end: number, mask: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if ((c & 0xf800) !== 0xd800) {
      if ((BMP_CLASSES[c] & mask) === 0) return i;
      i++;
    } else {
      const k = classAt(text, i, end);
      if ((k & mask) === 0) return i;
      i += 1 + (k >> 8);
    }
  }
  return i;
}

/** End of the run of code points starting at `i` whose flags do not intersect `mask`. */
export function skipNotClass(text: string, i: number, end: number, mask: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if ((c & 0xf800) !== 0xd800) {
      if ((BMP_CLASSES[c] & mask) !== 0) return i;
      i++;
    } else {
      const k = classAt(text, i, end);
      if ((k & mask) !== 0) return i;
      i += 1 + (k >> 8);
    }
  }
  return i;
}

/** End of at most three code points with a flag in `mask`, from `i` (`\p{N}{1,3}`). */
export function skipUpTo3(text: string, i: number, end: number, mask: number): number {
  for (let n = 0; n < 3 && i < end; n++) {
    const k = classAt(text, i, end);
    if ((k & mask) === 0) break;
    i += 1 + (k >> 8);
  }
  return i;
}

/** End of the run of `\r` and `\n` (and `/` when `slash`) starting at `i`. */
export function skipNewlines(text: string, i: number, end: number, slash: boolean): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13 && (c !== 0x2f || !slash)) break;
    i++;
  }
  return i;
}

/**
 * The end of the whitespace piece starting at `pos` (which is whitespace), for the tails of the
 * OpenAI patterns. With `newlines`, `\s*[\r\n]+` comes first: `\s*` takes the whole run and
 * backs off to its last `\r`/`\n`, so the piece ends right after the last line break of the
 * run. Otherwise `\s+(?!\S)` takes the run, minus its last character when a non-space follows
 * (that character then prefixes the next word), and `\s+` takes a lone space.
 */
export function whitespaceEnd(text: string, pos: number, end: number, newlines: boolean): number {
  let i = pos;
  let lastBreak = -1;
  // White_Space is all BMP, and surrogate code units have no flags, so no pair handling here.
  while (i < end) {
    const c = text.charCodeAt(i);
    if ((BMP_CLASSES[c] & WS) === 0) break;
    if (c === 10 || c === 13) lastBreak = i;
    i++;
  }
  if (newlines && lastBreak >= 0) return lastBreak + 1;
  if (i === end || i - pos === 1) return i;
  return i - 1;
}
