import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Tokenizer } from "tokenizers";
import {
  HfJsonError,
  unigramFromJson,
  wordLevelFromJson,
  wordPieceFromJson,
} from "../../../src/formats/hf/models.js";
import { assertSame, randomWord, seededRandom, WORDS } from "../../support/hf/models.js";

/** A tokenizer.json with only a model: the binding then sees each input as one word. */
function tokenizerJson(model: object): string {
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    model,
  });
}

const rand = seededRandom(99);
const texts = [
  ...WORDS,
  "Ω",
  "unable",
  "a😀b",
  ...Array.from({ length: 150 }, () => randomWord(rand, WORDS, 6, 0.15)),
];

const vocabObject: Record<string, number> = { "[UNK]": 0 };
for (const w of WORDS) {
  const chars = Array.from(w);
  chars.forEach((c, i) => {
    vocabObject[c] ??= Object.keys(vocabObject).length;
    vocabObject[`##${c}`] ??= Object.keys(vocabObject).length;
    if (i === 0) vocabObject[w] ??= Object.keys(vocabObject).length;
  });
}

const MODELS: Record<string, object> = {
  WordPiece: {
    type: "WordPiece",
    unk_token: "[UNK]",
    continuing_subword_prefix: "##",
    max_input_chars_per_word: 20,
    vocab: vocabObject,
  },
  WordLevel: { type: "WordLevel", vocab: vocabObject, unk_token: "[UNK]" },
  Unigram: {
    type: "Unigram",
    unk_id: 0,
    byte_fallback: true,
    vocab: [
      ["<unk>", 0],
      ...Object.keys(vocabObject).map((p, i) => [p.replace("##", ""), -1 - (i % 7) * 0.75]),
      ...Array.from({ length: 256 }, (_, b) => [`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, 0]),
    ],
  },
};

const LOADERS = { WordPiece: wordPieceFromJson, WordLevel: wordLevelFromJson, Unigram: unigramFromJson };

describe("models loaded from tokenizer.json match the binding's Tokenizer.fromString", () => {
  for (const [name, model] of Object.entries(MODELS)) {
    test(name, async () => {
      const json = tokenizerJson(model);
      const ours = LOADERS[name as keyof typeof LOADERS](JSON.parse(json).model);
      const hf = Tokenizer.fromString(json);
      for (const text of texts) await assertSame(ours, hf, text);
    });
  }

  test("Unigram without unk_id, and with unk_id null", async () => {
    for (const unk of [undefined, null]) {
      const model = {
        type: "Unigram",
        unk_id: unk,
        vocab: [
          ["a", -1],
          ["b", -2],
          ["ab", -2.5],
        ],
      };
      const json = tokenizerJson(model);
      const ours = unigramFromJson(JSON.parse(json).model);
      const hf = Tokenizer.fromString(json);
      for (const text of ["ab", "abba", "abc"]) await assertSame(ours, hf, text);
    }
  });
});

describe("malformed model objects are errors that name the JSON path", () => {
  const cases: [string, () => unknown, string][] = [
    ["not an object", () => wordPieceFromJson([], "model"), "model: expected an object, got an array"],
    [
      "wrong type",
      () => wordLevelFromJson({ type: "BPE", vocab: {}, unk_token: "x" }),
      'model.type: expected "WordLevel", got "BPE"',
    ],
    ["missing field", () => wordLevelFromJson({ vocab: {} }), 'model: missing field "unk_token"'],
    [
      "WordPiece missing max_input_chars_per_word",
      () => wordPieceFromJson({ vocab: {}, unk_token: "[UNK]", continuing_subword_prefix: "##" }),
      'model: missing field "max_input_chars_per_word"',
    ],
    [
      "negative max_input_chars_per_word",
      () =>
        wordPieceFromJson({
          vocab: {},
          unk_token: "u",
          continuing_subword_prefix: "##",
          max_input_chars_per_word: -1,
        }),
      "model.max_input_chars_per_word: expected a non-negative integer, got -1",
    ],
    [
      "bad vocab id",
      () => wordLevelFromJson({ vocab: { ok: 1, "a b": 1.5 }, unk_token: "ok" }, "model"),
      'model.vocab["a b"]: expected an integer id in [0, 2^32), got 1.5',
    ],
    [
      "vocab is a list",
      () => wordLevelFromJson({ vocab: [], unk_token: "x" }),
      "model.vocab: expected an object, got an array",
    ],
    [
      "lone surrogate token",
      () => wordLevelFromJson({ vocab: { "\ud800": 0 }, unk_token: "x" }),
      "lone surrogate",
    ],
    [
      "unigram entry",
      () =>
        unigramFromJson({
          vocab: [
            ["a", 0],
            ["b", "x"],
          ],
        }),
      "model.vocab[1]: expected [string, number], got an array",
    ],
    [
      "unigram entry arity",
      () => unigramFromJson({ vocab: [["a", 0, 1]] }),
      "model.vocab[0]: expected [string, number]",
    ],
    ["unigram missing vocab", () => unigramFromJson({ unk_id: 0 }), 'model: missing field "vocab"'],
    [
      "unigram unk_id too big",
      () => unigramFromJson({ unk_id: 2, vocab: [["a", 0]] }),
      "model.unk_id: unk_id 2",
    ],
    [
      "unigram empty with unk_id",
      () => unigramFromJson({ unk_id: 0, vocab: [] }),
      "model.vocab: the vocabulary is empty",
    ],
    [
      "unigram unk_id type",
      () => unigramFromJson({ unk_id: "0", vocab: [] }),
      "model.unk_id: expected a non-negative",
    ],
    [
      "unigram byte_fallback type",
      () => unigramFromJson({ vocab: [], byte_fallback: null }),
      "model.byte_fallback: expected a boolean, got null",
    ],
    [
      "nested path",
      () => unigramFromJson({ vocab: {} }, "models[2]"),
      "models[2].vocab: expected an array, got an object",
    ],
  ];
  for (const [name, load, message] of cases) {
    test(name, () => {
      assert.throws(load, (err: unknown) => {
        assert.ok(err instanceof HfJsonError, `not an HfJsonError: ${err}`);
        assert.ok(err.message.includes(message), `${err.message} lacks ${message}`);
        return true;
      });
    });
  }

  test("the binding rejects the same files", () => {
    const bad = [
      { type: "WordLevel", vocab: {} },
      { type: "WordPiece", vocab: {}, unk_token: "[UNK]", continuing_subword_prefix: "##" },
      { type: "Unigram", unk_id: 2, vocab: [["a", 0]] },
      { type: "Unigram", vocab: [["a", 0, 1]] },
      { type: "Unigram", vocab: [], byte_fallback: null },
    ];
    for (const model of bad)
      assert.throws(() => Tokenizer.fromString(tokenizerJson(model)), JSON.stringify(model));
  });
});
