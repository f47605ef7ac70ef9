/**
 * How training text becomes pieces: special tokens are cut out first (and not counted), each
 * remaining segment is cut at digit runs when a number policy asks for it, and every stretch
 * without digits and every digit group is split by the preset's pretokenizer. This is exactly
 * what the tokenizer.json pre-tokenizer of {@link hfPreTokenizerFor} does at inference
 * (`Split(numbers)` before `Split(preset)`), so the trainer counts the same pieces the trained
 * tokenizer will see.
 *
 * Digits are `\p{N}` (Nd, Nl, No) from toklab's Unicode tables: the class the presets already
 * treat as numbers and that Hugging Face's `Digits` pre-tokenizer uses (`char::is_numeric`).
 *
 * Browser-safe: no Node imports.
 */

import { lowercaseText } from "../core/normalize/plain.js";
import { pretokenizerPreset } from "../core/pretokenize/presets.js";
import { skipClass, skipNotClass } from "../core/pretokenize/scan.js";
import type { PieceScanner } from "../core/pretokenize/types.js";
import { SpecialTokenMatcher } from "../core/special.js";
import { BMP_CLASSES, classAt, N } from "../core/unicode/index.js";
import type { NumberPolicy, PieceConfig, PresetName } from "./types.js";

/** Receives one piece as the range `text[start, end)` (no string is built for it). */
export type PieceVisitor = (text: string, start: number, end: number) => void;

/**
 * Calls `visit` for every piece of `text[start, end)` (the whole text by default), in order.
 * Special tokens are skipped: they are never pieces.
 */
export type PieceWalker = (text: string, visit: PieceVisitor, start?: number, end?: number) => void;

const POLICIES: readonly NumberPolicy[] = ["none", "single", "ltr3", "rtl3"];

/**
 * The scanner of a preset, by its name or an alias (the table in
 * src/core/pretokenize/presets.ts). Throws for an unknown name, listing the accepted ones.
 *
 * @example
 * ```ts
 * presetScanner("llama3") === presetScanner("cl100k"); // true: Llama 3 ships cl100k's pattern
 * presetScanner("none")("abc", 0, 3); // 3: the whole segment
 * ```
 */
export function presetScanner(preset: PresetName): PieceScanner {
  return pretokenizerPreset(preset).next;
}

/**
 * Checks a config's names, so that a typo fails before any file is read.
 *
 * @example
 * ```ts
 * validatePieceConfig({ preset: "o200k", numbers: "ltr4" as NumberPolicy, specialTokens: [] });
 * // throws: unknown number policy "ltr4" (one of none, single, ltr3, rtl3)
 * ```
 */
export function validatePieceConfig(config: PieceConfig): void {
  pretokenizerPreset(config.preset); // throws for a name that is not in the table
  if (config.within !== undefined) pretokenizerPreset(config.within);
  if (!POLICIES.includes(config.numbers)) {
    throw new Error(
      `unknown number policy ${JSON.stringify(config.numbers)} (one of ${POLICIES.join(", ")})`,
    );
  }
  for (const t of config.specialTokens) {
    if (typeof t !== "string" || t.length === 0)
      throw new Error("a special token must be a non-empty string");
  }
}

/** End of the code point at `i` (a surrogate pair counts as one, when it ends by `end`). */
function nextCodePoint(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if ((c & 0xf800) !== 0xd800) return i + 1;
  return i + 1 + (classAt(text, i, end) >> 8);
}

/**
 * Visits the digit run `text[s, e)` cut as the policy says (groups counted in code points), each
 * group then cut by the preset's scanner, as the tokenizer.json form runs `Split(preset)` on
 * every split of `Split(numbers)`. For most presets a group of at most three digits stays whole;
 * qwen2 (`\p{N}`) cuts it into single digits.
 */
function visitDigits(
  text: string,
  s: number,
  e: number,
  policy: NumberPolicy,
  scan: PieceScanner,
  visit: PieceVisitor,
): void {
  // First group size: 1 for `single`, 3 for `ltr3`, and for `rtl3` whatever makes the rest a
  // multiple of three (so "1234567" → "1", "234", "567").
  let first = policy === "single" ? 1 : 3;
  const size = first;
  if (policy === "rtl3") {
    let count = 0;
    for (let i = s; i < e; i = nextCodePoint(text, i, e)) count++;
    first = count % 3 === 0 ? 3 : count % 3;
  }
  let i = s;
  let want = first;
  while (i < e) {
    const groupStart = i;
    for (let k = 0; k < want && i < e; k++) i = nextCodePoint(text, i, e);
    for (let p = groupStart; p < i; ) {
      const next = scan(text, p, i);
      visit(text, p, next);
      p = next;
    }
    want = size;
  }
}

