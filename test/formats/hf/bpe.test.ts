/**
 * `bpeFromJson`: every malformed field is an HfJsonError naming its JSON path; files HF refuses
 * are refused (checked against the binding where it errors rather than crashes).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Tokenizer } from "tokenizers";
import { BPE } from "../../../src/core/models/bpe.js";
import { BpeMergeError } from "../../../src/core/models/bpe-merge-list.js";
import { bpeFromJson } from "../../../src/formats/hf/bpe.js";
import { HfJsonError } from "../../../src/formats/hf/errors.js";
import { bpeModel, hfTokenizer, tokenizerJson } from "../../support/hf/bpe.js";

const base = bpeModel({
  vocab: { "<unk>": 0, a: 1, b: 2, ab: 3, "##b": 4 },
  merges: [["a", "b"]],
});

/** Asserts our error (path and message) and that the binding refuses the file too. */
function rejects(model: Record<string, unknown>, path: string, message: RegExp, hfToo = true): void {
  assert.throws(
    () => bpeFromJson(model),
    (err: unknown) => {
      assert.ok(err instanceof HfJsonError, String(err));
      assert.equal(err.path, path);
      assert.match(err.detail, message);
      return true;
    },
  );
  if (hfToo) assert.throws(() => Tokenizer.fromString(tokenizerJson(model)));
}

describe("bpeFromJson", () => {
  test("accepts HF's defaults: nulls and absent options", () => {
    const bpe = bpeFromJson({ vocab: { a: 0, b: 1, ab: 2 }, merges: [] });
    assert.equal(bpe.vocabSize, 3);
    assert.equal(bpe.unkToken, null);
    assert.equal(bpe.dropout, 0);
    assert.equal(bpeFromJson(base).tokenize("ab")[0].value, "ab");
    Tokenizer.fromString(tokenizerJson({ vocab: { a: 0 }, merges: [] }));
  });

  test("missing vocab or merges", () => {
    const { vocab: _v, ...noVocab } = base;
    const { merges: _m, ...noMerges } = base;
    rejects(noVocab, "model", /Missing vocab\/merges/);
    rejects(noMerges, "model", /Missing vocab\/merges/);
  });

  test("wrong type, wrong field types", () => {
    rejects({ ...base, type: "WordPiece" }, "model.type", /expected "BPE"/);
    rejects({ ...base, fuse_unk: "yes" }, "model.fuse_unk", /expected a boolean/);
    rejects({ ...base, byte_fallback: 1 }, "model.byte_fallback", /expected a boolean/);
    rejects({ ...base, ignore_merges: "no" }, "model.ignore_merges", /expected a boolean/);
    rejects({ ...base, unk_token: 5 }, "model.unk_token", /expected a string/);
    rejects(
      { ...base, continuing_subword_prefix: [] },
      "model.continuing_subword_prefix",
      /expected a string/,
    );
    rejects({ ...base, end_of_word_suffix: {} }, "model.end_of_word_suffix", /expected a string/);
    rejects({ ...base, dropout: "0.1" }, "model.dropout", /expected a number/);
    rejects({ ...base, vocab: [] }, "model.vocab", /expected an object/);
    rejects({ ...base, vocab: { a: -1 } }, 'model.vocab["a"]', /integer id/);
    rejects({ ...base, vocab: { a: 1.5 } }, 'model.vocab["a"]', /integer id/);
    rejects({ ...base, merges: "a b" }, "model.merges", /expected an array/);
  });

  test("dropout outside [0, 1]", () => {
    rejects({ ...base, dropout: 1.5 }, "model.dropout", /between 0 and 1/);
    rejects({ ...base, dropout: -0.5 }, "model.dropout", /between 0 and 1/);
  });

  test("merges naming unknown tokens name the merge index", () => {
    rejects(
      {
        ...base,
        merges: [
          ["a", "b"],
          ["a", "x"],
        ],
      },
      "model.merges[1]",
      /Token `x` out of vocabulary/,
    );
    rejects({ ...base, merges: [["b", "a"]] }, "model.merges[0]", /Token `ba` out of vocabulary/);
    rejects({ ...base, merges: ["a b", "b b"] }, "model.merges[1]", /Token `bb` out of vocabulary/);
  });

  test("malformed merges", () => {
    rejects({ ...base, merges: ["#version: 0.2", "a b c"] }, "model.merges[1]", /invalid at line 1/);
    rejects({ ...base, merges: ["ab"] }, "model.merges[0]", /invalid at line 1/);
    rejects({ ...base, merges: [["a", "b", "c"]] }, "model.merges[0]", /pair/);
    rejects({ ...base, merges: [["a", 1]] }, "model.merges[0]", /pair/);
    rejects({ ...base, merges: [["a", "b"], "a b"] }, "model.merges[1]", /pair/);
    rejects({ ...base, merges: ["a b", ["a", "b"]] }, "model.merges[1]", /string/);
  });

  test("a continuing-subword prefix longer than the merge's right part (HF panics; we refuse)", () => {
    // Never given to the binding: it aborts the process.
    rejects({ ...base, continuing_subword_prefix: "##" }, "model.merges[0]", /prefix/, false);
    const ok = bpeFromJson({ ...base, continuing_subword_prefix: "##", merges: [["a", "##b"]] });
    assert.deepEqual(
      ok.tokenize("ab").map((t) => t.value),
      ["ab"],
    );
  });

  test('an empty prefix or suffix ("" in Qwen 2 and 3) is no prefix: same tokens as without, as in HF', async () => {
    const model = bpeModel({
      vocab: { a: 0, b: 1, c: 2, ab: 3, abc: 4 },
      merges: [
        ["a", "b"],
        ["ab", "c"],
      ],
    });
    const empty = { ...model, continuing_subword_prefix: "", end_of_word_suffix: "" };
    const ours = bpeFromJson(empty);
    assert.equal(ours.continuingSubwordPrefix, null);
    assert.equal(ours.endOfWordSuffix, null);
    const hf = hfTokenizer(empty);
    for (const text of ["abc", "cab", "abcab", "ca"]) {
      const got = ours.tokenize(text).map((t) => t.value);
      assert.deepEqual(
        got,
        bpeFromJson(model)
          .tokenize(text)
          .map((t) => t.value),
        text,
      );
      assert.deepEqual(got, (await hf.encode(text)).getTokens(), text);
    }
  });

  test("lone surrogates and huge ids", () => {
    rejects({ ...base, unk_token: "\ud800" }, "model.unk_token", /lone surrogate/, false);
    rejects({ ...base, vocab: { "\udc00": 0 } }, 'model.vocab["\\udc00"]', /lone surrogate/, false);
    assert.throws(
      () => bpeFromJson({ ...base, vocab: { ...(base.vocab as object), z: 2 ** 31 } }),
      HfJsonError,
    );
  });

  test("the core constructor reports the merge index", () => {
    assert.throws(
      () => new BPE({ a: 0 }, [["a", "a"]]),
      (err: unknown) => err instanceof BpeMergeError && err.index === 0 && /`aa`/.test(err.detail),
    );
  });
});
