/** tokenizer.json → normalizer: every type loads; malformed input fails naming its JSON path. */
import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { normalizeText } from "../../../src/core/normalize/index.js";
import { HfJsonError } from "../../../src/formats/hf/errors.js";
import { normalizerFromJson } from "../../../src/formats/hf/normalizers.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { hfNormalize, hfTokenizer } from "../../support/hf/normalize.js";

describe("normalizerFromJson", () => {
  it("returns null for a null normalizer", () => {
    assert.equal(normalizerFromJson(null), null);
  });

  it("builds the Llama 2 sequence", () => {
    const n = normalizerFromJson({
      type: "Sequence",
      normalizers: [
        { type: "Prepend", prepend: "▁" },
        { type: "Replace", pattern: { String: " " }, content: "▁" },
      ],
    })!;
    assert.equal(normalizeText(n, "Hello world"), "▁Hello▁world");
    assert.equal(normalizeText(n, ""), "");
  });

  it("follows lowercase when strip_accents is null or missing", () => {
    const base = { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true };
    assert.equal(normalizeText(normalizerFromJson({ ...base, lowercase: true })!, "Élan"), "elan");
    assert.equal(
      normalizeText(normalizerFromJson({ ...base, lowercase: false, strip_accents: null })!, "Élan"),
      "Élan",
    );
    assert.equal(
      normalizeText(normalizerFromJson({ ...base, lowercase: false, strip_accents: true })!, "Élan"),
      "Elan",
    );
  });

  const bad: [unknown, RegExp][] = [
    [{ type: "Foo" }, /^normalizer\.type: unknown "Foo"$/],
    [
      { type: "Sequence", normalizers: [{ type: "NFC" }, { type: "Foo" }] },
      /^normalizer\.normalizers\[1\]\.type: unknown "Foo"$/,
    ],
    [{ type: "Sequence" }, /^normalizer\.normalizers: expected an array$/],
    [{ normalizers: 3 }, /^normalizer: no "type", and the fields match no normalizer/],
    ["NFC", /^normalizer: expected an object$/],
    [{ type: "Strip", strip_left: true }, /^normalizer\.strip_right: expected a boolean$/],
    [{ type: "Prepend" }, /^normalizer\.prepend: expected a string$/],
    [{ type: "Replace", pattern: { Regexp: "a" }, content: "" }, /^normalizer\.pattern: expected/],
    [{ type: "Replace", pattern: { String: "a" } }, /^normalizer\.content: expected a string$/],
    [{ type: "Replace", pattern: { Regex: "[[:alpha:]]" }, content: "" }, /POSIX bracket/],
    [{ type: "Precompiled", precompiled_charsmap: "%%%" }, /^normalizer\.precompiled_charsmap: bad base64/],
    [
      { type: "BertNormalizer", clean_text: 1, handle_chinese_chars: true, lowercase: true },
      /^normalizer\.clean_text: expected a boolean$/,
    ],
    [
      {
        type: "BertNormalizer",
        clean_text: true,
        handle_chinese_chars: true,
        lowercase: true,
        strip_accents: "yes",
      },
      /^normalizer\.strip_accents: expected a boolean or null$/,
    ],
  ];
  for (const [json, message] of bad) {
    it(`rejects ${JSON.stringify(json)}`, () => {
      assert.throws(
        () => normalizerFromJson(json),
        (e: Error) => e.name === "HfJsonError" && message.test(e.message),
      );
    });
  }

  it("rejects what the binding rejects (spot check)", () => {
    for (const json of [{ type: "Foo" }, { type: "Strip", strip_left: true }]) {
      assert.throws(() => hfTokenizer(json));
      assert.throws(() => normalizerFromJson(json));
    }
  });

  it("translates Oniguruma classes and anchors", () => {
    const n = (re: string, text: string) =>
      normalizeText(normalizerFromJson({ type: "Replace", pattern: { Regex: re }, content: "_" })!, text);
    assert.equal(n("\\p{Han}+", "a漢字b"), "a_b");
    assert.equal(n("\\x{2581}", "a▁b"), "a_b");
    assert.equal(n("^a", "ab\nab"), "_b\n_b");
    assert.equal(n("b$", "ab\nab"), "a_\na_");
    assert.equal(n("\\Aa", "ab\nab"), "_b\nab");
    assert.equal(n("\\h+", "xx0fzz"), "xx_zz");
  });

  // Replace shares the Split translator (one Oniguruma translation in toklab), which emulates
  // possessive quantifiers and atomic groups exactly instead of rejecting them.
  it("runs possessive quantifiers and atomic groups as the binding does", () => {
    const cases: [string, string][] = [
      ["a++b", "aaab ab b aa"],
      ["(?>ab|a)c", "abc ac abac"],
      ["\\p{N}{1,3}+", "12345 6 78"],
      ["\\s?+x", " x  x x"],
    ];
    for (const [re, text] of cases) {
      const json = { type: "Replace", pattern: { Regex: re }, content: "_" };
      assert.equal(normalizeText(normalizerFromJson(json)!, text), hfNormalize(hfTokenizer(json), text), re);
    }
  });
});

