/**
 * The text encoding of the class tables in `tables.ts`, shared by the generator (which writes
 * it) and the loader (which reads it) so the two can never drift apart.
 *
 * The whole code space 0..0x10FFFF is a sequence of runs of code points with equal flags. A
 * run is the integer `length * 16 + code`, where `code` is 0 for "no flag" and `k` for the
 * flag `1 << (k - 1)`, written as a little-endian base-32 varint: each character carries 5
 * bits, and characters from the upper half of the 64-character alphabet say "more follows".
 * About 4,000 runs fit in ~12 kB of ASCII and decode in well under a millisecond.
 */

/** 64 characters that need no escaping in a JS string literal. */
export const RUN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/**
 * Appends `v` (a non-negative integer) as a little-endian base-32 varint: low 5 bits first,
 * upper-half characters of {@link RUN_ALPHABET} meaning "more follows". The layer every run
 * table shares (these classes, and SCRIPT's script classes in src/train).
 */
export function encodeVarint(v: number): string {
  let out = "";
  while (v >= 32) {
    out += RUN_ALPHABET[32 + (v % 32)];
    v = Math.floor(v / 32);
  }
  return out + RUN_ALPHABET[v];
}

/** Calls `value(v)` for each varint of `encoded` in order; `what` names the table in errors. */
export function forEachVarint(encoded: string, value: (v: number) => void, what: string): void {
  const digit = new Int8Array(128).fill(-1);
  for (let i = 0; i < RUN_ALPHABET.length; i++) digit[RUN_ALPHABET.charCodeAt(i)] = i;
  let i = 0;
  while (i < encoded.length) {
    let v = 0;
    let scale = 1;
    for (;;) {
      const d = i < encoded.length ? digit[encoded.charCodeAt(i++) & 127] : -1;
      if (d < 0) throw new Error(`corrupt ${what}`);
      if (d < 32) {
        v += d * scale;
        break;
      }
      v += (d - 32) * scale;
      scale *= 32;
    }
    value(v);
  }
}

/** Encodes `(length, flags)` runs; `flags` must be 0 or a single bit. */
export function encodeRuns(runs: ReadonlyArray<readonly [number, number]>): string {
  let out = "";
  for (const [length, flags] of runs) {
    const code = flags === 0 ? 0 : 31 - Math.clz32(flags) + 1;
    if (flags !== 0 && flags !== 1 << (code - 1)) throw new Error(`flags ${flags} is not a single bit`);
    out += encodeVarint(length * 16 + code);
  }
  return out;
}

/**
 * Decodes runs, calling `emit(start, length, flags)` for each in code point order.
 * A callback instead of an array keeps load-time allocation to the final tables.
 */
export function decodeRuns(
  encoded: string,
  emit: (start: number, length: number, flags: number) => void,
): void {
  let start = 0;
  forEachVarint(
    encoded,
    (v) => {
      const code = v % 16;
      const length = (v - code) / 16;
      emit(start, length, code === 0 ? 0 : 1 << (code - 1));
      start += length;
    },
    "Unicode class table",
  );
  if (start !== 0x110000) throw new Error("Unicode class table does not cover the code space");
}
