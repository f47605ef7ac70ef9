/**
 * Hand-written scanner for the o200k_base pattern, whose first two alternatives are
 * `P?[U]*[W]+C?` and `P?[U]+[W]*C?` with
 * P = `[^\r\n\p{L}\p{N}]`, U = `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`, W = `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`
 * and C = `(?i:'s|'t|'re|'ve|'m|'ll|'d)`, followed by `\p{N}{1,3}`, ` ?[^\s\p{L}\p{N}]+[\r\n/]*`,
 * `\s*[\r\n]+`, `\s+(?!\S)` and `\s+`.
 *
 * Backtracking, made explicit. Call a code point "upper" (Lu, Lt: only in U), "lower" (Ll: only
 * in W) or "both" (Lm, Lo, M). From a start s, `[U]*` first takes the whole run of upper/both
 * code points, ending at a. If a lower code point follows, `[W]+` takes the lower/both run from
 * a. Otherwise `[U]*` gives code points back until `[W]+` can take one: that is the last "both"
 * of the run, and `[W]+` then stops right after it (only uppers follow it). With no "both" in
 * the run the first alternative fails from s, and the second takes exactly the run [s, a).
 * The optional prefix P is tried taken, then not taken; P contains marks, which are also in U
 * and W, so "\u0301A" matches the first alternative as just "\u0301".
 *
 * Every scan is of a run the piece or the next piece consumes, so the work is linear.
 */
import { BMP_CLASSES, classAt, LETTER, LL, LOWERISH, M, N, UPPERISH, WS } from "../unicode/index.js";
import { contractionEndFolded } from "./contraction.js";
import { O200K_PATTERN } from "./patterns.js";
import { skipClass, skipNewlines, skipNotClass, skipUpTo3, whitespaceEnd } from "./scan.js";
import type { Pretokenizer } from "./types.js";

// Results of the last `scanUpper`, kept in module state so the hot path allocates nothing.
/** End of the upper/both run. */
let upperEnd = 0;
/** End of the last "both" code point in that run, or -1. */
let bothEnd = -1;

/** Scans the `[U]*` run from `s`, setting `upperEnd` and `bothEnd`. */
function scanUpper(text: string, s: number, end: number): void {
  let i = s;
  let b = -1;
  while (i < end) {
    const c = text.charCodeAt(i);
    let f: number;
    if ((c & 0xf800) !== 0xd800) {
      f = BMP_CLASSES[c];
      if ((f & UPPERISH) === 0) break;
      i++;
    } else {
      const k = classAt(text, i, end);
      f = k & 0xff;
      if ((f & UPPERISH) === 0) break;
      i += 1 + (k >> 8);
    }
    if ((f & LOWERISH) !== 0) b = i;
  }
  upperEnd = i;
  bothEnd = b;
}

/** End of `[U]*[W]+C?` from `s`, or -1; leaves `upperEnd` set for the second alternative. */
function firstAlternative(text: string, s: number, end: number): number {
  scanUpper(text, s, end);
  const a = upperEnd;
  if (a < end && (classAt(text, a, end) & LL) !== 0) {
    return contractionEndFolded(text, skipClass(text, a, end, LOWERISH), end);
  }
  return bothEnd >= 0 ? contractionEndFolded(text, bothEnd, end) : -1;
}

/** End of the o200k piece starting at `pos` (see `PieceScanner`). */
export function nextO200kPiece(text: string, pos: number, end: number): number {
  const c = text.charCodeAt(pos);
  const k = classAt(text, pos, end);
  const next = pos + 1 + (k >> 8);
  const prefixable = (k & (LETTER | N)) === 0 && c !== 10 && c !== 13;
  if (prefixable || (k & LETTER) !== 0) {
    // Alternative 1 with the prefix, then without (only a letter or mark can start it).
    let second = -1;
    if (prefixable) {
      const e = firstAlternative(text, next, end);
      if (e >= 0) return e;
      if (upperEnd > next) second = upperEnd;
    }
    if ((k & (LETTER | M)) !== 0) {
      const e = firstAlternative(text, pos, end);
      if (e >= 0) return e;
    }
    // Alternative 2: [U]+ is the run alternative 1 scanned, and [W]* takes nothing after it
    // (alternative 1 failed, so no lower code point follows the run).
    if (second >= 0) return contractionEndFolded(text, second, end);
    if ((k & UPPERISH) !== 0) return contractionEndFolded(text, upperEnd, end);
  }
  if ((k & N) !== 0) return skipUpTo3(text, pos, end, N);
  if ((k & WS) === 0) return skipNewlines(text, skipNotClass(text, next, end, LETTER | N | WS), end, true);
  if (c === 0x20 && next < end) {
    const k1 = classAt(text, next, end);
    if ((k1 & (LETTER | N | WS)) === 0) {
      return skipNewlines(text, skipNotClass(text, next + 1 + (k1 >> 8), end, LETTER | N | WS), end, true);
    }
  }
  return whitespaceEnd(text, pos, end, true);
}

/** The o200k_base pretokenizer as a hand-written scanner. */
export const o200kPretokenizer: Pretokenizer = {
  name: "o200k",
  pattern: O200K_PATTERN,
  next: nextO200kPiece,
};
