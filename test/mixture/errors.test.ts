import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { MixtureError } from "../../src/mixture/errors.js";
import { inferMixture } from "../../src/mixture/infer.js";
import { extractMerges } from "../../src/mixture/merge-list.js";
import { checkMixture, mixtureMse } from "../../src/mixture/score.js";
import { byteTokenizer, toyTokenizer, wordLevelTokenizer } from "../support/eval/toy-tokenizers.js";
import { bpeModel, tokenizerJson } from "../support/hf/bpe.js";

const two = [
  { name: "a", text: "the cat sat" },
  { name: "b", text: "that cat at the mat" },
];

/** Rejects with a MixtureError whose message matches. */
async function rejects(run: () => Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof MixtureError, `a MixtureError, got ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

describe("bad inputs give a MixtureError that says what is wrong", () => {
  test("a tokenizer without merges", async () => {
    await rejects(() => inferMixture(byteTokenizer(), two), /bytes: the tokenizer has no merges/);
  });

  test("a tokenizer that is not BPE", async () => {
    await rejects(
      () => inferMixture(wordLevelTokenizer(["the", "cat"]), two),
      /the model is WordLevel, which has no merge list/,
    );
  });

  test("fewer than two categories, a repeated or empty name", async () => {
    await rejects(() => inferMixture(toyTokenizer(), [two[0]]), /at least two categories, got 1/);
    await rejects(() => inferMixture(toyTokenizer(), [two[0], two[0]]), /category "a" is given twice/);
    await rejects(() => inferMixture(toyTokenizer(), [two[0], { name: "", text: "x" }]), /empty name/);
  });

  test("a category with no text, or with no pair the tokenizer could merge", async () => {
    await rejects(
      () => inferMixture(toyTokenizer(), [two[0], { name: "none", text: "" }]),
      /"none" has no text/,
    );
    // One byte: no two adjacent symbols anywhere.
    await rejects(
      () => inferMixture(toyTokenizer(), [two[0], { name: "dots", text: "." }]),
      /category "dots": its sample has no two adjacent symbols/,
    );
  });

  test("option values out of range", async () => {
    await rejects(
      () => inferMixture(toyTokenizer(), two, { merges: 0 }),
      /merges must be a positive integer, got 0/,
    );
    await rejects(
      () => inferMixture(toyTokenizer(), two, { merges: 2.5 }),
      /merges must be a positive integer/,
    );
    await rejects(
      () => inferMixture(toyTokenizer(), two, { sampleBytes: -1 }),
      /sampleBytes must be a positive integer/,
    );
  });

  test("a mixture whose weights do not sum to 1, are negative or name other categories", () => {
    assert.throws(() => checkMixture({ a: 0.7, b: 0.4 }), /weights sum to 1.1/);
    assert.throws(() => checkMixture({ a: 1.5, b: -0.5 }), /gives "b" the weight -0.5/);
    assert.throws(() => checkMixture({}), /has no categories/);
    assert.throws(() => mixtureMse({ a: 0.5, b: 0.5 }, { a: 0.5, c: 0.5 }), /are not the true mixture's/);
    assert.throws(() => mixtureMse({ a: 0.5, b: 0.6 }, { a: 0.5, b: 0.5 }), /estimate's weights sum to 1.1/);
    assert.equal(mixtureMse({ a: 0.6, b: 0.4 }, { a: 0.5, b: 0.5 }).toFixed(12), "0.010000000000");
  });
});

describe("merge lists", () => {
  test("a BPE with a subword prefix is refused; an empty one (Qwen 2 and 3) is no prefix", () => {
    const model = (extra: Record<string, unknown>) =>
      tokenizerJson(
        bpeModel(
          {
            vocab: { a: 0, b: 1, c: 2, ab: 3, abc: 4, "##b": 5 },
            merges: [
              ["a", "b"],
              ["ab", "c"],
            ],
          },
          extra,
        ),
      );
    const plain = extractMerges(loadTokenizerJson(model({}), { name: "plain" }));
    const empty = extractMerges(
      loadTokenizerJson(model({ continuing_subword_prefix: "", end_of_word_suffix: "" }), {
        name: "qwen-like",
      }),
    );
    assert.equal(empty.length, 2);
    assert.deepEqual([empty.left, empty.right, empty.merged], [plain.left, plain.right, plain.merged]);
    const prefixed = loadTokenizerJson(
      tokenizerJson(
        bpeModel(
          { vocab: { a: 0, b: 1, "##b": 2, ab: 3 }, merges: [["a", "##b"]] },
          { continuing_subword_prefix: "##" },
        ),
      ),
      { name: "prefixed" },
    );
    assert.throws(
      () => extractMerges(prefixed),
      /prefixed: a BPE model with a subword prefix or suffix is not supported/,
    );
  });

  test("recovered from tiktoken ranks in rank order, as the ranks were built", () => {
    const tok = toyTokenizer();
    const list = extractMerges(tok);
    const text = (id: number) => new TextDecoder().decode(tok.token(id)?.bytes);
    const merges = Array.from(
      { length: list.length },
      (_, k) => `${text(list.left[k])}+${text(list.right[k])}`,
    );
    assert.deepEqual(merges, ["a+t", " +c", " +s", "t+h", "th+e", " c+at"]);
    assert.equal(list.source, "ranks");
    assert.equal(list.mergeable[262], 0, "the special token never merges");
  });
});
