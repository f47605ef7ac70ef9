/** Shared fixtures for the pretokenizer tests: seeded randomness, alphabets, the oracle. */
import assert from "node:assert/strict";
import {
  PRETOKENIZER_PRESETS,
  type Pretokenizer,
  pretokenizerForPattern,
  regexPretokenizer,
  splitPieces,
} from "../../../src/core/pretokenize/index.js";
import { seededRandom } from "../../../src/core/random.js";
import { OVERRIDE_RANGES } from "../../../src/core/unicode/index.js";

/**
 * The presets that have a tiktoken pattern, each as the pretokenizer an `Encoding` with that
 * pattern runs (the table's scanner, found through `pretokenizerForPattern`).
 */
export const PATTERN_PRESETS: readonly Pretokenizer[] = PRETOKENIZER_PRESETS.flatMap((p) =>
  p.tiktokenPattern === null ? [] : [pretokenizerForPattern(p.tiktokenPattern)],
);

/**
 * Each such scanner with its translated-RegExp oracle: the preset's tiktoken pattern run by
 * `regexPretokenizer`. gpt2, cl100k, o200k, qwen2 and none.
 */
export const CASES: ReadonlyArray<{ scanner: Pretokenizer; oracle: Pretokenizer }> = PATTERN_PRESETS.map(
  (scanner) => ({ scanner, oracle: regexPretokenizer(`${scanner.name}-regex`, scanner.pattern) }),
);

/**
 * One or two representatives of every class and character the patterns distinguish. Strings,
 * so lone surrogates and astral characters are single entries.
 */
export const ALPHABET: readonly string[] = [
  // Lu, Lt, Ll, Lm, Lo (incl. Latin, Greek, Hebrew, Thai, CJK, Kelvin sign, dotted I)
  "A",
  "\u03a9",
  "\u212a",
  "\u0130",
  "\u01c5",
  "\u1f88",
  "a",
  "\u00e9",
  "\u00df",
  "\u02b0",
  "\u30fc",
  "\u00aa",
  "\u4e2d",
  "\u05d0",
  "\u0e01",
  "\u0627",
  // Mn, Mc, Me
  "\u0301",
  "\u0903",
  "\u20dd",
  // Nd, Nl, No
  "1",
  "7",
  "\u0663",
  "\u216b",
  "\u00b2",
  "\u00bd",
  // White_Space of every kind, and look-alikes that are not White_Space
  " ",
  " ",
  "\t",
  "\n",
  "\r",
  "\v",
  "\f",
  "\u0085",
  "\u00a0",
  "\u1680",
  "\u2000",
  "\u2028",
  "\u2029",
  "\u202f",
  "\u3000",
  "\ufeff",
  "\u200b",
  "\u180e",
  // contraction letters in every case, and long s
  "'",
  "'",
  "s",
  "S",
  "\u017f",
  "t",
  "T",
  "l",
  "L",
  "d",
  "D",
  "m",
  "M",
  "r",
  "R",
  "e",
  "E",
  "v",
  "V",
  // punctuation and symbols
  "/",
  ".",
  "!",
  "-",
  "$",
  "+",
  "<",
  "|",
  ">",
  "_",
  // astral: emoji, ZWJ, regional indicator, letters, digits, a mark
  "\u{1f600}",
  "\u200d",
  "\u{1f1fa}",
  "\u{1d400}",
  "\u{1d41a}",
  "\u{20000}",
  "\u{10400}",
  "\u{1d7ce}",
  "\u{10107}",
  "\u{11000}",
  // lone surrogates, high and low
  "\ud800",
  "\udc00",
  "\udbff",
];

/** A random string of `length` entries drawn from `alphabet`. */
export function randomFrom(next: () => number, alphabet: readonly string[], length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

/** True when the tables deliberately differ from V8 at `cp` (see gen-unicode-tables.ts). */
export function isOverridden(cp: number): boolean {
  for (let i = 0; i < OVERRIDE_RANGES.length; i += 3) {
    if (cp >= OVERRIDE_RANGES[i] && cp <= OVERRIDE_RANGES[i + 1]) return true;
  }
  return false;
}

/** A random code point (any plane, surrogates included) on which V8 and our tables agree. */
export function randomCodePoint(next: () => number): string {
  for (;;) {
    const r = next();
    // Bias towards the BMP, where most scripts live, without starving the astral planes.
    const cp = r < 0.7 ? Math.floor((r / 0.7) * 0x10000) : Math.floor(((r - 0.7) / 0.3) * 0x110000);
    if (isOverridden(cp)) continue;
    return cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }
}

/** Asserts that scanner and oracle split `text[start, end)` into the same pieces. */
export function assertSameSplit(
  scanner: Pretokenizer,
  oracle: Pretokenizer,
  text: string,
  start = 0,
  end = text.length,
): void {
  const got = splitPieces(scanner, text, start, end);
  const want = splitPieces(oracle, text, start, end);
  if (got.length !== want.length || got.some((p, i) => p !== want[i])) {
    assert.deepEqual(
      got.map(showText),
      want.map(showText),
      `${scanner.name} differs on ${showText(text)} [${start}, ${end})`,
    );
  }
}

/** Readable form of a piece for failure messages. */
export function showText(s: string): string {
  return JSON.stringify(s).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** The shared seeded PRNG (mulberry32), under the name these tests use. */
export const rng = seededRandom;
