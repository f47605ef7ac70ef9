import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Tokenizer } from "tokenizers";
import { decodeWith } from "../../../src/core/hf-decode/index.js";
import { decoderFromJson } from "../../../src/formats/hf/decoders.js";
import { HfJsonError } from "../../../src/formats/hf/errors.js";
import { tokenizerJson } from "../../support/hf/decode.js";

function hfAccepts(decoder: unknown): boolean {
  try {
    Tokenizer.fromString(tokenizerJson(["<unk>"], { decoder }));
    return true;
  } catch {
    return false;
  }
}

describe("decoderFromJson", () => {
  test("accepts and rejects what HF does", () => {
    const cases: unknown[] = [
      { type: "BPEDecoder", suffix: "</w>" },
      { type: "BPEDecoder" },
      { type: "ByteLevel", add_prefix_space: true, trim_offsets: true },
      { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: null },
      { type: "ByteLevel" },
      { type: "WordPiece", prefix: "##", cleanup: true },
      { type: "WordPiece", prefix: "##" },
      { type: "Metaspace", replacement: "▁" },
      { type: "Metaspace", replacement: "▁▁" },
      { type: "Metaspace", replacement: "▁", add_prefix_space: false },
      { type: "Metaspace", replacement: "▁", add_prefix_space: false, prepend_scheme: "never" },
      { type: "Metaspace", replacement: "▁", add_prefix_space: null, split: null, prepend_scheme: "first" },
      { type: "Metaspace", replacement: "▁", prepend_scheme: "Always" },
      { type: "CTC", pad_token: "<pad>", word_delimiter_token: "|", cleanup: true },
      { type: "CTC", pad_token: "<pad>", cleanup: true },
      { type: "Sequence", decoders: [] },
      { type: "Sequence", decoders: [null] },
      { type: "Sequence", decoders: [{ type: "Foo" }] },
      { type: "Replace", pattern: { String: "▁" }, content: " " },
      { type: "Replace", pattern: { String: "▁", Regex: "a" }, content: " " },
      { type: "Replace", pattern: { Regex: "(" }, content: " " },
      { type: "Fuse" },
      { type: "Fuse", extra: 1 },
      { type: "Strip", content: " ", start: 1, stop: 0 },
      { type: "Strip", content: " ", start: -1, stop: 0 },
      { type: "Strip", content: "  ", start: 1, stop: 0 },
      { type: "ByteFallback" },
      { type: "Foo" },
      { type: "Foo", suffix: "</w>" },
      { prefix: "##", cleanup: false },
      { pad_token: "<pad>", word_delimiter_token: "|", cleanup: true },
      { pattern: { String: "a" }, content: "b" },
      { content: "a", start: 0, stop: 0 },
      { replacement: "▁" },
      {},
      [],
      7,
    ];
    for (const json of cases) {
      let ours = true;
      try {
        decoderFromJson(json);
      } catch (e) {
        assert.ok(e instanceof HfJsonError, `${JSON.stringify(json)}: ${e}`);
        ours = false;
      }
      assert.equal(ours, hfAccepts(json), JSON.stringify(json));
    }
  });

  test("errors name the JSON path", () => {
    assert.throws(() => decoderFromJson({ type: "Foo" }), { message: 'decoder.type: unknown "Foo"' });
    assert.throws(
      () =>
        decoderFromJson({
          type: "Sequence",
          decoders: [{ type: "Fuse" }, { type: "Strip", content: "ab", start: 0, stop: 0 }],
        }),
      { message: 'decoder.decoders[1].content: expected one character, got "ab"' },
    );
    assert.throws(
      () => decoderFromJson({ type: "Replace", pattern: { Regex: "(?<=a)+" }, content: "" }),
      /decoder\.pattern\.Regex: /,
    );
    assert.equal(decoderFromJson(null), null);
  });

  test("the untagged fallback reads a decoder without a known type as HF does", () => {
    assert.equal(decoderFromJson({ type: "Foo", suffix: "</w>" })!.type, "BPEDecoder");
    assert.equal(decoderFromJson({ prefix: "##", cleanup: false })!.type, "WordPiece");
    assert.equal(decodeWith(decoderFromJson({ content: "a", start: 1, stop: 0 })!, ["aab"]), "ab");
  });
});
