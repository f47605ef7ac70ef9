/**
 * Hand-written scanner for the Qwen2/Qwen2.5/Qwen3 split pattern, which is cl100k's (Llama 3's)
 * with single digits instead of runs of up to three:
 * `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|`
 * `\s*[\r\n]+|\s+(?!\S)|\s+`
 */
import { classAt, LETTER, N, WS } from "../unicode/index.js";
import { contractionEndFolded } from "./contraction.js";
import { QWEN2_PATTERN } from "./patterns.js";
import { skipClass, skipNewlines, skipNotClass, whitespaceEnd } from "./scan.js";
import type { Pretokenizer } from "./types.js";

/**
 * End of the Qwen2 piece starting at `pos` (a `PieceScanner`).
 *
 * @example
 * nextQwen2Piece("2024", 0, 4); // 1: every digit is its own piece
 */
export function nextQwen2Piece(text: string, pos: number, end: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x27) {
    const e = contractionEndFolded(text, pos, end);
    if (e !== pos) return e;
  }
  const k = classAt(text, pos, end);
  const next = pos + 1 + (k >> 8);
  if ((k & LETTER) !== 0) return skipClass(text, next, end, LETTER);
  if ((k & N) !== 0) return next;
  // Anything but \r, \n, letters and numbers may prefix a letter run: " word", "\tword", "(word".
  const k1 = next < end ? classAt(text, next, end) : WS;
  if ((k1 & LETTER) !== 0 && c !== 10 && c !== 13) return skipClass(text, next + 1 + (k1 >> 8), end, LETTER);
  if ((k & WS) === 0) return skipNewlines(text, skipNotClass(text, next, end, LETTER | N | WS), end, false);
  if (c === 0x20 && (k1 & (LETTER | N | WS)) === 0) {
    return skipNewlines(text, skipNotClass(text, next + 1 + (k1 >> 8), end, LETTER | N | WS), end, false);
  }
  return whitespaceEnd(text, pos, end, true);
}

/** The Qwen2 pretokenizer as a hand-written scanner. */
export const qwen2Pretokenizer: Pretokenizer = {
  name: "qwen2",
  pattern: QWEN2_PATTERN,
  next: nextQwen2Piece,
};
