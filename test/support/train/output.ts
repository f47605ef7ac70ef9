/**
 * Shared inputs of the output tests: small generated corpora (Latin, CJK, emoji, digits,
 * accents, code), trained values made by the toy trainer on them, adversarial texts to encode,
 * and scratch directories.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import type { TrainedBpe } from "../../../src/train/types.js";
import { adversarialStrings, seededRandom, toWellFormed } from "../adversarial.js";
import { toyTrain } from "./toy-trainer.js";

const WORDS = [
  "the",
  "token",
  "tokenizer",
  "lower",
  "lowest",
  "newer",
  "wider",
  "hello",
  "world",
  "don't",
  "naïve",
  "café",
  "straße",
  "Привет",
  "мир",
  "日本語",
  "中文",
  "字符",
  "测试",
  "東京",
  "한국어",
  "😀",
  "👍🏽",
  "🇫🇷",
  "❤️",
  "2024",
  "1234567",
  "3.14",
  "42",
  "x=1;",
  "f(x)",
  "{}",
  "=>",
  "\t",
  "\n",
];

const SYLLABLES = ["ka", "to", "ri", "ne", "sho", "lu", "mi", "ba", "ä", "ß", "東", "語", "🙂", "7", "0"];

/** A made-up word of 1–4 syllables (skewed towards a few, so their pairs recur). */
function syllables(rand: () => number): string {
  let w = "";
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() ** 1.5 * SYLLABLES.length)];
  return w;
}

/** `sentences` lines of seeded pseudo-text drawn from a small multilingual word list. */
export function corpus(seed: number, sentences: number): string {
  const rand = seededRandom(seed);
  const lines: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const n = 3 + Math.floor(rand() * 10);
    const words: string[] = [];
    // A skewed draw, so some words are frequent (long merges) and some rare.
    for (let i = 0; i < n; i++) {
      if (rand() < 0.3) words.push(syllables(rand));
      else words.push(WORDS[Math.floor(rand() ** 2 * WORDS.length)]);
    }
    lines.push(words.join(" "));
  }
  return lines.join("\n");
}

export const SPECIALS = ["<|endoftext|>", "<|pad|>"];
/**
 * Reserved tokens (KL3M-style): markup and a whitespace run that the corpus never has, and two
 * that merges reach, one spelled alike in the byte alphabet ("kato") and one not (" 東", "ĠæĿ±").
 */
export const RESERVED = ["<|reserved_0|>", "\u3000\u3000", " 東", "kato"];

/** A byte-level BPE with specials and reserved tokens, trained on a generated corpus. */
export function byteTrained(merges = 300): TrainedBpe {
  const text = corpus(7, 400).split("\n").join(`${SPECIALS[0]}\n`);
  return toyTrain(text, { merges, specialTokens: SPECIALS, reservedTokens: RESERVED });
}

/**
 * Texts to encode: adversarial strings (made well formed: the bindings take UTF-8), corpus
 * lines, unseen text, and text around special and reserved tokens.
 */
export function sampleTexts(seed: number, count: number): string[] {
  const texts = adversarialStrings(seed, count).map(toWellFormed);
  texts.push(...corpus(seed + 1, 30).split("\n"));
  texts.push(
    "",
    " ",
    "Hello world<|endoftext|>next<|pad|><|pad|>",
    "a<|reserved_0|>b\u3000\u3000\u3000c",
    "unseen: Ωμέγα ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🦀🦀 ١٢٣",
    "   leading and trailing   ",
    "1234567890 12 345 6789",
  );
  return texts;
}

/** A fresh scratch directory, removed when the test file ends. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "toklab-train-output-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
