/**
 * One `BytePairVocab` per vocabulary: an Encoding's merger, its backtracking encoder for long
 * pieces and its segmenters all work on the encoding's vocabulary object, so the tables built
 * lazily on it (the token trie, the split pairs) are built once and shared, never per consumer.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Encoding } from "../../src/core/encoding.js";
import { BytePairVocab } from "../../src/core/vocab.js";
import { tiktokenSpec } from "../support/tiktoken-data.js";

test("an encoding, its long-piece encoder and its segmenters share one vocabulary and its tables", () => {
  // A fresh encoding: nothing lazy is built yet.
  const enc = new Encoding(tiktokenSpec("o200k_base"));
  const vocab = enc.vocab;
  const { trie, splits } = vocab;
  assert.equal(trie.size, 0);
  assert.equal(splits.size, 0);

  // One long piece goes to the backtracking encoder, which fills the vocabulary's tables.
  enc.encodeOrdinary("a".repeat(1000));
  assert.ok(trie.size > 0, "the long piece built no trie node in the vocabulary's trie");
  assert.ok(splits.size > 0, "the long piece resolved no split pair in the vocabulary's table");
  assert.equal(vocab.trie, trie);
  assert.equal(vocab.splits, splits);

  // Another encoding over the same vocabulary (own merger, own backtracking encoder): its long
  // pieces fill the same tables.
  const renamed = enc.withName("gpt-4o");
  assert.equal(renamed.vocab, vocab);
  let nodes = trie.size;
  let resolved = splits.size;
  renamed.encodeOrdinary("b".repeat(1000));
  assert.ok(trie.size > nodes && splits.size > resolved);

  // The segmenters: the same vocabulary object, whose trie their walks grow.
  for (const name of ["lbpe", "pathpiece", "greedy", "dropout"] as const) {
    const segmented = enc.withSegmenter(name);
    assert.equal(segmented.vocab, vocab, name);
    nodes = trie.size;
    segmented.encodeOrdinary(`${name}: Hello, world! Hola, mundo. 你好，世界`);
    assert.equal(vocab.trie, trie, name);
    if (name === "lbpe") assert.ok(trie.size > nodes, "the segmenter built no node in the shared trie");
  }

  // Text the tables already know builds nothing more, whoever encodes it.
  nodes = trie.size;
  resolved = splits.size;
  enc.encodeOrdinary("a".repeat(2000));
  enc.withSegmenter("pathpiece").encodeOrdinary("a".repeat(2000));
  assert.equal(trie.size, nodes);
  assert.equal(splits.size, resolved);
});

test("a vocabulary made from another one shares its token bytes and has tables of its own", () => {
  const vocab = new BytePairVocab(tiktokenSpec("r50k_base").ranks, { name: "r50k_base" });
  const other = new BytePairVocab(vocab, { merges: null, wholePieceFirst: false });
  assert.equal(other.blob, vocab.blob);
  assert.equal(other.offsets, vocab.offsets);
  assert.notEqual(other.trie, vocab.trie);
  assert.equal(other.merges, null);
  assert.notEqual(vocab.merges, null);
  assert.equal(vocab.wholePieceFirst, true);
  assert.equal(vocab.byteComplete, true);
});
