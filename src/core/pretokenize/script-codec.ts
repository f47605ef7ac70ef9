/**
 * The text encoding of `script-data.ts`, shared by its generator (scripts/gen-script-tables.ts)
 * and its loader (`script-classes.ts`) so the two cannot drift apart.
 *
 * The code space 0..0x10FFFF is a sequence of runs of code points with one class. A run is the
 * integer `length * 1024 + class`, written as a little-endian base-32 varint: each character
 * carries 5 bits, and characters from the upper half of the 64-character alphabet say "more
 * follows" (the varints of `src/core/unicode/codec.ts`, with classes instead of flag bits).
 */
import { encodeVarint, forEachVarint } from "../unicode/codec.js";

/** Classes are below this bound (script ids × 5 supercategories). */
export const CLASS_LIMIT = 1024;

/**
 * SCRIPT's supercategories: letters and marks, punctuation and symbols, numbers, separators,
 * other (controls, format characters, unassigned).
 */
export const SUPERCATEGORIES = ["LM", "PS", "N", "Z", "C"] as const;

/**
 * Encodes `(length, class)` runs.
 *
 * @example
 * ```ts
 * decodeScriptRuns(encodeScriptRuns([[0x110000, 3]]), (start, length, cls) => {}); // one run
 * ```
 */
export function encodeScriptRuns(runs: ReadonlyArray<readonly [number, number]>): string {
  let out = "";
  for (const [length, cls] of runs) {
    if (!(cls >= 0 && cls < CLASS_LIMIT)) throw new Error(`class ${cls} out of range`);
    out += encodeVarint(length * CLASS_LIMIT + cls);
  }
  return out;
}

/**
 * Decodes runs, calling `emit(start, length, class)` for each in code point order.
 *
 * @example
 * ```ts
 * decodeScriptRuns(SCRIPT_CLASS_RUNS, (start, length, cls) => table.fill(cls, start, start + length));
 * ```
 */
export function decodeScriptRuns(
  encoded: string,
  emit: (start: number, length: number, cls: number) => void,
): void {
  let start = 0;
  forEachVarint(
    encoded,
    (v) => {
      const cls = v % CLASS_LIMIT;
      const length = (v - cls) / CLASS_LIMIT;
      emit(start, length, cls);
      start += length;
    },
    "script class table",
  );
}
