/**
 * SuperBPE's stage-2 pretokenizer ("SuperBPE: Space Travel for Language Models", Liu et al.
 * 2025): the text is cut only around numbers, so that merges may cross whitespace and learn
 * superwords ("by the way"). It is what the released SuperBPE tokenizers run at inference too.
 *
 * The released tokenizer.json (UW/OLMo2-8B-SuperBPE-t180k, trained with the authors' code) has
 * `Sequence[Digits(individual_digits: false), Split("(?=(\d{3})+(?!\d))", Isolated),
 * ByteLevel(use_regex: false)]`:
 * 1. every run of numeric characters (Rust `char::is_numeric`: `\p{N}`) is its own piece;
 * 2. inside it, an empty match of the look-ahead cuts before every position that is followed by
 *    a multiple of three decimal digits (`\d` is Oniguruma's `\p{Nd}`) and then a non-digit, so
 *    digit runs group by three from the right ("1234567" → "1", "234", "567");
 * 3. everything else (letters, spaces, newlines, punctuation) stays in one piece.
 *
 * Browser-safe: no Node imports.
 */

import { classAt, N } from "../unicode/index.js";
import { skipClass, skipNotClass } from "./scan.js";
import type { PieceScanner } from "./types.js";

/** The digit-grouping pattern exactly as SuperBPE's released tokenizer.json spells it. */
export const SUPERBPE_DIGIT_GROUP_REGEX = "(?=(\\d{3})+(?!\\d))";

/**
 * The same language written without a counted repetition inside a repetition, which toklab's
 * Oniguruma translator refused as possibly exponential before file patterns ran on the linear
 * engine (decision 0032): this is the pattern toklab writes, read by older toklab versions and
 * the Hugging Face library alike (a test checks that the binding cuts identically with either
 * spelling).
 */
export const SUPERWORD_DIGIT_GROUP_REGEX = "(?=(?:\\d\\d\\d)+(?!\\d))";

/** Decimal digits (`\p{Nd}`), cached per code point; ASCII needs no lookup. */
const ndCache = new Map<number, boolean>();
const ND = /^\p{Nd}$/u;

/**
 * Whether the numeric code point `cp` (one with the `N` flag, so already pinned to the Unicode
 * version of toklab's tables) is a decimal digit, as Oniguruma's `\d` sees it.
 */
function isDecimal(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  let d = ndCache.get(cp);
  if (d === undefined) {
    d = ND.test(String.fromCodePoint(cp));
    ndCache.set(cp, d);
  }
  return d;
}

/**
 * The cut positions inside the numeric run last scanned, so that a long digit run costs linear
 * time in all (each call returns one group; finding the groups needs the whole run).
 */
let memoText: string | null = null;
let memoStart = -1;
let memoEnd = -1;
let memoLimit = -1;
let memoCuts = new Int32Array(16);
let memoCount = 0;
let memoCursor = 0;

/** Code point starts of the run, reused between calls. */
let starts = new Int32Array(64);

/**
 * Computes the cuts of the numeric run `text[start, runEnd)`: every position `p > start` from
 * which the decimal digits that follow number a positive multiple of three and reach the end of
 * their digit run (the look-ahead `(?=(\d{3})+(?!\d))`). Positions are UTF-16 indices; counts
 * are in code points (Oniguruma matches characters).
 */
function computeCuts(text: string, start: number, runEnd: number): void {
  let n = 0;
  for (let i = start; i < runEnd; i += 1 + (classAt(text, i, runEnd) >> 8)) {
    if (n === starts.length) {
      const s = new Int32Array(n * 2);
      s.set(starts);
      starts = s;
    }
    starts[n++] = i;
  }
  if (memoCuts.length < n) memoCuts = new Int32Array(Math.max(n, memoCuts.length * 2));
  memoCount = 0;
  // Walk the code points from the right, tracking the length of the digit run that starts at k.
  let digitsFromHere = 0;
  let m = 0;
  for (let k = n - 1; k >= 1; k--) {
    const cp = text.codePointAt(starts[k])!;
    digitsFromHere = isDecimal(cp) ? digitsFromHere + 1 : 0;
    if (digitsFromHere >= 3 && digitsFromHere % 3 === 0) memoCuts[m++] = starts[k];
  }
  // Collected right to left; store ascending.
  memoCuts.subarray(0, m).reverse();
  memoCount = m;
  memoCursor = 0;
}

