import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  GgufFormatError,
  GgufTruncatedError,
  parseGgufTokenizer,
  readGgufMetadata,
} from "../../../src/formats/gguf/index.js";
import { MAX_VOCABULARY_ENTRIES } from "../../../src/formats/hf/json-fields.js";
import { ggufBytes, type WritableValue } from "../../support/gguf/writer.js";

type Entry = readonly [string, WritableValue];

/** A tiny SentencePiece-style vocabulary: <unk>, <s>, </s>, the bytes of "a", and pieces. */
function spmEntries(overrides: Record<string, WritableValue | undefined> = {}): Entry[] {
  const tokens = ["<unk>", "<s>", "</s>", "<0x61>", "▁", "a", "b", "ab", "▁ab"];
  const base: Record<string, WritableValue> = {
    "tokenizer.ggml.model": "llama",
    "tokenizer.ggml.tokens": tokens,
    "tokenizer.ggml.scores": Float32Array.from([0, 0, 0, 0, -1, -2, -3, -1.5, -1]),
    "tokenizer.ggml.token_type": Int32Array.from([2, 3, 3, 6, 1, 1, 1, 1, 1]),
  };
  const all = { ...base, ...overrides };
  return Object.entries(all).filter((e): e is [string, WritableValue] => e[1] !== undefined);
}

