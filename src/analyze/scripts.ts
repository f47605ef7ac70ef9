/**
 * The writing system of a token, from the Unicode `Script` property of its characters (Unicode
 * 16.0, from the script table the SCRIPT pretokenizer also uses: src/core/pretokenize/script-classes.ts).
 */
import { COMMON, INHERITED, SCRIPT_NAMES, unicodeScriptOf } from "../core/pretokenize/script-classes.js";

/**
 * Scripts told apart by name; characters of any other script count as `Other`. `Common`
 * (spaces, digits, punctuation, symbols) and `Inherited` (combining marks) are neutral.
 */
export const NAMED_SCRIPTS = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Armenian",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Georgian",
  "Hangul",
  "Ethiopic",
  "Khmer",
  "Mongolian",
  "Hiragana",
  "Katakana",
  "Bopomofo",
  "Han",
] as const;

/** Per script id of the table: its name here, "Other", or "" for a neutral script. */
const NAME_OF_SCRIPT = SCRIPT_NAMES.map((name, id) =>
  id === COMMON || id === INHERITED
    ? ""
    : (NAMED_SCRIPTS as readonly string[]).includes(name)
      ? name
      : "Other",
);

/**
 * The script of one code point: a name from {@link NAMED_SCRIPTS}, `Other`, or `""` for a
 * `Common`/`Inherited` character.
 *
 * @example
 * scriptOfCodePoint(0x416); // "Cyrillic" (Ж)
 * scriptOfCodePoint(0x20); // ""
 */
export function scriptOfCodePoint(cp: number): string {
  return NAME_OF_SCRIPT[unicodeScriptOf(cp)];
}

/**
 * The script of a token's text: the one script of its non-neutral characters; `Common` when it
 * has none (spaces, digits, punctuation only); `Mixed` when it has several (Japanese mixing Han
 * and Hiragana counts as `Mixed`).
 *
 * @example
 * scriptOfText(" привет"); // "Cyrillic"
 * scriptOfText("123"); // "Common"
 * scriptOfText("aж"); // "Mixed"
 */
export function scriptOfText(text: string): string {
  let found = "";
  for (const ch of text) {
    const s = scriptOfCodePoint(ch.codePointAt(0)!);
    if (s === "" || s === found) continue;
    if (found !== "") return "Mixed";
    found = s;
  }
  return found === "" ? "Common" : found;
}
