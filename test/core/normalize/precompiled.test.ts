/**
 * Precompiled (SentencePiece charsmap) against the binding, with charsmaps built here: text and
 * end-to-end offsets, alone and in the T5/ALBERT-style sequence with Replace.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { precompiled } from "tokenizers";
import { Charsmap, normalizeText, Precompiled } from "../../../src/core/normalize/index.js";
import { encodeBase64 } from "../../../src/formats/base64.js";
import { normalizerFromJson } from "../../../src/formats/hf/normalizers.js";
import { buildCharsmap, nfkcLikeRules } from "../../support/hf/charsmap-builder.js";
import {
  EDGE_TEXTS,
  hfNormalize,
  hfOffsets,
  hfTokenizer,
  ours,
  randomTexts,
} from "../../support/hf/normalize.js";

const rules = nfkcLikeRules();
const bytes = buildCharsmap(rules, new Map([["ⅻ", ["…", 1]]]));
const b64 = encodeBase64(bytes);
const texts = [
  ...EDGE_TEXTS,
  "ＡＢ\u0301Ａ\u0301 e\u0301 ｱ\u3099 \u1100\u1161\u11a8 line\r\nnext …ⅻ 😀👍🏽👍",
  ...randomTexts(11, 200),
];

describe("Precompiled", () => {
  it("looks up the shortest matching prefix", () => {
    const map = new Charsmap(bytes);
    assert.equal(map.lookupString("ﬁ"), "fi");
    assert.equal(map.lookupString("Ａ\u0301"), "A");
    assert.equal(map.lookupString("ⅻ"), "..");
    assert.equal(map.lookupString("x"), null);
  });

  it("normalizes like the binding's precompiled()", () => {
    const theirs = precompiled(Array.from(bytes));
    const mine = new Precompiled(bytes);
    for (const text of texts)
      assert.equal(normalizeText(mine, text), theirs.normalizeString(text), JSON.stringify(text));
  });

  const configs: Record<string, unknown> = {
    alone: { type: "Precompiled", precompiled_charsmap: b64 },
    t5: {
      type: "Sequence",
      normalizers: [
        { type: "Precompiled", precompiled_charsmap: b64 },
        { type: "Replace", pattern: { Regex: " {2,}" }, content: " " },
      ],
    },
    albert: {
      type: "Sequence",
      normalizers: [
        { type: "Replace", pattern: { String: "``" }, content: '"' },
        { type: "Replace", pattern: { String: "''" }, content: '"' },
        { type: "NFKD" },
        { type: "StripAccents" },
        { type: "Lowercase" },
        { type: "Precompiled", precompiled_charsmap: b64 },
        { type: "Replace", pattern: { Regex: " {2,}" }, content: " " },
      ],
    },
  };
  for (const [name, config] of Object.entries(configs)) {
    it(`${name}: text and offsets like the binding`, async () => {
      const tk = hfTokenizer(config);
      for (const text of texts) {
        const mine = ours(config, text);
        assert.equal(mine.text, hfNormalize(tk, text), JSON.stringify(text));
        assert.deepEqual(mine.offsets, await hfOffsets(tk, text), JSON.stringify(text));
      }
    });
  }

  it("rejects a truncated charsmap with the JSON path", () => {
    assert.throws(
      () =>
        normalizerFromJson({
          type: "Precompiled",
          precompiled_charsmap: encodeBase64(bytes.subarray(0, 40)),
        }),
      /normalizer\.precompiled_charsmap: trie of \d+ bytes does not fit/,
    );
  });
});