/**
 * A fast walker over the pieces of training text for `config`: no arrays, no strings; the
 * counting loop slices only the pieces it stores.
 *
 * @example
 * ```ts
 * const walk = pieceWalker({ preset: "o200k", numbers: "rtl3", specialTokens: ["<|endoftext|>"] });
 * const seen: string[] = [];
 * walk("Pay 1234567<|endoftext|>", (t, s, e) => seen.push(t.slice(s, e)));
 * seen; // ["Pay", " ", "1", "234", "567"]
 * ```
 */
export function pieceWalker(config: PieceConfig): PieceWalker {
  validatePieceConfig(config);
  const scan = presetScanner(config.preset);
  const policy = config.numbers;
  const matcher = config.specialTokens.length > 0 ? new SpecialTokenMatcher(config.specialTokens) : null;

  const scanRange = (text: string, s: number, e: number, visit: PieceVisitor) => {
    while (s < e) {
      const next = scan(text, s, e);
      visit(text, s, next);
      s = next;
    }
  };

  const inner =
    policy === "none"
      ? scanRange
      : (text: string, s: number, e: number, visit: PieceVisitor) => {
          while (s < e) {
            // Fast path for the common BMP non-digit: find where the next digit run starts.
            const c = text.charCodeAt(s);
            const isDigit =
              (c & 0xf800) !== 0xd800 ? (BMP_CLASSES[c] & N) !== 0 : (classAt(text, s, e) & N) !== 0;
            if (isDigit) {
              const runEnd = skipClass(text, s, e, N);
              visitDigits(text, s, runEnd, policy, scan, visit);
              s = runEnd;
            } else {
              const gapEnd = skipNotClass(text, s, e, N);
              scanRange(text, s, gapEnd, visit);
              s = gapEnd;
            }
          }
        };
  // `within`: the outer preset's pieces first, each then cut as usual (never across them).
  const outer = config.within === undefined ? null : presetScanner(config.within);
  const segment =
    outer === null
      ? inner
      : (text: string, s: number, e: number, visit: PieceVisitor) => {
          while (s < e) {
            const next = outer(text, s, e);
            inner(text, s, next, visit);
            s = next;
          }
        };

  const walk: PieceWalker =
    matcher === null
      ? (text, visit, start = 0, end = text.length) => segment(text, start, end, visit)
      : cutSpecials;
  if (!config.lowercase) return walk;
  // Uncased: lowercase first (as the Lowercase normalizer does at inference, per character), then
  // cut. Special tokens are matched in the lowercased text, so give them in lower case.
  return (text, visit, start = 0, end = text.length) => {
    const lower = lowercaseText(start === 0 && end === text.length ? text : text.slice(start, end));
    walk(lower, visit, 0, lower.length);
  };

  function cutSpecials(text: string, visit: PieceVisitor, start = 0, end = text.length): void {
    let pos = start;
    while (pos < end) {
      const at = (matcher as SpecialTokenMatcher).find(text, pos, undefined, end);
      if (at < 0) {
        segment(text, pos, end, visit);
        return;
      }
      segment(text, pos, at, visit);
      pos = (matcher as SpecialTokenMatcher).matchEnd;
    }
  }
}

/**
 * The pieces of training text for `config`, as strings (special tokens removed). Convenient for
 * tests and tools; the counting loop uses {@link pieceWalker}.
 *
 * @example
 * ```ts
 * const split = pieceSplitter({ preset: "gpt2", numbers: "ltr3", specialTokens: [] });
 * split("x 12345"); // ["x", " ", "123", "45"]
 * ```
 */
export function pieceSplitter(config: PieceConfig): (text: string) => string[] {
  const walk = pieceWalker(config);
  return (text) => {
    const out: string[] = [];
    walk(text, (t, s, e) => out.push(t.slice(s, e)));
    return out;
  };
}