/**
 * The scanner of SuperBPE's stage-2 pretokenizer (see the file comment): a piece is a maximal
 * stretch without numeric characters, or one group of a numeric run.
 *
 * @example
 * ```ts
 * const pieces: string[] = [];
 * const text = "by the way, 1234567 is big";
 * for (let p = 0; p < text.length; ) {
 *   const e = nextSuperwordPiece(text, p, text.length);
 *   pieces.push(text.slice(p, e));
 *   p = e;
 * }
 * pieces; // ["by the way, ", "1", "234", "567", " is big"]
 * ```
 */
export const nextSuperwordPiece: PieceScanner = (text, pos, end) => {
  if ((classAt(text, pos, end) & N) === 0) return skipNotClass(text, pos, end, N);
  if (text !== memoText || end !== memoLimit || pos < memoStart || pos >= memoEnd) {
    const runEnd = skipClass(text, pos, end, N);
    computeCuts(text, pos, runEnd);
    memoText = text;
    memoStart = pos;
    memoEnd = runEnd;
    memoLimit = end;
  }
  // Calls usually come in order, so the cursor only moves forward; search from the start when
  // a caller jumps back into the run.
  if (memoCursor > 0 && memoCuts[memoCursor - 1] > pos) memoCursor = 0;
  while (memoCursor < memoCount && memoCuts[memoCursor] <= pos) memoCursor++;
  return memoCursor < memoCount ? memoCuts[memoCursor] : memoEnd;
};

/**
 * The stage-2 pieces of `text` as strings (special tokens, if any, must be cut out first).
 *
 * @example
 * ```ts
 * superwordPieces("Total: 12345 items\n\nDone."); // ["Total: ", "12", "345", " items\n\nDone."]
 * ```
 */
export function superwordPieces(text: string): string[] {
  const out: string[] = [];
  for (let p = 0; p < text.length; ) {
    const e = nextSuperwordPiece(text, p, text.length);
    out.push(text.slice(p, e));
    p = e;
  }
  return out;
}

/** A tokenizer.json pre-tokenizer object (plain JSON data). */
export type SuperwordPreTokenizerJson = Record<string, unknown>;

/**
 * The cutting steps of the stage-2 pretokenizer as tokenizer.json pre-tokenizers, without the
 * final `ByteLevel` (so a writer can put a number-policy `Split` before them).
 *
 * @example
 * ```ts
 * superwordSplitSteps().map((s) => s.type); // ["Digits", "Split"]
 * ```
 */
export function superwordSplitSteps(): SuperwordPreTokenizerJson[] {
  return [
    { type: "Digits", individual_digits: false },
    { type: "Split", pattern: { Regex: SUPERWORD_DIGIT_GROUP_REGEX }, behavior: "Isolated", invert: false },
  ];
}

/**
 * The whole stage-2 `pre_tokenizer` of a byte-level tokenizer.json, as SuperBPE's released
 * tokenizers have it (the digit pattern respelled, see {@link SUPERWORD_DIGIT_GROUP_REGEX}).
 *
 * @example
 * ```ts
 * hfSuperwordPreTokenizer().type; // "Sequence"
 * ```
 */
export function hfSuperwordPreTokenizer(): SuperwordPreTokenizerJson {
  return {
    type: "Sequence",
    pretokenizers: [
      ...superwordSplitSteps(),
      { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
    ],
  };
}
