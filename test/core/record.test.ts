/**
 * Keys from data that are also names of Object.prototype (`__proto__`, `constructor`) are
 * ordinary keys: a special token, a corpus category or a language so named is neither lost nor
 * invented.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyRecord } from "../../src/core/record.js";
import { evaluateCorpus } from "../../src/eval/evaluate-corpus.js";
import { parity } from "../../src/eval/parity.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { toyTokenizer } from "../support/eval/toy-tokenizers.js";

const added = (id: number, content: string) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

test("emptyRecord keeps __proto__ as a key", () => {
  const r = emptyRecord<number>();
  // biome-ignore lint/suspicious/noProto: the test is that __proto__ is an ordinary key here
  r.__proto__ = 1;
  assert.equal(JSON.stringify(r), '{"__proto__":1}');
  assert.equal(r.constructor, undefined);
});

test("special tokens named __proto__ and constructor are listed and recognised", () => {
  const tok = loadTokenizerJson({
    model: { type: "WordLevel", vocab: { "[UNK]": 0, a: 1 }, unk_token: "[UNK]" },
    pre_tokenizer: { type: "WhitespaceSplit" },
    added_tokens: [added(2, "__proto__"), added(3, "constructor")],
  });
  // (An object literal would take `__proto__` as its prototype: JSON.parse makes the key.)
  assert.deepEqual(
    JSON.parse(JSON.stringify(tok.specialTokens)),
    JSON.parse('{"__proto__":2,"constructor":3}'),
  );
  assert.deepEqual(Object.keys(tok.specialTokens), ["__proto__", "constructor"]);
  assert.deepEqual(tok.encode("a __proto__ constructor", { allowedSpecial: "all" }), [1, 2, 3]);
  assert.equal(tok.isSpecial(2), true);
});

test("a corpus category and a language named __proto__ are measured like any other", () => {
  const tok = toyTokenizer();
  const e = evaluateCorpus(tok, [
    { cat: "__proto__", text: "the cat" },
    { cat: "prose", text: "the cat sat" },
  ]);
  assert.deepEqual(Object.keys(e.categories).sort(), ["__proto__", "prose"]);
  const p = parity(tok, JSON.parse('{"eng":"the cat","__proto__":"the cat sat","constructor":"at"}'));
  assert.deepEqual(Object.keys(p.tokens).sort(), ["__proto__", "constructor", "eng"]);
});
