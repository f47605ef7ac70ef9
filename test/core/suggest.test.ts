/** "Did you mean": the one rule every rejected name goes through (src/core/suggest.ts). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { didYouMean, editDistance, sameName, suggest } from "../../src/core/suggest.js";

const COMMANDS = [
  "sample",
  "encode",
  "decode",
  "count",
  "inspect",
  "list",
  "audit",
  "compare",
  "parity",
  "domain",
  "train",
];
const TOKENIZERS = [
  "gpt2",
  "r50k_base",
  "p50k_base",
  "p50k_edit",
  "cl100k_base",
  "o200k_base",
  "o200k_harmony",
  "gpt-4o",
  "gpt-4",
];

test("editDistance: insertions, deletions, substitutions and swaps of neighbours cost 1", () => {
  assert.equal(editDistance("", "abc"), 3);
  assert.equal(editDistance("abc", "abc"), 0);
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("comapre", "compare"), 1);
  assert.equal(editDistance("ab", "ba"), 1);
  assert.equal(editDistance("ca", "abc"), 3); // optimal string alignment, not full Damerau
});

test("the typos of the issue find what was meant", () => {
  assert.deepEqual(suggest("encod", COMMANDS), ["encode"]);
  assert.deepEqual(suggest("comapre", COMMANDS), ["compare"]);
  assert.deepEqual(suggest("--vocab_size", ["--vocab-size", "--out", "--input"]), ["--vocab-size"]);
  assert.deepEqual(suggest("o200k_bas", TOKENIZERS), ["o200k_base"]);
  assert.deepEqual(suggest("cl100k", TOKENIZERS), ["cl100k_base"]);
  assert.deepEqual(suggest("GPT-4o", TOKENIZERS), ["gpt-4o"]);
  assert.deepEqual(suggest("o200k-base", TOKENIZERS), ["o200k_base"]);
});

test("only the closest candidates, several when they tie; nothing when nothing is close", () => {
  assert.deepEqual(suggest("o20k_base", TOKENIZERS), ["o200k_base"]); // not also r50k_base (2 away)
  assert.deepEqual(suggest("o200k", TOKENIZERS), ["o200k_base", "o200k_harmony"]);
  assert.deepEqual(suggest("zzz", COMMANDS), []);
  assert.deepEqual(suggest("", COMMANDS), []);
  assert.deepEqual(suggest("x", ["y"]), ["y"]); // one edit is always allowed
  assert.deepEqual(suggest("cnt", COMMANDS), []); // 2 edits for 3 letters is too far
  assert.equal(suggest("gpt", TOKENIZERS, { max: 1 }).length, 1);
});

test("didYouMean: a message tail", () => {
  assert.equal(didYouMean("encod", COMMANDS), " (did you mean encode?)");
  assert.equal(didYouMean("o200k", TOKENIZERS), " (did you mean o200k_base or o200k_harmony?)");
  assert.equal(didYouMean("zzz", COMMANDS), "");
  assert.ok(sameName("--Vocab_Size", "vocab-size"));
  assert.ok(!sameName("vocab", "vocab-size"));
});
