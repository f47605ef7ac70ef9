/**
 * The text encoding of `script-data.ts`, shared by its generator (scripts/gen-script-tables.ts)
 * and its loader (`script-classes.ts`) so the two cannot drift apart.
 *
 * The code space 0..0x10FFFF is a sequence of runs of code points with one class. A run is the
 * integer `length * 1024 + class`, written as a little-endian base-32 varint: each character
 * carries 5 bits, and characters from the upper half of the 64-character alphabet say "more
 * follows" (the scheme of `src/core/unicode/codec.ts`, with classes instead of flag bits).
 */

/** 64 characters that need no escaping in a JS string literal. */
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

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
    let v = length * CLASS_LIMIT + cls;
    while (v >= 32) {
      out += ALPHABET[32 + (v % 32)];
      v = Math.floor(v / 32);
    }
    out += ALPHABET[v];
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
  const digit = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) digit[ALPHABET.charCodeAt(i)] = i;
  let start = 0;
  let i = 0;
  while (i < encoded.length) {
    let v = 0;
    let scale = 1;
    for (;;) {
      const d = digit[encoded.charCodeAt(i++)];
      if (d < 0) throw new Error("corrupt script class table");
      if (d < 32) {
        v += d * scale;
        break;
      }
      v += (d - 32) * scale;
      scale *= 32;
    }
    const cls = v % CLASS_LIMIT;
    const length = (v - cls) / CLASS_LIMIT;
    emit(start, length, cls);
    start += length;
  }
}
