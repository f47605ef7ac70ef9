import assert from "node:assert/strict";
import { test } from "node:test";
import { corpus, diff, hfPre, oursPieces } from "../../support/hf/pretokenize.js";
import { PRE_TOKENIZER_CONFIGS } from "../../support/hf/pretokenizer-configs.js";

const CONFIGS = PRE_TOKENIZER_CONFIGS;

const texts = corpus(7);

for (const [name, json] of CONFIGS) {
  test(`${name}: same pieces and offsets as the binding`, () => {
    const hf = hfPre(json);
    let checked = 0;
    for (const text of texts) {
      const expected = hf.preTokenizeString(text);
      const actual = oursPieces(json, text);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        assert.fail(`${JSON.stringify(text)}: ${diff(actual, expected)}`);
      }
      checked++;
    }
    assert.equal(checked, texts.length);
  });
}
