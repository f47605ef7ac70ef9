import assert from "node:assert/strict";
import { test } from "node:test";
import { SentencePieceBpe } from "../../../src/core/sentencepiece/bpe.js";
import { SentencePieceLookup } from "../../../src/core/sentencepiece/lookup.js";
import { SentencePieceUnigram } from "../../../src/core/sentencepiece/unigram.js";
import {
  bytePiece,
  type SentencePieceEntry,
  SentencePieceVocab,
} from "../../../src/core/sentencepiece/vocab.js";

const UNK: SentencePieceEntry = { piece: "<unk>", score: 0, type: "unknown" };

function vocab(
  entries: Array<[string, number, SentencePieceEntry["type"]?]>,
  byteFallback = false,
): SentencePieceVocab {
  const list: SentencePieceEntry[] = [
    UNK,
    ...entries.map(([piece, score, type]) => ({ piece, score, type: type ?? "normal" })),
  ];
  if (byteFallback) for (let b = 0; b < 256; b++) list.push({ piece: bytePiece(b), score: 0, type: "byte" });
  return new SentencePieceVocab(list, byteFallback);
}

function pieces(model: { tokenize(w: string): Array<{ value: string }> }, text: string): string[] {
  return model.tokenize(text).map((t) => t.value);
}

test("BPE merges by the score of the merged piece, not by id", () => {
  // "bc" has the higher score although its id is larger, so it merges first and "ab" never can.
  const v = vocab([
    ["a", -1],
    ["b", -1],
    ["c", -1],
    ["ab", -5],
    ["bc", -2],
  ]);
  assert.deepEqual(pieces(new SentencePieceBpe(v), "abc"), ["a", "bc"]);
});

test("BPE breaks a tie between equal scores by the leftmost pair", () => {
  const v = vocab([
    ["a", -1],
    ["aa", -2],
  ]);
  assert.deepEqual(pieces(new SentencePieceBpe(v), "aaa"), ["aa", "a"]);
  const w = vocab([
    ["a", -1],
    ["b", -1],
    ["ab", -2],
    ["ba", -2],
  ]);
  assert.deepEqual(pieces(new SentencePieceBpe(w), "aba"), ["ab", "a"]);
});

test("BPE never merges a user-defined symbol, and matches the longest one", () => {
  const v = vocab([
    ["x", -1],
    ["<b>", 0, "user-defined"],
    ["<br>", 0, "user-defined"],
    ["x<", -0.5],
    ["<", -1],
  ]);
  assert.deepEqual(pieces(new SentencePieceBpe(v), "x<br>x"), ["x", "<br>", "x"]);
});

test("BPE splits an unused piece back into the symbols that formed it", () => {
  // "abc" is unused: it is formed (its score is best) and then split back to "ab" + "c".
  const v = vocab([
    ["a", -1],
    ["b", -1],
    ["c", -1],
    ["ab", -3],
    ["abc", -2, "unused"],
  ]);
  assert.deepEqual(pieces(new SentencePieceBpe(v), "abc"), ["ab", "c"]);
});

test("unknown characters: one token per run without byte fallback, their UTF-8 bytes with it", () => {
  const v = vocab([["a", -1]]);
  const bpe = new SentencePieceBpe(v);
  assert.deepEqual(
    bpe.tokenize("a€€a").map((t) => [t.id, t.start, t.end]),
    [
      [1, 0, 1],
      [0, 1, 3],
      [1, 3, 4],
    ],
  );
  const f = vocab([["a", -1]], true);
  const ids = new SentencePieceBpe(f).tokenize("a€").map((t) => t.value);
  assert.deepEqual(ids, ["a", "<0xE2>", "<0x82>", "<0xAC>"]);
  assert.deepEqual(pieces(new SentencePieceUnigram(f), "€"), ["<0xE2>", "<0x82>", "<0xAC>"]);
});

test("Unigram: on a tie the path found first wins, the one whose last piece starts earliest", () => {
  const v = vocab([
    ["a", -1],
    ["b", -1],
    ["ab", -2],
  ]);
  // a + b = -2 = ab: "ab" reached position 2 first (from position 0), and a later equal path
  // does not replace it.
  assert.deepEqual(pieces(new SentencePieceUnigram(v), "ab"), ["ab"]);
  const w = vocab([
    ["a", -1],
    ["b", -1],
    ["ab", -2.5],
  ]);
  assert.deepEqual(pieces(new SentencePieceUnigram(w), "ab"), ["a", "b"]);
});

test("Unigram: control and unused pieces written in the text are not matched", () => {
  const v = vocab([
    ["<", -1],
    ["s", -1],
    [">", -1],
    ["<s>", 0, "control"],
    ["ss", -0.1, "unused"],
  ]);
  assert.deepEqual(pieces(new SentencePieceUnigram(v), "<s>"), ["<", "s", ">"]);
  assert.deepEqual(pieces(new SentencePieceUnigram(v), "ss"), ["s", "s"]);
});

test("Unigram: a user-defined piece scores bytes × max(FLT_MIN, best normal score) − 0.1", () => {
  // The best normal score is -1, so max_score stays at FLT_MIN and "ab" scores about -0.1:
  // better than a + b = -2.
  const v = vocab([
    ["a", -1],
    ["b", -1],
    ["ab", -5, "user-defined"],
  ]);
  assert.deepEqual(pieces(new SentencePieceUnigram(v), "ab"), ["ab"]);
  // Not "always taken": normal pieces better than -0.1 together still win, as in SentencePiece.
  const w = vocab([
    ["a", -0.01],
    ["b", -0.01],
    ["ab", 0, "user-defined"],
  ]);
  assert.deepEqual(pieces(new SentencePieceUnigram(w), "ab"), ["a", "b"]);
});

test("word and char models look pieces up whole", () => {
  const v = vocab([
    ["▁hello", -1],
    ["▁world", -1],
    ["▁", -1],
    ["h", -1],
  ]);
  assert.deepEqual(pieces(new SentencePieceLookup(v, "word"), "▁hello▁world▁x"), [
    "▁hello",
    "▁world",
    "<unk>",
  ]);
  assert.deepEqual(
    new SentencePieceLookup(v, "char").tokenize("▁hx").map((t) => t.id),
    [3, 4, 0],
  );
});