describe("readGgufMetadata", () => {
  it("reads every scalar type, string arrays and numeric arrays, in file order", () => {
    const bytes = ggufBytes([
      ["u8", { type: "u8", value: 250 }],
      ["i8", { type: "i8", value: -5 }],
      ["u16", { type: "u16", value: 65000 }],
      ["i16", { type: "i16", value: -30000 }],
      ["u32", 4_000_000_000],
      ["i32", { type: "i32", value: -2_000_000_000 }],
      ["f32", { type: "f32", value: 0.5 }],
      ["bool", true],
      ["str", "héllo"],
      ["u64", 2n ** 60n],
      ["i64", { type: "i64", value: -(2n ** 62n) }],
      ["f64", { type: "f64", value: 1 / 3 }],
      ["strings", ["a", "", "🦙"]],
      ["floats", Float32Array.from([1.5, -2])],
      ["ints", Int32Array.from([-1, 7])],
      ["bytes", Uint8Array.from([1, 2, 3])],
    ]);
    const meta = readGgufMetadata(bytes);
    assert.equal(meta.version, 3);
    assert.equal(meta.tensorCount, 0n);
    assert.equal(meta.end, bytes.length);
    const e = meta.entries;
    assert.deepEqual(
      [...e.keys()],
      [
        "u8",
        "i8",
        "u16",
        "i16",
        "u32",
        "i32",
        "f32",
        "bool",
        "str",
        "u64",
        "i64",
        "f64",
        "strings",
        "floats",
        "ints",
        "bytes",
      ],
    );
    assert.equal(e.get("u8"), 250);
    assert.equal(e.get("i8"), -5);
    assert.equal(e.get("u16"), 65000);
    assert.equal(e.get("i16"), -30000);
    assert.equal(e.get("u32"), 4_000_000_000);
    assert.equal(e.get("i32"), -2_000_000_000);
    assert.equal(e.get("f32"), 0.5);
    assert.equal(e.get("bool"), true);
    assert.equal(e.get("str"), "héllo");
    assert.equal(e.get("u64"), 2n ** 60n);
    assert.equal(e.get("i64"), -(2n ** 62n));
    assert.equal(e.get("f64"), 1 / 3);
    assert.deepEqual(e.get("strings"), ["a", "", "🦙"]);
    assert.deepEqual(e.get("floats"), Float32Array.from([1.5, -2]));
    assert.deepEqual(e.get("ints"), Int32Array.from([-1, 7]));
    assert.deepEqual(e.get("bytes"), Uint8Array.from([1, 2, 3]));
  });

  it("reads version 2 and stops where the metadata ends (tensor data after it is ignored)", () => {
    const bytes = ggufBytes([["k", "v"]], 2);
    const withTensors = new Uint8Array(bytes.length + 100).fill(0xff);
    withTensors.set(bytes);
    const meta = readGgufMetadata(withTensors);
    assert.equal(meta.version, 2);
    assert.equal(meta.end, bytes.length);
  });

  it("refuses a wrong magic and unsupported versions", () => {
    const bytes = ggufBytes([["k", "v"]]);
    const bad = bytes.slice();
    bad[0] = 0x7b;
    assert.throws(() => readGgufMetadata(bad), /not a GGUF file \(it does not start with "GGUF"\)/);
    for (const version of [1, 4]) {
      assert.throws(
        () => readGgufMetadata(ggufBytes([["k", "v"]], version)),
        new RegExp(`GGUF version ${version} is not supported`),
      );
    }
  });

  it("every prefix of a file is a truncation error, never a wrong value", () => {
    const bytes = ggufBytes(spmEntries());
    for (let n = 4; n < bytes.length; n += 7) {
      assert.throws(
        () => readGgufMetadata(bytes.subarray(0, n)),
        (e) => e instanceof GgufTruncatedError && e.available === n && e.offset > n,
      );
    }
  });

  it("refuses counts past toklab's limits before allocating", () => {
    const header = ggufBytes([["k", ["x"]]]);
    // The array count (u64) sits after magic, version, tensor count, key count, key and types.
    const at = 4 + 4 + 8 + 8 + 8 + 1 + 4 + 4;
    const view = new DataView(header.buffer);
    assert.equal(view.getBigUint64(at, true), 1n);
    view.setBigUint64(at, BigInt(MAX_VOCABULARY_ENTRIES) + 1n, true);
    assert.throws(() => readGgufMetadata(header), /k: array length: \d+ is more than toklab's limit/);
    const keys = ggufBytes([["k", "v"]]);
    new DataView(keys.buffer).setBigUint64(16, 2n ** 40n, true);
    assert.throws(
      () => readGgufMetadata(keys),
      /metadata key count: 1099511627776 is more than toklab's limit/,
    );
  });

  it("refuses an unknown value type and a repeated key", () => {
    const bytes = ggufBytes([["k", "v"]]);
    new DataView(bytes.buffer).setUint32(4 + 4 + 8 + 8 + 8 + 1, 13, true);
    assert.throws(() => readGgufMetadata(bytes), /k: unknown value type 13/);
    assert.throws(
      () =>
        readGgufMetadata(
          ggufBytes([
            ["k", "v"],
            ["k", "w"],
          ]),
        ),
      /k: the key occurs twice/,
    );
  });
});

describe("parseGgufTokenizer: malformed tokenizers", () => {
  it("runs a well-formed tiny vocabulary (the errors below are not the only outcome)", () => {
    const tok = parseGgufTokenizer(ggufBytes(spmEntries()));
    assert.deepEqual(tok.encode("ab"), [8]);
  });

  it("names arrays whose lengths disagree", () => {
    const short = spmEntries({ "tokenizer.ggml.scores": Float32Array.from([0, 0]) });
    assert.throws(
      () => parseGgufTokenizer(ggufBytes(short)),
      /tokenizer.ggml.scores: 2 entries, but tokenizer.ggml.tokens has 9/,
    );
    const types = spmEntries({ "tokenizer.ggml.token_type": Int32Array.from([1]) });
    assert.throws(
      () => parseGgufTokenizer(ggufBytes(types)),
      /tokenizer.ggml.token_type: 1 entries, but tokenizer.ggml.tokens has 9/,
    );
  });

  it("names a missing or unsupported model, a missing vocabulary, an unknown pre-tokenizer", () => {
    assert.throws(
      () => parseGgufTokenizer(ggufBytes([["general.name", "x"]])),
      /tokenizer.ggml.model: missing/,
    );
    assert.throws(
      () => parseGgufTokenizer(ggufBytes(spmEntries({ "tokenizer.ggml.model": "t5" }))),
      /tokenizer.ggml.model: "t5" is not supported/,
    );
    assert.throws(
      () => parseGgufTokenizer(ggufBytes(spmEntries({ "tokenizer.ggml.tokens": undefined }))),
      /tokenizer.ggml.tokens: missing/,
    );
    const bpe = spmEntries({
      "tokenizer.ggml.model": "gpt2",
      "tokenizer.ggml.pre": "nonesuch",
      "tokenizer.ggml.merges": ["a b"],
    });
    assert.throws(
      () => parseGgufTokenizer(ggufBytes(bpe)),
      /tokenizer.ggml.pre: "nonesuch" is not a pre-tokenizer toklab knows/,
    );
    const noMerges = spmEntries({ "tokenizer.ggml.model": "gpt2", "tokenizer.ggml.pre": "gpt-2" });
    assert.throws(() => parseGgufTokenizer(ggufBytes(noMerges)), /tokenizer.ggml.merges: missing/);
  });

  it("refuses a vocabulary with a repeated token and a field of the wrong type", () => {
    const repeated = spmEntries({
      "tokenizer.ggml.tokens": ["<unk>", "<s>", "</s>", "<0x61>", "▁", "a", "b", "ab", "a"],
    });
    assert.throws(() => parseGgufTokenizer(ggufBytes(repeated)), /token 8 repeats token 5/);
    assert.throws(
      () => parseGgufTokenizer(ggufBytes(spmEntries({ "tokenizer.ggml.add_bos_token": "yes" }))),
      (e) => e instanceof GgufFormatError && /add_bos_token: expected a boolean/.test(e.message),
    );
  });
});

describe("parseGgufTokenizer: llama.cpp's rules beyond the token types", () => {
  it("every pre name builds a tokenizer (each regex list compiles)", async () => {
    const { GGUF_PRE_NAMES } = await import("../../../src/formats/gguf/index.js");
    assert.ok(GGUF_PRE_NAMES.length >= 70, `${GGUF_PRE_NAMES.length} names`);
    const tokens = ["a", "b", "ab", "Ġ", "Ġa"];
    for (const pre of GGUF_PRE_NAMES) {
      const tok = parseGgufTokenizer(
        ggufBytes([
          ["tokenizer.ggml.model", "gpt2"],
          ["tokenizer.ggml.pre", pre],
          ["tokenizer.ggml.tokens", tokens],
          ["tokenizer.ggml.merges", ["a b", "Ġ a"]],
          ["tokenizer.ggml.bos_token_id", 0],
          ["tokenizer.ggml.eos_token_id", 0],
        ]),
      );
      assert.deepEqual(tok.encode("ab a"), [2, 4], pre);
    }
  });

  it("end-of-generation texts are special even when the file types them as normal", () => {
    const tok = parseGgufTokenizer(
      ggufBytes([
        ["tokenizer.ggml.model", "gpt2"],
        ["tokenizer.ggml.pre", "gpt-2"],
        ["tokenizer.ggml.tokens", ["a", "<|im_end|>", "<x>"]],
        ["tokenizer.ggml.token_type", Int32Array.from([1, 1, 1])],
        ["tokenizer.ggml.merges", []],
      ]),
    );
    assert.deepEqual(Object.keys(tok.specialTokens), ["<|im_end|>"]);
  });
});