test("components without a type: the untagged forms the binding accepts resolve alike, the others fail alike", async () => {
  const { Tokenizer } = await import("tokenizers");
  const model = { type: "WordLevel", vocab: { "[UNK]": 0, a: 1, "aa ": 2 }, unk_token: "[UNK]" };
  const cases: [string, unknown][] = [
    ["normalizer", { strip_left: false, strip_right: true }],
    ["normalizer", { prepend: "a" }],
    ["normalizer", { clean_text: true, handle_chinese_chars: true, lowercase: true }],
    ["normalizer", { normalizers: [{ prepend: "a" }], pattern: { String: "a" }, content: "b" }],
    ["normalizer", { pattern: { String: "a" }, content: "b", prepend: "x" }],
    ["normalizer", { prepend: "a", strip_left: true, strip_right: true }],
    ["normalizer", {}],
    ["normalizer", { precompiled_charsmap: "" }],
    ["normalizer", { strip_left: true }],
    ["normalizer", { normalizers: [] }],
    ["decoder", { prefix: "##", cleanup: true, pad_token: "<pad>", word_delimiter_token: "|" }],
    ["decoder", { pattern: { String: "_" }, content: " ", start: 1, stop: 0 }],
    ["decoder", { suffix: "</w>", prefix: "##", cleanup: false }],
    ["decoder", { decoders: [] }],
    ["post_processor", { sep: ["[SEP]", 1], cls: ["[CLS]", 0], trim_offsets: true, add_prefix_space: true }],
    ["post_processor", { sep: ["[SEP]", 1], cls: ["[CLS]", 0], trim_offsets: true }],
    ["post_processor", { processors: [] }],
    ["pre_tokenizer", { individual_digits: true }],
  ];
  const texts = ["a aa  ", "  Aa a\u00e9 ", "x"];
  for (const [field, component] of cases) {
    const json = JSON.stringify({ version: "1.0", model, [field]: component });
    let theirs: InstanceType<typeof Tokenizer> | null = null;
    try {
      theirs = Tokenizer.fromString(json);
    } catch {
      theirs = null;
    }
    const what = `${field} ${JSON.stringify(component)}`;
    if (theirs === null) {
      assert.throws(() => loadTokenizerJson(json), HfJsonError, `${what}: the binding refuses it`);
      continue;
    }
    const ours = loadTokenizerJson(json);
    for (const t of texts) {
      const e = await theirs.encode(t, null, { addSpecialTokens: true });
      assert.deepEqual(ours.encodeFull(t).ids, e.getIds(), `${what} on ${JSON.stringify(t)}`);
      assert.equal(ours.decode(e.getIds()), await theirs.decode(e.getIds(), false), `${what} decode`);
    }
  }
});
