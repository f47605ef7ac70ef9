import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { countText } from "../../src/eval/counts.js";
import {
  bytesPerToken,
  charsPerToken,
  continuedWords,
  evaluate,
  fertility,
  normalizedSequenceLength,
  tokenLengths,
} from "../../src/eval/metrics.js";
import { tokenSpans } from "../../src/eval/spans.js";
import { wordSpans } from "../../src/eval/words.js";
import { byteTokenizer, toyTokenizer, wordLevelTokenizer } from "../support/eval/toy-tokenizers.js";

// By hand, with the toy vocabulary (test/support/eval/toy-tokenizers.ts):
//   "the cat sat" → the | ␠cat | ␠s | at        4 tokens, 11 bytes, 11 chars, words the/cat/sat
//   "the sat"     → the | ␠s | at               3 tokens,  7 bytes,  7 chars, words the/sat
//   "thé"         → th | 0xC3 | 0xA9            3 tokens,  4 bytes,  3 chars, word thé
const corpus = ["the cat sat", "the sat", "thé"];
const toy = toyTokenizer();

describe("metrics on a hand-computed toy corpus", () => {
  test("the toy tokenizer tokenizes as worked out by hand", () => {
    assert.deepEqual(toy.encode("the cat sat"), [260, 261, 258, 256]);
    assert.deepEqual(toy.encode("the sat"), [260, 258, 256]);
    assert.deepEqual(toy.encode("thé"), [259, 0xc3, 0xa9]);
  });

  test("bytes/token and characters/token", () => {
    assert.equal(bytesPerToken(toy, corpus), 22 / 10);
    assert.equal(charsPerToken(toy, corpus), 21 / 10);
  });

  test("fertility and continued words: a word's tokens are the tokens overlapping it", () => {
    // the:1 cat:1 sat:2 | the:1 sat:2 | thé:3  → 10 tokens over 6 words; sat, sat, thé continued
    assert.equal(fertility(toy, corpus), 10 / 6);
    assert.equal(continuedWords(toy, corpus), 3 / 6);
  });

  test("normalized sequence length against a one-token-per-byte baseline", () => {
    assert.equal(normalizedSequenceLength(toy, byteTokenizer(), corpus), 10 / 22);
    assert.equal(normalizedSequenceLength(toy, toy, corpus), 1);
  });

  test("token-length distribution in bytes and characters", () => {
    // the×2 (3), ␠cat (4), ␠s×2 (2), at×2 (2), th (2), C3 (1 byte, claims é), A9 (1 byte, 0 chars)
    assert.deepEqual(tokenLengths(toy, corpus), {
      bytes: { "1": 2, "2": 5, "3": 2, "4": 1 },
      chars: { "0": 1, "1": 1, "2": 5, "3": 2, "4": 1 },
    });
  });

  test("Rényi entropy, efficiency, utilisation and the rest in one pass", () => {
    const m = evaluate(toy, corpus);
    // Type counts: the 2, ␠s 2, at 2, ␠cat 1, th 1, C3 1, A9 1 (7 types, 10 tokens).
    const p = [2, 2, 2, 1, 1, 1, 1].map((c) => c / 10);
    const h = Math.log2(p.reduce((a, x) => a + x ** 2.5, 0)) / (1 - 2.5);
    assert.ok(Math.abs(m.renyiEntropy - h) < 1e-12);
    assert.ok(Math.abs(m.renyiEfficiency - h / Math.log2(7)) < 1e-12);
    assert.equal(m.types, 7);
    // 263 ids, one special: 262 ordinary.
    assert.equal(m.vocabUtilisation, 7 / 262);
    assert.equal(m.tokens, 10);
    assert.equal(m.words, 6);
    assert.equal(m.unknownRate, 0);
    assert.equal(m.unknownCharRate, 0);
    assert.equal(m.byteFallbackRate, 0);
    assert.equal(m.roundTripFailures, 0);
    const byVocab = evaluate(toy, corpus, { renyi: { alpha: 2.5, vocabSize: 262 } });
    assert.ok(Math.abs(byVocab.renyiEfficiency - h / Math.log2(262)) < 1e-12);
  });

  test("spans: a character split across tokens belongs to each", () => {
    const s = tokenSpans(toy, "thé");
    assert.ok(s !== null);
    assert.deepEqual([...s.starts], [0, 2, 2]);
    assert.deepEqual([...s.ends], [2, 3, 3]);
  });
});

describe("unknown tokens, dropped characters and round trips", () => {
  const words = wordLevelTokenizer(["the", "cat", "sat"]);

  test("characters under [UNK] are unknown; whitespace the pre-tokenizer drops is not", () => {
    const c = countText(words, "the dog  sat");
    assert.equal(c.tokens, 3);
    assert.equal(c.unknownTokens, 1);
    assert.equal(c.unknownChars, 3);
    assert.equal(c.chars, 12);
    // A word-level decoder joins with single spaces: the text does not come back.
    assert.equal(c.roundTripFailures, 1);
    const m = evaluate(words, ["the dog  sat"]);
    assert.equal(m.unknownRate, 1 / 3);
    assert.equal(m.unknownCharRate, 3 / 12);
  });

  test("words: Intl.Segmenter word-like segments, punctuation and spaces excluded", () => {
    assert.deepEqual(
      wordSpans("Hello, world! 42").map((w) => [w.start, w.end]),
      [
        [0, 5],
        [7, 12],
        [14, 16],
      ],
    );
  });
});

test("long texts are segmented in chunks with the same words as one segmenter pass", () => {
  const base = "Tokenizers cut text. 言語モデルはテキストを扱います。 emoji 👩‍👩‍👧‍👦 and\nnew lines, ";
  const long = base.repeat(200) + "長".repeat(20000) + base.repeat(50);
  const seg = new Intl.Segmenter("und", { granularity: "word" });
  const whole: [number, number][] = [];
  // A short prefix keeps the reference pass fast; it crosses many chunk boundaries.
  const prefix = base.repeat(200);
  for (const s of seg.segment(prefix)) if (s.isWordLike) whole.push([s.index, s.index + s.segment.length]);
  const ours = wordSpans(long).filter((w) => w.end <= prefix.length);
  assert.ok(prefix.length > 5 * 2048);
  assert.deepEqual(
    ours.map((w) => [w.start, w.end]),
    whole,
  );
  // The unspaced run is cut only at chunk limits, and every character stays in some word.
  const covered = wordSpans(long).reduce((a, w) => a + (w.end - w.start), 0);
  assert.ok(covered > 20000);
});
