/**
 * SCRIPT pretokenization ("BPE Stays on SCRIPT: Structured Encoding for Robust Multilingual
 * Pretokenization", Land & Arnett 2025): text is cut where the Unicode script or the
 * supercategory of the characters changes, with no regular expression. As in the paper's code
 * (`ScriptEncodingPretokenizer.chunk_script_encoding`):
 *
 * 1. characters are grouped into maximal runs of one class (script + supercategory: letters and
 *    marks, punctuation and symbols, numbers, separators, other; see `script-classes.ts`);
 * 2. a run that is exactly one space (U+0020) joins the run after it when that run's class
 *    "uses spaces": letters of the 20 scripts the paper lists (Latin, Arabic, Devanagari, Hangul,
 *    Cyrillic...) or Common punctuation and symbols, so " the" and " (" are pieces but " 12",
 *    " 日本" and "  the" (two spaces) are not;
 * 3. following runs join the piece while they are Inherited (combining marks, ZWJ, variation
 *    selectors) or have the piece's supercategory and its script; Han and Hiragana count as one
 *    script, so Japanese kanji+kana words stay whole. The piece's script is that of its first
 *    run (after the space), so a joined Inherited run does not change it.
 *
 * The paper's code also NFC-normalizes and deletes unassigned, private-use and surrogate code
 * points first; here normalization is the pipeline's normalizer's job, and such characters are
 * kept as a class of their own (Unknown, other), so that pieces always tile the text.
 *
 * Browser-safe: no Node imports.
 */

import {
  COMMON,
  HAN,
  HIRAGANA,
  INHERITED,
  LM,
  PS,
  SCRIPT_NAMES,
  scriptClassAt,
  scriptOf,
  supercategoryOf,
} from "./script-classes.js";
import type { PieceScanner } from "./types.js";

/** The scripts whose letters take a leading space (the paper's `SCRIPTS_WHICH_USE_SPACES`). */
export const SCRIPTS_USING_SPACES: readonly string[] = [
  "Latin",
  "Arabic",
  "Devanagari",
  "Hangul",
  "Ethiopic",
  "Cyrillic",
  "Greek",
  "Hebrew",
  "Bengali",
  "Syriac",
  "Oriya",
  "Tamil",
  "Telugu",
  "Gurmukhi",
  "Gujarati",
  "Sinhala",
  "Malayalam",
  "Armenian",
  "Kannada",
  "Georgian",
];

/** Classes that absorb one preceding space: letters of those scripts, Common punctuation. */
const takesSpace = new Uint8Array(SCRIPT_NAMES.length * 5);
for (const name of SCRIPTS_USING_SPACES) takesSpace[SCRIPT_NAMES.indexOf(name) * 5 + LM] = 1;
takesSpace[COMMON * 5 + PS] = 1;

/**
 * Whether a run of class `next` continues a piece whose class is `piece`: Inherited runs always
 * do; otherwise the supercategory must match and the script too (Han and Hiragana are one).
 *
 * @example
 * ```ts
 * continuesPiece(scriptClassOf(0x6f22), scriptClassOf(0x3072)); // true: 漢 then ひ
 * continuesPiece(scriptClassOf(0x61), scriptClassOf(0x31)); // false: a letter then a digit
 * ```
 */
export function continuesPiece(piece: number, next: number): boolean {
  const b = scriptOf(next);
  if (b === INHERITED) return true;
  if (supercategoryOf(piece) !== supercategoryOf(next)) return false;
  const a = scriptOf(piece);
  return a === b || (a === HAN && b === HIRAGANA) || (a === HIRAGANA && b === HAN);
}

/**
 * Whether a piece of class `cls` takes a single leading space.
 *
 * @example
 * ```ts
 * takesLeadingSpace(scriptClassOf(0x61)); // true: Latin letters
 * takesLeadingSpace(scriptClassOf(0x65e5)); // false: Han
 * ```
 */
export function takesLeadingSpace(cls: number): boolean {
  return takesSpace[cls] === 1;
}

/**
 * The scanner of the `script` preset: the end of the piece that starts at `pos`.
 *
 * @example
 * ```ts
 * const pieces: string[] = [];
 * const text = "Hello world! 日本語のテキスト 123";
 * for (let p = 0; p < text.length; ) {
 *   const e = nextScriptPiece(text, p, text.length);
 *   pieces.push(text.slice(p, e));
 *   p = e;
 * }
 * pieces; // ["Hello", " world", "!", " ", "日本語の", "テキスト", " ", "123"] (Katakana is its own script)
 * ```
 */
export const nextScriptPiece: PieceScanner = (text, pos, end) => {
  const first = scriptClassAt(text, pos, end);
  let piece = first & 0xffff;
  let i = pos + 1 + (first >>> 16);
  // A run of exactly one space joins a following run that takes spaces. (The space's class,
  // Common separator, never takes a space itself, so a second space leaves it alone.)
  if (text.charCodeAt(pos) === 0x20 && i < end) {
    const next = scriptClassAt(text, i, end);
    if (takesSpace[next & 0xffff] === 1) {
      piece = next & 0xffff;
      i += 1 + (next >>> 16);
    }
  }
  // Runs join one class at a time; a run of the piece's own class always continues it, so
  // walking character by character joins exactly the runs the paper's grouping joins.
  while (i < end) {
    const k = scriptClassAt(text, i, end);
    if (!continuesPiece(piece, k & 0xffff)) break;
    i += 1 + (k >>> 16);
  }
  return i;
};

/**
 * The SCRIPT pieces of `text` as strings (special tokens, if any, must be cut out first).
 *
 * @example
 * ```ts
 * scriptPieces("x = a + b"); // ["x", " =", " a", " +", " b"]
 * ```
 */
export function scriptPieces(text: string): string[] {
  const out: string[] = [];
  for (let p = 0; p < text.length; ) {
    const e = nextScriptPiece(text, p, text.length);
    out.push(text.slice(p, e));
    p = e;
  }
  return out;
}
