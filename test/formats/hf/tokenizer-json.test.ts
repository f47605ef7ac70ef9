import assert from "node:assert/strict";
import { test } from "node:test";
import { Tokenizer } from "tokenizers";
import { HfJsonError } from "../../../src/formats/hf/errors.js";
import { MAX_VOCABULARY_ENTRIES } from "../../../src/formats/hf/json-fields.js";
import { loadTokenizerJson, saveTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { added, assertSameEncoding, pair, sampleTexts } from "../../support/hf/pipeline.js";
import { bertJson, gpt2Json, unigramJson, wordLevelJson } from "../../support/hf/tokenizer-jsons.js";

test("save → the binding loads it → identical encodings (round trip)", async () => {
  const texts = [...sampleTexts(10).slice(0, 25), "[CLS] x [MASK] <user> ell {{ y </s><|endoftext|>"];
  const truncation = { direction: "Left", max_length: 20, strategy: "LongestFirst", stride: 2 };
  const padding = {
    strategy: { Fixed: 24 },
    direction: "Right",
    pad_to_multiple_of: null,
    pad_id: 0,
    pad_type_id: 0,
    pad_token: "[PAD]",
  };
  for (const json of [
    bertJson(),
    unigramJson(),
    wordLevelJson(),
    gpt2Json(),
    { ...bertJson(), truncation, padding },
  ]) {
    const { ours, theirs } = pair(json);
    const saved = saveTokenizerJson(ours);
    const reloaded = Tokenizer.fromString(saved);
    const ours2 = loadTokenizerJson(saved);
    assert.equal(reloaded.getVocabSize(true), theirs.getVocabSize(true));
    for (const text of texts) {
      const a = await theirs.encode(text);
      const b = await reloaded.encode(text);
      assert.deepEqual(b.getIds(), a.getIds());
      assert.deepEqual(b.getOffsets(), a.getOffsets());
      await assertSameEncoding(ours2, theirs, text);
    }
  }
});

test("added-token ids are assigned as HF does, not read from the file", async () => {
  const json = {
    ...wordLevelJson(),
    added_tokens: [added(500, "abc"), added(7, "[CLS]", { special: true }), added(1, ""), added(3, "zzz")],
  };
  const { ours, theirs } = pair(json);
  for (const t of ["abc", "zzz", "[CLS]"])
    assert.equal(ours.tokenToId(t), theirs.tokenToId(t) ?? undefined, t);
  assert.equal(ours.vocabSize, theirs.getVocabSize(true));
  await assertSameEncoding(ours, theirs, "abc [CLS] zzz");
});

test("malformed files: HfJsonError naming the JSON path", () => {
  const base = wordLevelJson();
  const cases: [unknown, string][] = [
    ["{", "$"],
    [[], "$"],
    [{ ...base, version: "2.0" }, "version"],
    [{ version: "1.0" }, "model"],
    [{ ...base, model: { type: "Foo" } }, "model.type"],
    [{ ...base, model: { vocab: 3 } }, "model"],
    [{ ...base, normalizer: { type: "Foo" } }, "normalizer.type"],
    [
      {
        ...base,
        pre_tokenizer: { type: "Sequence", pretokenizers: [{ type: "Whitespace" }, { type: "Foo" }] },
      },
      "pre_tokenizer.pretokenizers[1].type",
    ],
    [{ ...base, added_tokens: [{ id: 1, content: "x" }] }, "added_tokens[0]"],
    [
      { ...base, added_tokens: [added(1, "x", { special: "yes" as unknown as boolean })] },
      "added_tokens[0].special",
    ],
    [{ ...base, truncation: { max_length: 5, strategy: "Middle", stride: 0 } }, "truncation.strategy"],
    [{ ...base, padding: { strategy: "Longest" } }, "padding.strategy"],
    [{ ...base, decoder: { type: "Foo" } }, "decoder"],
  ];
  for (const [json, path] of cases) {
    const text = typeof json === "string" ? json : JSON.stringify(json);
    assert.throws(
      () => loadTokenizerJson(text),
      (e: unknown) => e instanceof HfJsonError && e.path.startsWith(path),
      `${path}: ${text.slice(0, 80)}`,
    );
    assert.throws(() => Tokenizer.fromString(text), `the binding rejects ${path} too`);
  }
});

test("a list over the entry limit is refused before its tables are built", () => {
  // A sparse array: the limit is checked on the length before any entry is read.
  const n = MAX_VOCABULARY_ENTRIES + 1;
  const merges = new Array(n);
  assert.throws(
    () => loadTokenizerJson({ model: { type: "BPE", vocab: { a: 0 }, merges } }),
    new RegExp(`model.merges: ${n} entries, more than toklab's limit of ${MAX_VOCABULARY_ENTRIES}`),
  );
  assert.throws(
    () =>
      loadTokenizerJson({ model: { type: "BPE", vocab: { a: 0 }, merges: [] }, added_tokens: new Array(n) }),
    /added_tokens: \d+ entries, more than/,
  );
});
