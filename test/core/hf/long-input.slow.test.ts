import assert from "node:assert/strict";
import { test } from "node:test";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { bertJson } from "../../support/hf/tokenizer-jsons.js";

// Regression: merging encodings in the post-processor once spread arrays into push(), which
// overflows the call stack at around 100k tokens.
test("a post-processor handles inputs of hundreds of thousands of tokens", () => {
  const tok = loadTokenizerJson(bertJson());
  const text = "the quick brown fox jumps over the lazy dog. ".repeat(25_000);
  const withTemplate = tok.encodeFull(text, null, { addSpecialTokens: true });
  const plain = tok.encodeFull(text, null, { addSpecialTokens: false });
  assert.ok(plain.ids.length > 200_000, `only ${plain.ids.length} tokens`);
  assert.equal(withTemplate.ids.length, plain.ids.length + 2);
  assert.deepEqual(withTemplate.ids.slice(1, 101), plain.ids.slice(0, 100));
});
