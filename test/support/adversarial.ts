import { seededRandom } from "../../src/core/random.js";

/**
 * A seeded generator of strings that stress tokenizers where implementations tend to disagree:
 * scripts without spaces, emoji sequences, combining marks, unusual whitespace, digit runs,
 * case-folded contractions, lone surrogates and special-token look-alikes.
 */

const FRAGMENTS: readonly string[] = [
  // Latin, contractions (incl. case-folded ones and long s), punctuation
  "hello",
  " world",
  "Hello",
  "HELLO",
  "don't",
  "DON'T",
  "I'LL",
  "it'S",
  "we'Ve",
  "x'ſ",
  "'s",
  "'ll",
  "'ſ",
  "'",
  "''",
  "naïve",
  "Ça",
  "straße",
  "ǅemal",
  "ﬁne",
  // scripts without spaces, RTL, Indic
  "日本語のテキスト",
  "中文字符测试",
  "한국어",
  "ภาษาไทยไม่มีช่องว่าง",
  "العربية",
  "עִבְרִית",
  "\u200fRTL\u200e",
  "हिन्दी",
  "Русский",
  "ελληνικά",
  // combining marks, emoji, ZWJ and flags
  "e\u0301",
  "a\u0300\u0301\u0302",
  "\u0301",
  "😀",
  "👨‍👩‍👧‍👦",
  "👍🏽",
  "🇫🇷",
  "❤️",
  "\u200d",
  "🏳️‍🌈",
  // whitespace
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\n\n\n",
  "   \n",
  " \r\n ",
  "\u0085",
  "\u00a0",
  "\u3000",
  "\ufeff",
  "\u2028",
  "\u000b",
  "\u000c",
  // digits and numbers
  "1",
  "12",
  "123",
  "1234",
  "12345",
  "1234567890",
  "٣٤٥",
  "³",
  "Ⅻ",
  "3.14",
  "-42",
  // code and symbols
  "()",
  "{}",
  "=>",
  "// comment",
  "/* x */",
  "<div>",
  "\\n",
  "$$",
  "...",
  "!!!",
  "?!",
  "::",
  "/",
  "//\n",
  // special-token look-alikes
  "<|endoftext|",
  "<|endoftext|>",
  "|endoftext|>",
  "<|endofprompt|>",
  "<|fim_prefix|>",
  "<|fim_middle|>",
  "<|fim_suffix|>",
  "<|",
  "|>",
  "word<|endoftext|>word",
  // lone surrogates
  "\ud800",
  "\udc00",
  "\ud83d",
  "\ude00",
  "\udbff\udbff",
];

const RANGES: readonly [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x300, 0x36f],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x590, 0x6ff],
  [0x900, 0x97f],
  [0xe00, 0xe7f],
  [0x2000, 0x206f],
  [0x3000, 0x30ff],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xd800, 0xdfff],
  [0xfe00, 0xfeff],
  [0x1f300, 0x1faff],
];

/** One random code point (or lone surrogate) from the ranges above. */
function randomChar(rnd: () => number): string {
  const [lo, hi] = RANGES[Math.floor(rnd() * RANGES.length)];
  const cp = lo + Math.floor(rnd() * (hi - lo + 1));
  return cp >= 0x10000 ? String.fromCodePoint(cp) : String.fromCharCode(cp);
}

/**
 * `count` adversarial strings from `seed`, mostly short (up to ~40 parts) with an occasional
 * long run of one fragment.
 */
export function adversarialStrings(seed: number, count: number): string[] {
  const rnd = seededRandom(seed);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const parts = 1 + Math.floor(rnd() * 40);
    let s = "";
    for (let i = 0; i < parts; i++) {
      const x = rnd();
      if (x < 0.6) s += FRAGMENTS[Math.floor(rnd() * FRAGMENTS.length)];
      else if (x < 0.9) s += randomChar(rnd);
      else if (x < 0.97) s += " ".repeat(1 + Math.floor(rnd() * 6));
      else s += FRAGMENTS[Math.floor(rnd() * FRAGMENTS.length)].repeat(2 + Math.floor(rnd() * 60));
    }
    out.push(s);
  }
  return out;
}

/** True when `s` has no lone surrogates (so it round-trips through UTF-8). */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      else return false;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Long runs without spaces, in several scripts: each a single piece (or a few) of > 1 KB. */
export function longRuns(seed: number): string[] {
  const rnd = seededRandom(seed);
  const runs = ["a", "ab", "xyz", "中文", "ภาษา", "العربية", "é", "😀", "!", "1", "\u0301", "aa b"];
  return runs.map((r) => {
    let s = r.repeat(300 + Math.floor(rnd() * 300));
    // A few random letters in the run make the merges irregular.
    for (let i = 0; i < 20; i++) {
      const at = Math.floor(rnd() * s.length);
      if ((s.charCodeAt(at) & 0xfc00) !== 0xdc00) s = s.slice(0, at) + "qzk".charAt(i % 3) + s.slice(at);
    }
    return s;
  });
}

/** `s` with every lone surrogate replaced by U+FFFD (`String.prototype.toWellFormed`, ES2024). */
export function toWellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

export { seededRandom };
