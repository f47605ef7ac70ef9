/**
 * Complexity by operation count: scanners read text only through `charCodeAt`/`codePointAt`, so
 * walking a counting stand-in for the string counts the work exactly, the same on every machine,
 * where a wall-clock ratio is noisy on a loaded one.
 */
import assert from "node:assert/strict";
import type { PieceScanner } from "../../../src/core/pretokenize/types.js";

/** Character reads made while `next` walks `text` from start to end, piece by piece. */
export function walkReads(next: PieceScanner, text: string): number {
  let reads = 0;
  const counting = {
    length: text.length,
    charCodeAt(i: number) {
      reads++;
      return text.charCodeAt(i);
    },
    codePointAt(i: number) {
      reads++;
      return text.codePointAt(i);
    },
  } as unknown as string;
  let pos = 0;
  while (pos < text.length) {
    const end = next(counting, pos, text.length);
    assert.ok(end > pos, `no progress at ${pos}`);
    pos = end;
  }
  return reads;
}
