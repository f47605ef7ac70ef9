import { CATEGORIES, type Doc } from "./corpus.js";
import { pick, seededRandom } from "./rng.js";

/**
 * Adversarial 1 MB inputs. Each one becomes a single huge pretokenizer piece (or a run of
 * pieces) in tiktoken-style patterns, which is where quadratic BPE merge loops and
 * backtracking regexes show. "prose" is the yardstick the others are divided by.
 */
export const PATHO_INPUTS = ["prose", "a", "spaces", "newlines", "digits", "base64", "cjk", "emoji"] as const;
export type PathoInput = (typeof PATHO_INPUTS)[number];

export const PATHO_DESCRIPTIONS: Record<PathoInput, string> = {
  prose: "English prose: en_prose documents of the corpus joined by blank lines (the yardstick)",
  a: "one letter repeated: `aaaa…`",
  spaces: "U+0020 repeated",
  newlines: "`\\n` repeated",
  digits: "random decimal digits, no separators",
  base64: "random base64 alphabet `[A-Za-z0-9+/]`, no line breaks",
  cjk: "random CJK ideographs (U+4E00–U+9FFF), no spaces or punctuation",
  emoji: "random emoji with skin tones, ZWJ sequences (families, professions) and flags, no spaces",
};

export function makePathoInput(name: PathoInput, bytes: number, docs: () => readonly Doc[]): string {
  const random = seededRandom(0x70a7 + PATHO_INPUTS.indexOf(name));
  switch (name) {
    case "prose": {
      const prose = docs().filter((d) => d.cat === CATEGORIES[0]);
      let text = "";
      for (let i = 0; Buffer.byteLength(text) < bytes && prose.length > 0; i++) {
        text += `${prose[i % prose.length].text}\n\n`;
      }
      return truncate(text, bytes);
    }
    case "a":
      return "a".repeat(bytes);
    case "spaces":
      return " ".repeat(bytes);
    case "newlines":
      return "\n".repeat(bytes);
    case "digits":
      return build(bytes, () => String.fromCharCode(48 + Math.floor(random() * 10)));
    case "base64":
      return build(bytes, () => pick(random, BASE64));
    case "cjk":
      return build(bytes, () => String.fromCodePoint(0x4e00 + Math.floor(random() * (0x9fff - 0x4e00 + 1))));
    case "emoji":
      return build(bytes, () => emoji(random));
  }
}

const BASE64 = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"];
const BASIC = [..."😀😂🥲😍🤔🙈🚀🔥🎉🍕🐍🦀💡✨🌍🧪📦🔧"];
const SKIN = ["\u{1F3FB}", "\u{1F3FC}", "\u{1F3FD}", "\u{1F3FE}", "\u{1F3FF}"];
const ZWJ = "\u200D";
const ZWJ_SEQUENCES = [
  `👩${ZWJ}👩${ZWJ}👧${ZWJ}👦`,
  `👨${ZWJ}👩${ZWJ}👧`,
  `👩${ZWJ}💻`,
  `🧑${ZWJ}🔬`,
  `🏳️${ZWJ}🌈`,
  `👁️${ZWJ}🗨️`,
  `❤️${ZWJ}🔥`,
];
const FLAGS = ["🇫🇷", "🇯🇵", "🇧🇷", "🇺🇦", "🇮🇳"];

function emoji(random: () => number): string {
  const r = random();
  if (r < 0.4) return pick(random, BASIC);
  if (r < 0.6) return `${pick(random, ["👍", "👋", "🙌", "🧑"])}${pick(random, SKIN)}`;
  if (r < 0.85) return pick(random, ZWJ_SEQUENCES);
  return pick(random, FLAGS);
}

/** Concatenate units until at least `bytes` UTF-8 bytes, then cut back to at most `bytes`. */
function build(bytes: number, unit: () => string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const u = unit();
    parts.push(u);
    length += Buffer.byteLength(u);
  }
  return truncate(parts.join(""), bytes);
}

/** Cut to at most `bytes` UTF-8 bytes without splitting a code point. */
function truncate(text: string, bytes: number): string {
  const buf = Buffer.from(text);
  if (buf.length <= bytes) return text;
  let end = bytes;
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString();
}
