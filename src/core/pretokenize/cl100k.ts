/**
 * Hand-written scanner for the cl100k_base pattern:
 * `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|`
 * `\s*[\r\n]+|\s+(?!\S)|\s+`
 */
import { classAt, LETTER, N, WS } from "../unicode/index.js";
import { contractionEndFolded } from "./contraction.js";
import { CL100K_PATTERN } from "./patterns.js";
import { skipClass, skipNewlines, skipNotClass, skipUpTo3, whitespaceEnd } from "./scan.js";
import type { Pretokenizer } from "./types.js";

/** End of the cl100k piece starting at `pos` (see `PieceScanner`). */
export function nextCl100kPiece(text: string, pos: number, end: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x27) {
    const e = contractionEndFolded(text, pos, end);
    if (e !== pos) return e;
  }
  const k = classAt(text, pos, end);
  const next = pos + 1 + (k >> 8);
  if ((k & LETTER) !== 0) return skipClass(text, next, end, LETTER);
  if ((k & N) !== 0) return skipUpTo3(text, pos, end, N);
  // Anything but \r, \n, letters and numbers may prefix a letter run: " word", "\tword", "(word".
  const k1 = next < end ? classAt(text, next, end) : WS;
  if ((k1 & LETTER) !== 0 && c !== 10 && c !== 13) return skipClass(text, next + 1 + (k1 >> 8), end, LETTER);
  if ((k & WS) === 0) return skipNewlines(text, skipNotClass(text, next, end, LETTER | N | WS), end, false);
  if (c === 0x20 && (k1 & (LETTER | N | WS)) === 0) {
    return skipNewlines(text, skipNotClass(text, next + 1 + (k1 >> 8), end, LETTER | N | WS), end, false);
  }
  return whitespaceEnd(text, pos, end, true);
}

/** The cl100k_base pretokenizer as a hand-written scanner. */
export const cl100kPretokenizer: Pretokenizer = {
  name: "cl100k",
  pattern: CL100K_PATTERN,
  next: nextCl100kPiece,
};
