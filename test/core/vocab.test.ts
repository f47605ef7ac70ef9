/**
 * One `BytePairVocab` per vocabulary: an Encoding's merger, its backtracking encoder for long
 * pieces and its segmenters all work on the encoding's vocabulary object, so the tables built
 * lazily on it (the token trie, the split pairs) are built once and shared, never per consumer.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Encoding } from "../../src/core/encoding.js";
import { seededRandom } from "../../src/core/random.js";
import { BytePairVocab, hashBytes, NO_RANK, prefixHashes } from "../../src/core/vocab.js";
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

test("every token is found by its bytes and nothing else is, through every lookup", () => {
  // Random tokens of 1–12 bytes over a small alphabet, so that many share prefixes and hashes
  // land in long probe chains; a hole every 97 ranks.
  const random = seededRandom(51);
  const seen = new Map<string, number>();
  const tokens: Uint8Array[] = [];
  while (tokens.length < 6000) {
    const rank = tokens.length;
    if (rank % 97 === 5) {
      tokens.push(new Uint8Array(0));
      continue;
    }
    const bytes = Uint8Array.from(
      { length: 1 + Math.floor(random() * 12) },
      () => 97 + Math.floor(random() * 6),
    );
    const key = bytes.join(",");
    if (seen.has(key)) continue;
    seen.set(key, rank);
    tokens.push(bytes);
  }
  const offsets = new Uint32Array(tokens.length + 1);
  tokens.forEach((t, r) => {
    offsets[r + 1] = offsets[r] + t.length;
  });
  const blob = new Uint8Array(offsets[tokens.length]);
  for (const [r, t] of tokens.entries()) blob.set(t, offsets[r]);
  const vocab = new BytePairVocab({ blob, offsets });
  assert.equal(vocab.tokenCount, seen.size);

  const check = (bytes: Uint8Array) => {
    const want = seen.get(bytes.join(",")) ?? NO_RANK;
    const prefix = new Uint32Array(bytes.length + 1);
    prefixHashes(bytes, bytes.length, prefix);
    // The same bytes inside a longer buffer, to check ranges that do not start at 0.
    const framed = Uint8Array.of(120, ...bytes, 121);
    const framedPrefix = new Uint32Array(framed.length + 1);
    prefixHashes(framed, framed.length, framedPrefix);
    assert.equal(vocab.rankOfRange(bytes, 0, bytes.length), want, `rankOfRange ${bytes}`);
    assert.equal(vocab.rankOfRange(framed, 1, bytes.length + 1), want, `framed ${bytes}`);
    assert.equal(vocab.rankOfHashed(hashBytes(bytes, 0, bytes.length), bytes, bytes.length), want);
    if (bytes.length >= 2) {
      assert.equal(
        vocab.rankOfHashedRange(framed, framedPrefix, 1, bytes.length + 1),
        want,
        `hashed ${bytes}`,
      );
    }
  };
  for (const t of tokens) if (t.length > 0) check(t);
  // Non-tokens: every token with a byte changed, dropped or added.
  for (const t of tokens.slice(0, 2000)) {
    if (t.length === 0) continue;
    check(Uint8Array.of(...t, 97));
    check(t.subarray(1));
    const changed = t.slice();
    changed[changed.length - 1] ^= 7;
    check(changed);
  }
  assert.throws(
    () => new BytePairVocab({ blob: Uint8Array.of(1, 2, 3, 1, 2, 3), offsets: Uint32Array.of(0, 3, 6) }),
    /ranks 0 and 1 have the same bytes/,
  );
});
