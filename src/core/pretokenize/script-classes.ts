/**
 * The character classes of SCRIPT pretokenization ("BPE Stays on SCRIPT", Land & Arnett 2025):
 * each code point has a Unicode script and a supercategory (letters+marks, punctuation+symbols,
 * numbers, separators, other), packed as `script * 5 + supercategory`. The table
 * (`script-data.ts`, Unicode 16.0 as in the paper's code) is expanded on first use: a
 * `Uint16Array` for the BMP and a binary search over runs for astral code points.
 *
 * Browser-safe: no Node imports.
 */
import { decodeScriptRuns, SUPERCATEGORIES } from "./script-codec.js";
import { SCRIPT_CLASS_RUNS, SCRIPT_NAMES } from "./script-data.js";

export { SCRIPT_NAMES, SUPERCATEGORIES };

/** A supercategory's index in {@link SUPERCATEGORIES}. */
export const LM = 0;
export const PS = 1;
export const NUM = 2;
export const SEP = 3;
export const OTHER = 4;

const scriptId = (name: string) => {
  const id = SCRIPT_NAMES.indexOf(name);
  if (id < 0) throw new Error(`script ${name} missing from the table`);
  return id;
};

/** Script ids named here and by the other users of the table (analyze, the Unigram trainer). */
export const INHERITED = scriptId("Inherited");
export const HAN = scriptId("Han");
export const HIRAGANA = scriptId("Hiragana");
export const KATAKANA = scriptId("Katakana");
export const COMMON = scriptId("Common");

let bmp: Uint16Array | null = null;
let astralStarts: Int32Array;
let astralEnds: Int32Array;
let astralClasses: Uint16Array;

function build(): Uint16Array {
  const table = new Uint16Array(0x10000);
  const starts: number[] = [];
  const ends: number[] = [];
  const classes: number[] = [];
  decodeScriptRuns(SCRIPT_CLASS_RUNS, (start, length, cls) => {
    const stop = start + length;
    if (start < 0x10000) table.fill(cls, start, Math.min(stop, 0x10000));
    if (stop > 0x10000) {
      starts.push(Math.max(start, 0x10000));
      ends.push(stop);
      classes.push(cls);
    }
  });
  astralStarts = Int32Array.from(starts);
  astralEnds = Int32Array.from(ends);
  astralClasses = Uint16Array.from(classes);
  bmp = table;
  return table;
}

/**
 * The class of a code point (surrogate code points: Unknown, other).
 *
 * @example
 * ```ts
 * className(scriptClassOf(0x3042)); // "Hiragana LM" (あ)
 * ```
 */
export function scriptClassOf(cp: number): number {
  const table = bmp ?? build();
  if (cp < 0x10000) return table[cp];
  let lo = 0;
  let hi = astralStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (astralStarts[mid] <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && cp < astralEnds[lo - 1] ? astralClasses[lo - 1] : table[0xdfff];
}

/**
 * The class of the character at `text[i]`, plus `0x10000` when it is a surrogate pair ending
 * before `end` (two code units wide). A lone surrogate is Unknown, other.
 *
 * @example
 * ```ts
 * const k = scriptClassAt("😀!", 0, 3);
 * className(k & 0xffff); // "Common PS"
 * k >>> 16; // 1: two code units
 * ```
 */
export function scriptClassAt(text: string, i: number, end: number): number {
  const table = bmp ?? build();
  const c = text.charCodeAt(i);
  if ((c & 0xfc00) === 0xd800 && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00)
      return scriptClassOf(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) | 0x10000;
  }
  return table[c];
}

/** The script id of a class. */
export const scriptOf = (cls: number): number => Math.floor(cls / 5);
/**
 * The Unicode Script property of a code point (Unicode 16.0): the script of its class, except
 * where the SCRIPT paper's classes override it. U+30FC, U+FF70 (prolonged sound marks) and
 * U+0640 (tatweel) are Common in Unicode, whatever class the pretokenizer gives them.
 *
 * @example
 * ```ts
 * SCRIPT_NAMES[unicodeScriptOf(0x416)]; // "Cyrillic" (Ж)
 * SCRIPT_NAMES[unicodeScriptOf(0x30fc)]; // "Common" (ー)
 * ```
 */
export function unicodeScriptOf(cp: number): number {
  return cp === 0x30fc || cp === 0xff70 || cp === 0x0640 ? COMMON : scriptOf(scriptClassOf(cp));
}

/** The supercategory index of a class. */
export const supercategoryOf = (cls: number): number => cls % 5;

/**
 * A readable name of a class, e.g. `"Latin LM"`.
 *
 * @example
 * ```ts
 * className(scriptClassOf(0x41)); // "Latin LM"
 * className(scriptClassOf(0x20)); // "Common Z"
 * ```
 */
export function className(cls: number): string {
  return `${SCRIPT_NAMES[scriptOf(cls)]} ${SUPERCATEGORIES[supercategoryOf(cls)]}`;
}
