/**
 * The Unigram trainer's parts against naive reimplementations: the capped suffix array against
 * sorting, seed frequencies against counting substrings, the E-step's expected counts against
 * enumerating every segmentation of a word, digamma against known values; and the trainer's
 * result against SentencePiece's defining properties (exact vocabulary size, every required
 * character, scores in order).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "../../../src/core/random.js";
import { SentencePieceNormalizer } from "../../../src/core/sentencepiece/normalizer.js";
import { buildWordText, compareCodePoints } from "../../../src/train/unigram/corpus.js";
import { digamma } from "../../../src/train/unigram/digamma.js";
import { WordLattices } from "../../../src/train/unigram/lattice.js";
import { INHERITED, scriptId } from "../../../src/train/unigram/script.js";
import { seedPieces } from "../../../src/train/unigram/seeds.js";
import { SPACE_MARK, WordCounter } from "../../../src/train/unigram/sentences.js";
import { cappedSuffixArray } from "../../../src/train/unigram/suffix-array.js";
import { trainUnigram } from "../../../src/train/unigram/trainer.js";
import { adversarialStrings, toWellFormed } from "../../support/adversarial.js";
import { zipfCorpus } from "../../support/train/zipf-corpus.js";

test("the capped suffix array sorts suffixes on their first `depth` symbols, with capped LCPs", () => {
  const rand = seededRandom(7);
  for (const [n, alphabet, depth] of [
    [200, 2, 16],
    [500, 4, 8],
    [300, 30, 16],
    [64, 1, 16],
  ]) {
    const s = Int32Array.from({ length: n }, () => 1 + Math.floor(rand() * alphabet));
    const { sa, lcp } = cappedSuffixArray(s, alphabet, depth);
    const key = (p: number) => Array.from(s.subarray(p, p + depth));
    const cmp = (a: number[], b: number[]) => {
      for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] - b[k];
      return a.length - b.length;
    };
    assert.deepEqual(
      [...sa].sort((a, b) => a - b),
      Array.from({ length: n }, (_, i) => i),
    );
    for (let j = 1; j < n; j++) {
      const a = key(sa[j - 1]);
      const b = key(sa[j]);
      assert.ok(cmp(a, b) <= 0, `order at ${j}`);
      let l = 0;
      while (l < Math.min(a.length, b.length) && a[l] === b[l]) l++;
      assert.equal(lcp[j], l, `lcp at ${j}`);
    }
  }
});

test("seed scores are frequency × length over the corpus, normalized", () => {
  const words = new WordCounter();
  words.addText(zipfCorpus(1, 2, 400));
  const text = buildWordText(words.counts, 1);
  const seeds = seedPieces(text);
  const model = new WordLattices(text, seeds);
  const naive = (s: string) => {
    let f = 0;
    for (const [w, c] of words.counts) for (let k = w.indexOf(s); k >= 0; k = w.indexOf(s, k + 1)) f += c;
    return f;
  };
  const raw: number[] = [];
  for (let i = 0; i < model.size; i++) {
    const s = model.pieceString(i);
    raw.push(naive(s) * [...s].length);
    assert.ok(!s.slice(1).includes(SPACE_MARK), `▁ only first: ${s}`);
    assert.ok([...s].length <= 16);
  }
  const total = raw.reduce((a, b) => a + b, 0);
  for (let i = 0; i < model.size; i++) {
    assert.ok(Math.abs(Math.exp(model.score[i]) * total - raw[i]) <= 1e-6 * raw[i], model.pieceString(i));
  }
  // Every frequent whole word is a seed, with its one-character pieces.
  const seeded = new Set(Array.from({ length: model.size }, (_, i) => model.pieceString(i)));
  const top = [...words.counts].sort((a, b) => b[1] - a[1]).slice(0, 20);
  for (const [w] of top) if ([...w].length <= 16) assert.ok(seeded.has(w), w);
});

test("the E-step's expected counts are the marginals over every segmentation", () => {
  const words = new WordCounter();
  words.addText("▁abab ab abba ba\nab abab ba ab b");
  const text = buildWordText(words.counts, 1);
  const model = new WordLattices(text, seedPieces(text));
  const pieces = Array.from({ length: model.size }, (_, i) => model.pieceString(i));
  const { expected } = model.eStep();
  const want = new Float64Array(model.size);
  for (const [word, count] of words.counts) {
    // All segmentations of word into pieces, by recursion.
    const paths: number[][] = [];
    const walk = (rest: string, path: number[]) => {
      if (rest === "") paths.push(path);
      pieces.forEach((p, i) => {
        if (rest.startsWith(p)) walk(rest.slice(p.length), [...path, i]);
      });
    };
    walk(word, []);
    const weights = paths.map((p) => Math.exp(p.reduce((s, i) => s + model.score[i], 0)));
    const Z = weights.reduce((a, b) => a + b, 0);
    paths.forEach((p, k) => {
      for (const i of p) want[i] += (count * weights[k]) / Z;
    });
  }
  for (let i = 0; i < model.size; i++) assert.ok(Math.abs(expected[i] - want[i]) < 1e-9, pieces[i]);
});

test("scripts as SentencePiece's trainer splits by them: kana and ー are Han, every script its own", () => {
  const id = (ch: string) => scriptId(ch.codePointAt(0)!);
  assert.equal(id("a"), id("Z"));
  assert.notEqual(id("a"), id("ж"));
  for (const ch of ["あ", "ア", "ー", "ｱ"]) assert.equal(id(ch), id("漢"), ch);
  assert.equal(id("\uff70"), id(" ")); // halfwidth prolonged sound mark: Common, as in Unicode
  assert.equal(id("\u0640"), id(" ")); // tatweel: Common
  assert.equal(id("\u0301"), INHERITED);
  // Scripts of no major language are told apart (Gothic, Old Italic, Runic).
  assert.equal(new Set(["𐌰", "𐌀", "ᚠ", "a"].map(id)).size, 4);
});

test("digamma", () => {
  assert.ok(Math.abs(digamma(1) + 0.5772156649015329) < 1e-9);
  assert.ok(Math.abs(digamma(0.5) + 1.9635100260214235) < 1e-9);
  assert.ok(Math.abs(digamma(100) - 4.600161852738087) < 1e-9);
});

test("training gives exactly the vocabulary asked for, every required character, best score first", () => {
  const words = new WordCounter();
  words.addText(zipfCorpus(3, 4, 600));
  for (const byteFallback of [false, true]) {
    const trained = trainUnigram(words.counts, { vocabSize: 600, byteFallback, characterCoverage: 1 });
    assert.equal(trained.pieces.length + trained.metaPieces, 600);
    const set = new Set(trained.pieces.map((p) => p.piece));
    assert.equal(set.size, trained.pieces.length);
    for (const w of words.counts.keys()) for (const ch of w) assert.ok(set.has(ch), `character ${ch}`);
    for (let i = 1; i < trained.pieces.length; i++) {
      const a = trained.pieces[i - 1];
      const b = trained.pieces[i];
      assert.ok(a.score > b.score || (a.score === b.score && compareCodePoints(a.piece, b.piece) < 0));
    }
  }
});

test("character coverage leaves rare characters out; too small a vocabulary is refused", () => {
  const words = new WordCounter();
  words.addText(`${"abc bca\n".repeat(5000)}ζ`);
  const trained = trainUnigram(words.counts, { vocabSize: 20, characterCoverage: 0.999 });
  assert.ok(!trained.pieces.some((p) => p.piece.includes("ζ")));
  assert.throws(() => trainUnigram(words.counts, { vocabSize: 4 }), /required characters/);
  assert.throws(() => trainUnigram(words.counts, { vocabSize: 200, byteFallback: true }), /meta and byte/);
});

test("a seed limit keeps the substrings of highest frequency × length", () => {
  const words = new WordCounter();
  words.addText(zipfCorpus(1, 2, 400));
  const text = buildWordText(words.counts, 1);
  const all = seedPieces(text);
  const some = seedPieces(text, { seedSize: 50 });
  const A = text.alphabet.length;
  const scoresOf = (s: ReturnType<typeof seedPieces>) =>
    Array.from(s.score.subarray(A)).sort((a, b) => b - a);
  const allScores = scoresOf(all);
  assert.equal(some.score.length - A, 50);
  // Normalized over fewer pieces, so compare the raw order: the kept are the 50 best of all.
  const kept = new Set(Array.from({ length: 50 }, (_, k) => `${some.start[A + k]}:${some.length[A + k]}`));
  const best = Array.from({ length: all.score.length - A }, (_, k) => A + k)
    .sort((a, b) => all.score[b] - all.score[a])
    .slice(0, 50);
  const threshold = all.score[best[49]];
  for (const i of Array.from({ length: all.score.length - A }, (_, k) => A + k)) {
    if (all.score[i] > threshold) assert.ok(kept.has(`${all.start[i]}:${all.length[i]}`), `seed ${i}`);
  }
  assert.ok(allScores.length > 50);
});

test("sentences are normalized as SentencePiece's normalizer does with the identity rules", () => {
  const cases = [
    "",
    " ",
    "   a  b   ",
    "a\tb  c",
    "▁",
    "▁▁ x ▁",
    " ▁a▁ ",
    "x▁",
    "\u3000 ideographic\u00a0nbsp",
    ...adversarialStrings(5, 300).map(toWellFormed),
  ];
  for (const addDummyPrefix of [true, false]) {
    for (const removeExtraWhitespaces of [true, false]) {
      const reference = new SentencePieceNormalizer({ addDummyPrefix, removeExtraWhitespaces });
      const ours = new WordCounter({ addDummyPrefix, removeExtraWhitespaces });
      for (const c of cases) assert.equal(ours.normalize(c), reference.normalizeString(c), JSON.stringify(c));
    }
  }
});
