/**
 * Shared tools of the normalizer differential tests: the Hugging Face binding wrapped around a
 * normalizer JSON, our side through `normalizerFromJson`, per-character offsets from both, and
 * seeded random strings full of the characters normalizers disagree on.
 */
import { Tokenizer } from "tokenizers";
import { NormalizedString } from "../../../src/core/normalize/index.js";
import { seededRandom } from "../../../src/core/random.js";
import { normalizerFromJson } from "../../../src/formats/hf/normalizers.js";
import { codePointIndex } from "./code-points.js";
import { tokenizerJsonWith } from "./tokenizer-json.js";

/** A tokenizer.json around `normalizer` whose model makes one `<unk>` per normalized character. */
export function tokenizerJson(normalizer: unknown): string {
  return tokenizerJsonWith({
    normalizer,
    model: {
      type: "BPE",
      dropout: null,
      unk_token: "<unk>",
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab: { "<unk>": 0 },
      merges: [],
    },
  });
}

/** The binding's tokenizer for `normalizer`. */
export function hfTokenizer(normalizer: unknown): Tokenizer {
  return Tokenizer.fromString(tokenizerJson(normalizer));
}

/** The binding's normalized text. */
export function hfNormalize(tokenizer: Tokenizer, text: string): string {
  return tokenizer.getNormalizer()!.normalizeString(text);
}

/** The binding's original offsets of each normalized character (in code points, its unit). */
export async function hfOffsets(tokenizer: Tokenizer, text: string): Promise<number[][]> {
  const e = await tokenizer.encode(text);
  return e.getOffsets();
}

/** Ours: normalized text and, per normalized character, its original range in code points. */
export function ours(normalizer: unknown, text: string): { text: string; offsets: number[][] } {
  const n = normalizerFromJson(normalizer);
  const ns = new NormalizedString(text);
  n?.normalize(ns);
  const cpIndex = codePointIndex(text);
  const offsets: number[][] = [];
  const s = ns.normalized;
  for (let i = 0; i < s.length; ) {
    const w = (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const [a, b] = ns.originalRange(i, i + w);
    offsets.push([cpIndex[a], cpIndex[b]]);
    i += w;
  }
  return { text: s, offsets };
}

const POOLS: string[][] = [
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"],
  [" ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", "\u0085", "\u1680", "\u202f"],
  [..."éèêëÉÀÇñÑüÖøåÅæœßİıΣσςΑΩάἀǅǄŉﬀ"],
  [
    "e\u0301",
    "a\u0308",
    "o\u0323\u0302",
    "q\u0307\u0323",
    "\u0301",
    "\u0345\u0334",
    "a\u0328\u0301",
    "\u1100\u1161\u11a8",
  ],
  [..."中文字漢語日本語ひらがなカタカナ한국어조선글𠀀𪜀"],
  [..."ﬁﬂﬃ①②℃™㎏½¼ⅨＡＢＣｘｙｚ０１２！？（）ｶﾞﾊﾟ"],
  ["😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "#️⃣", "🏳️‍🌈"],
  [
    "\u0000",
    "\u0001",
    "\u0007",
    "\u001f",
    "\u007f",
    "\u0080",
    "\u008f",
    "\u009f",
    "\u00ad",
    "\ufffd",
    "\ufeff",
  ],
  ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u2066", "\u2069", "\u061c", "\u180e"],
  [..."مرحبا بالعالم שלום עולם"],
  [..."नमस्तेक्षत्रॐ", "क्\u200d", "ত্ৰ", "ก้ำ", "ཀྵ"],
  ["\ud800", "\udc00", "a\udbff"],
  [".", ",", "-", "'", '"', "(", ")", "▁", "▁▁", "..."],
];

/** A random string of `length` pieces drawn from the pools (plus random code points). */
export function randomText(next: () => number, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) {
    const r = next();
    if (r < 0.05) {
      let cp = Math.floor(next() * 0x30000);
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
      s += String.fromCodePoint(cp);
      continue;
    }
    const pool = POOLS[Math.floor(next() * POOLS.length)];
    s += pool[Math.floor(next() * pool.length)];
  }
  return s;
}

/** `count` seeded random strings of up to `maxLength` pieces. */
export function randomTexts(seed: number, count: number, maxLength = 24): string[] {
  const next = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(randomText(next, 1 + Math.floor(next() * maxLength)));
  return out;
}

/** Typical texts: fixtures' lines and hand-picked edge cases. */
export const EDGE_TEXTS: string[] = [
  "",
  " ",
  "   ",
  "Hello world",
  "  Hello  world  ",
  "Héllo wörld! Ça va? ﬁne",
  "İstanbul ΣΊΣΥΦΟΣ straße",
  "北京欢迎你 Tokyo 東京",
  "한국어 텍스트 \u1100\u1161\u11a8",
  "ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ",
  "emoji 👨‍👩‍👧 🇫🇷 👍🏽!",
  "ctrl\u0000\u0001\u001f\u007f\u0085end",
  "zero\u200bwidth\u200d\ufeff",
  "עברית العربية mixed",
  "lone \ud800 surrogate \udc00",
  "a\u0301\u0301\u0323b\u0345\u0334c",
  "\r\n\r\n",
  "▁▁already▁",
];

/** The shared seeded PRNG (mulberry32), under the name these tests use. */
export const rng = seededRandom;
