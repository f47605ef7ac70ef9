/**
 * Hand-written scanner for the GPT-2 pattern (r50k_base, p50k_base):
 * `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
 */
import { classAt, LETTER, N, WS } from "../unicode/index.js";
import { contractionEnd } from "./contraction.js";
import { GPT2_PATTERN } from "./patterns.js";
import { skipClass, skipNotClass, whitespaceEnd } from "./scan.js";
import type { Pretokenizer } from "./types.js";

/** End of the GPT-2 piece starting at `pos` (see `PieceScanner`). */
export function nextGpt2Piece(text: string, pos: number, end: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x27) {
    const e = contractionEnd(text, pos, end);
    if (e !== pos) return e;
  }
  let start = pos;
  let k = classAt(text, pos, end);
  // ` ?` before a letter, number or other run: the space joins the run that follows it.
  if (c === 0x20 && pos + 1 < end) {
    const k1 = classAt(text, pos + 1, end);
    if ((k1 & WS) === 0) {
      start = pos + 1;
      k = k1;
    }
  }
  const body = start + 1 + (k >> 8);
  if ((k & LETTER) !== 0) return skipClass(text, body, end, LETTER);
  if ((k & N) !== 0) return skipClass(text, body, end, N);
  if ((k & WS) === 0) return skipNotClass(text, body, end, LETTER | N | WS);
  return whitespaceEnd(text, pos, end, false);
}

/** The GPT-2 pretokenizer (r50k_base, p50k_base) as a hand-written scanner. */
export const gpt2Pretokenizer: Pretokenizer = { name: "gpt2", pattern: GPT2_PATTERN, next: nextGpt2Piece };
