/**
 * The Unicode script of a character as SentencePiece's trainer uses it to refuse pieces that mix
 * scripts (`split_by_unicode_script`): Hiragana, Katakana and the prolonged sound mark count as
 * Han; Inherited (combining marks) takes the script of the character before. Scripts come from
 * JavaScript's `\p{Script=…}`; those not in the list below share one id, so two of them may mix
 * in a piece where SentencePiece would split them (rare scripts, few pieces).
 */

const SCRIPTS = [
  "Common",
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
  "Cherokee",
  "Canadian_Aboriginal",
  "Khmer",
  "Mongolian",
  "Han",
  "Hiragana",
  "Katakana",
  "Bopomofo",
  "Yi",
  "Vai",
  "Tifinagh",
  "Nko",
  "Adlam",
  "Javanese",
  "Balinese",
  "Sundanese",
  "Ol_Chiki",
  "Inherited",
] as const;

/** Script ids: index in SCRIPTS; OTHER for the rest. */
export const INHERITED = SCRIPTS.indexOf("Inherited");
const HAN = SCRIPTS.indexOf("Han");
const OTHER = SCRIPTS.length;
const TESTS = SCRIPTS.map((name) => new RegExp(`^\\p{Script=${name}}$`, "u"));
const cache = new Map<number, number>();

/**
 * The script id of a code point, Japanese kana folded into Han.
 *
 * @example
 * scriptId(0x61) === scriptId(0x62); // true: both Latin
 */
export function scriptId(cp: number): number {
  let s = cache.get(cp);
  if (s === undefined) {
    const ch = String.fromCodePoint(cp);
    s = OTHER;
    for (let i = 0; i < TESTS.length; i++) {
      if (TESTS[i].test(ch)) {
        s = i;
        break;
      }
    }
    if (s === HAN + 1 || s === HAN + 2 || cp === 0x30fc) s = HAN; // Hiragana, Katakana
    cache.set(cp, s);
  }
  return s;
}
