/**
 * Shared helpers of the word-model differential tests: run one string through toklab's model
 * and through the Hugging Face binding (`tokenizers`, a `Tokenizer` with no normalizer and no
 * pre-tokenizer, so the whole input is one word) and put both in the same units.
 */
import assert from "node:assert/strict";
import type { Tokenizer } from "tokenizers";
import type { TokenSink, WordModel } from "../../../src/core/models/types.js";
import { seededRandom } from "../adversarial.js";
import { codePointIndex } from "./code-points.js";

export { seededRandom };

/** What both sides agree on: ids, token texts, and offsets in code points (the binding's unit). */
export interface Outcome {
  readonly ids: number[];
  readonly tokens: string[];
  readonly offsets: [number, number][];
}

/** The binding's answer, or the error message it gives. */
export async function hfOutcome(tokenizer: Tokenizer, text: string): Promise<Outcome | string> {
  try {
    const e = await tokenizer.encode(text);
    return { ids: e.getIds(), tokens: e.getTokens(), offsets: e.getOffsets() as [number, number][] };
  } catch (err) {
    return String((err as Error).message ?? err);
  }
}

/**
 * toklab's answer (offsets converted to code points), or the error message. Also checks that
 * the fast paths (`tokenizeInto`, reading the word inside a larger text and appending to a sink
 * that already holds tokens, and `tokenizeValuesInto`, which also appends the values) give the
 * same ids, offsets and values as `tokenize`.
 */
export function ourOutcome(model: WordModel, text: string): Outcome | string {
  let tokens: ReturnType<WordModel["tokenize"]>;
  try {
    tokens = model.tokenize(text);
  } catch (err) {
    const pad = "«»";
    const sink: TokenSink = { ids: [7], starts: [0], ends: [1] };
    assert.throws(() => model.tokenizeInto(pad + text + pad, 2, 2 + text.length, sink));
    assert.deepEqual(sink, { ids: [7], starts: [0], ends: [1] }, "nothing appended on error");
    if (model.tokenizeValuesInto !== undefined) {
      const values = ["x"];
      assert.throws(() => model.tokenizeValuesInto!(pad + text + pad, 2, 2 + text.length, sink, values));
      assert.deepEqual(sink, { ids: [7], starts: [0], ends: [1] }, "nothing appended on error (values)");
      assert.deepEqual(values, ["x"], "no value appended on error");
    }
    return (err as Error).message;
  }
  const sink: TokenSink = { ids: [7], starts: [0], ends: [1] };
  const n = model.tokenizeInto(`«»${text}«»`, 2, 2 + text.length, sink);
  assert.equal(n, tokens.length, "tokenizeInto count");
  assert.deepEqual(
    sink.ids.slice(1),
    tokens.map((t) => t.id),
    "tokenizeInto ids",
  );
  assert.deepEqual(
    sink.starts.slice(1),
    tokens.map((t) => t.start + 2),
    "tokenizeInto starts",
  );
  assert.deepEqual(
    sink.ends.slice(1),
    tokens.map((t) => t.end + 2),
    "tokenizeInto ends",
  );
  if (model.tokenizeValuesInto !== undefined) {
    // The full-encoding path: the same tokens, with `tokenize`'s values appended after others.
    const withValues: TokenSink = { ids: [7], starts: [0], ends: [1] };
    const values = ["x"];
    const m = model.tokenizeValuesInto(`«»${text}«»`, 2, 2 + text.length, withValues, values);
    assert.equal(m, tokens.length, "tokenizeValuesInto count");
    assert.deepEqual(withValues, sink, "tokenizeValuesInto tokens");
    assert.deepEqual(values, ["x", ...tokens.map((t) => t.value)], "tokenizeValuesInto values");
  }
  const cp = codePointIndex(text);
  return {
    ids: tokens.map((t) => t.id),
    tokens: tokens.map((t) => t.value),
    offsets: tokens.map((t) => [cp[t.start], cp[t.end]]),
  };
}

/** Asserts that toklab and the binding agree on `text` (including on failing). */
export async function assertSame(model: WordModel, hf: Tokenizer, text: string): Promise<void> {
  const theirs = await hfOutcome(hf, text);
  const ours = ourOutcome(model, text);
  if (typeof theirs === "string" || typeof ours === "string") {
    assert.equal(
      typeof ours,
      typeof theirs,
      `error vs result on ${JSON.stringify(text)}: ours ${JSON.stringify(ours)}, hf ${JSON.stringify(theirs)}`,
    );
    return;
  }
  assert.deepEqual(ours, theirs, `on ${JSON.stringify(text)}`);
}

/** Characters of several kinds that random words are made of. */
export const CHAR_POOLS = {
  accents: ["é", "ü", "à", "ñ", "ç", "e\u0301", "a\u0308"],
  cjk: ["中", "文", "字", "日本", "語", "한", "국"],
  emoji: ["😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️"],
  marks: ["\u0301", "\u0308", "\u20dd", "\u0903"],
  unknown: ["Ω", "✓", "ß", "ø", "𝔘", "\u200b"],
  lone: ["\ud800", "\udfff", "\udc00\ud800"],
} as const;

/** A random word: mostly `fragments`, a character from the pools with probability `poolRate`. */
export function randomWord(
  rand: () => number,
  fragments: readonly string[],
  maxParts = 8,
  poolRate = 0.1,
): string {
  const pools = Object.values(CHAR_POOLS);
  const parts = 1 + Math.floor(rand() * maxParts);
  let s = "";
  for (let i = 0; i < parts; i++) {
    const r = rand();
    if (r >= poolRate) s += fragments[Math.floor(rand() * fragments.length)];
    else {
      const pool = pools[Math.floor(rand() * pools.length)];
      s += pool[Math.floor(rand() * pool.length)];
    }
  }
  return s;
}

/**
 * Every substring of every word (by code point, up to `maxLen`), split into word-initial and
 * inner ones; every single character is in both sets so that words can be glued together.
 */
export function substrings(
  words: readonly string[],
  maxLen = Infinity,
): { initial: Set<string>; inner: Set<string> } {
  const initial = new Set<string>();
  const inner = new Set<string>();
  for (const w of words) {
    const chars = Array.from(w);
    for (let i = 0; i < chars.length; i++) {
      for (let j = i + 1; j <= Math.min(chars.length, i + maxLen); j++) {
        (i === 0 ? initial : inner).add(chars.slice(i, j).join(""));
      }
      initial.add(chars[i]);
      inner.add(chars[i]);
    }
  }
  return { initial, inner };
}

/** Words the vocabularies are built from: ASCII, accents, CJK, emoji, a combining mark. */
export const WORDS: readonly string[] = [
  "un",
  "able",
  "unaffable",
  "playing",
  "player",
  "hello",
  "world",
  "token",
  "izer",
  "café",
  "naïve",
  "über",
  "中文字",
  "日本語",
  "😀😀",
  "👍🏽",
  "e\u0301t\u0301",
  "aaaa",
  "abab",
];
