/**
 * The writing system of a token, from the Unicode `Script` property of its characters (as
 * JavaScript's `\p{Script=…}` knows it, so it follows the engine's Unicode version).
 */

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

const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
const TESTS = NAMED_SCRIPTS.map((name) => ({ name, re: new RegExp(`\\p{Script=${name}}`, "u") }));
/** Code point → script name, or "" for a neutral character; vocabularies repeat characters a lot. */
const cache = new Map<number, string>();

/**
 * The script of one code point: a name from {@link NAMED_SCRIPTS}, `Other`, or `""` for a
 * `Common`/`Inherited` character.
 *
 * @example
 * scriptOfCodePoint(0x416); // "Cyrillic" (Ж)
 * scriptOfCodePoint(0x20); // ""
 */
export function scriptOfCodePoint(cp: number): string {
  let s = cache.get(cp);
  if (s === undefined) {
    const ch = String.fromCodePoint(cp);
    s = NEUTRAL.test(ch) ? "" : (TESTS.find((t) => t.re.test(ch))?.name ?? "Other");
    cache.set(cp, s);
  }
  return s;
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
