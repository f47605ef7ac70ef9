import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Tokenizer } from "tokenizers";
import { type DecodeVocabulary, decodeTokens } from "../../../src/core/hf-decode/index.js";
import { normalizeText } from "../../../src/core/normalize/index.js";
import { seededRandom } from "../../../src/core/random.js";
import { decoderFromJson } from "../../../src/formats/hf/decoders.js";
import { normalizerFromJson } from "../../../src/formats/hf/normalizers.js";
import { tokenizerJson } from "../../support/hf/decode.js";

const POOL = ["[UNK]", "hello", "##ing", "▁world", "<0x41>", ".", "do", "n't", "[CLS]", "x"];
interface Added {
  id: number;
  content: string;
  special: boolean;
  normalized: boolean;
}
const ADDED: Added[] = [
  { id: 8, content: "[CLS]", special: true, normalized: false }, // same text as a model token
  { id: 10, content: "[SEP]", special: true, normalized: false },
  { id: 11, content: "<MASK>", special: true, normalized: true }, // decoded lowercased, so never skipped
  { id: 12, content: "New▁Word", special: false, normalized: true },
  { id: 13, content: "##plain", special: false, normalized: false },
];
const NORMALIZER = { type: "Lowercase" };

/** The vocabulary view HF's decode uses: added tokens (normalized form when changed), then the model. */
function vocabulary(): DecodeVocabulary {
  const normalizer = normalizerFromJson(NORMALIZER)!;
  const byId = new Map<number, string>();
  POOL.forEach((t, i) => {
    byId.set(i, t);
  });
  const special = new Set<string>();
  for (const a of ADDED) {
    byId.set(a.id, a.normalized ? normalizeText(normalizer, a.content) : a.content);
    if (a.special) special.add(a.content);
  }
  return { idToToken: (id) => byId.get(id), isSpecialToken: (t) => special.has(t) };
}

describe("decodeTokens matches Tokenizer.decode", () => {
  const decoders: unknown[] = [
    null,
    { type: "WordPiece", prefix: "##", cleanup: true },
    { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    {
      type: "Sequence",
      decoders: [
        { type: "ByteFallback" },
        { type: "Fuse" },
        { type: "Strip", content: " ", start: 1, stop: 0 },
      ],
    },
  ];
  for (const decoderJson of decoders) {
    test(`decoder ${JSON.stringify(decoderJson)}`, async () => {
      const hf = Tokenizer.fromString(
        tokenizerJson(POOL, {
          decoder: decoderJson,
          normalizer: NORMALIZER,
          added_tokens: ADDED.map((a) => ({ ...a, single_word: false, lstrip: false, rstrip: false })),
        }),
      );
      const decoder = decoderFromJson(decoderJson);
      const vocab = vocabulary();
      const rand = seededRandom(99);
      for (let i = 0; i < 300; i++) {
        // ids 0..15: model tokens, added tokens, and ids nobody knows (9 is taken by "x"; 14, 15 unknown).
        const ids = Array.from({ length: Math.floor(rand() * 8) }, () => Math.floor(rand() * 16));
        for (const skip of [false, true]) {
          let mine: string;
          try {
            mine = decodeTokens(ids, vocab, skip, decoder);
          } catch (e) {
            assert.match((e as Error).message, /^Strip: /);
            continue;
          }
          assert.equal(mine, await hf.decode(ids, skip), `${JSON.stringify(ids)} skip ${skip}`);
        }
      }
    });
  }

  test("semantics in one example", () => {
    const vocab = vocabulary();
    assert.equal(decodeTokens([8, 1, 2, 10, 99], vocab, true, null), "hello ##ing");
    assert.equal(decodeTokens([8, 1, 2, 10, 99], vocab, false, null), "[CLS] hello ##ing [SEP]");
    assert.equal(decodeTokens([11], vocab, true, null), "<mask>");
  });
});
