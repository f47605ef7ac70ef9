import assert from "node:assert/strict";
import { test } from "node:test";
import { Tokenizer } from "tokenizers";
import { QWEN2_PATTERN } from "../../../src/core/hf-pretokenize/index.js";
import { CL100K_PATTERN } from "../../../src/core/pretokenize/index.js";
import { corpus, oursPieces, tokenizerJson } from "../../support/hf/pretokenize.js";

/**
 * Whole tokenizer.json files (normalizer + pre-tokenizer + WordLevel): the binding's token
 * offsets come from the same splits, so they pin our offsets through a normalizer too. The
 * vocabulary knows a few pieces; every other piece is one `<unk>` with the piece's offsets.
 */
const CASES: [string, unknown, unknown, Record<string, number>][] = [
  [
    "BERT",
    {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    { type: "BertPreTokenizer" },
    { hello: 1, ",": 2, world: 3 },
  ],
  [
    "Llama 3 (NFC)",
    { type: "NFC" },
    {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: CL100K_PATTERN }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    { Hello: 1, Ġworld: 2 },
  ],
  [
    "Qwen2 (NFC)",
    { type: "NFC" },
    {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: QWEN2_PATTERN }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: false },
      ],
    },
    { "1": 1, Ġthe: 2 },
  ],
  [
    "Mistral-style (Prepend + Replace, Metaspace never)",
    {
      type: "Sequence",
      normalizers: [
        { type: "Prepend", prepend: "▁" },
        { type: "Replace", pattern: { String: " " }, content: "▁" },
      ],
    },
    { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: true },
    { "▁the": 1 },
  ],
  [
    "NFKC + lowercase + Whitespace",
    { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Lowercase" }] },
    { type: "Whitespace" },
    { fi: 1 },
  ],
  [
    "NFD + UnicodeScripts + Digits",
    { type: "NFD" },
    {
      type: "Sequence",
      pretokenizers: [{ type: "UnicodeScripts" }, { type: "Digits", individual_digits: false }],
    },
    {},
  ],
  [
    "StripAccents + Metaspace always",
    { type: "Sequence", normalizers: [{ type: "NFD" }, { type: "StripAccents" }] },
    { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    {},
  ],
];

const texts = corpus(11, 60);

for (const [name, normalizer, pre, vocab] of CASES) {
  test(`${name}: token offsets through Tokenizer.encode match ours`, async () => {
    const tok = Tokenizer.fromString(tokenizerJson(pre, normalizer, vocab));
    for (const text of texts) {
      const enc = await tok.encode(text);
      const pieces = oursPieces(pre, text, normalizer);
      const expectedTokens = pieces.map(([p]) => (p in vocab ? p : "<unk>"));
      assert.deepEqual(
        pieces.map(([, o]) => o),
        enc.getOffsets(),
        `offsets for ${JSON.stringify(text)}`,
      );
      assert.deepEqual(expectedTokens, enc.getTokens(), `tokens for ${JSON.stringify(text)}`);
    }
  });
}
