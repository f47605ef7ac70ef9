import assert from "node:assert/strict";
import { test } from "node:test";
import { Tokenizer } from "tokenizers";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { SentencePieceModelError } from "../../../src/formats/sentencepiece/errors.js";
import { sentencePieceToTokenizerJson } from "../../../src/formats/sentencepiece/tokenizer-json.js";
import { adversarialStrings, toWellFormed } from "../../support/adversarial.js";
import { textFixtures } from "../../support/fixtures.js";
import { MODEL_TYPE, TRAINER, writeModel } from "../../support/sentencepiece/model-writer.js";
import {
  SPM_MODELS,
  type SpmModelName,
  spmModelBytes,
  spmOracle,
} from "../../support/sentencepiece/models.js";

/** Ordinary text: the fixtures, line by line. */
function ordinaryTexts(): string[] {
  return [...textFixtures().values()].flatMap((content) => content.split("\n"));
}

/**
 * The texts on which the converted tokenizer.json, run by the Hugging Face binding, gives other
 * ids than SentencePiece; toklab's tokenizer.json loader must agree with the binding on every
 * text.
 */
async function mismatches(name: SpmModelName, texts: readonly string[]): Promise<string[]> {
  const json = sentencePieceToTokenizerJson(spmModelBytes(name));
  const theirs = Tokenizer.fromString(json);
  const ours = loadTokenizerJson(json);
  const oracle = await spmOracle(name);
  const differ: string[] = [];
  for (const text of texts) {
    const hf = (await theirs.encode(text, null, { addSpecialTokens: false })).getIds();
    assert.deepEqual(
      ours.encode(text, { disallowedSpecial: [] }),
      hf,
      `toklab vs binding on ${JSON.stringify(text)}`,
    );
    const spm = oracle.encodeIds(text);
    if (JSON.stringify(hf) !== JSON.stringify(spm)) differ.push(`${JSON.stringify(text)}: ${hf} vs ${spm}`);
  }
  return differ;
}

for (const name of Object.keys(SPM_MODELS) as SpmModelName[]) {
  test(`${name} as tokenizer.json: the binding gives SentencePiece's ids on ordinary text`, async () => {
    const texts = ordinaryTexts();
    assert.ok(texts.length > 100);
    const differ = await mismatches(name, texts);
    assert.equal(differ.length, 0, differ.slice(0, 5).join("\n"));
  });
}

test("on hostile strings only the charsmap lookup differs (Unigram models), BPE stays exact", async () => {
  const texts = adversarialStrings(15, 300).map(toWellFormed);
  assert.deepEqual(await mismatches("bpe32k", texts), []);
  // HF's Precompiled looks up whole graphemes, SentencePiece the longest rule, which differ on
  // stacked combining marks ("a\u0300\u0301\u0302", one of the fragments): measured 51 and
  // 54 of these 300 strings.
  for (const name of ["albert", "unigram50k"] as SpmModelName[]) {
    const differ = await mismatches(name, texts);
    assert.ok(
      differ.length <= 60,
      `${name}: ${differ.length} of ${texts.length} differ:\n${differ.slice(0, 3).join("\n")}`,
    );
    assert.deepEqual(await mismatches(name, ["a\u0300\u0301\u0302"]).then((d) => d.length), 1);
  }
});

test("a model with no tokenizer.json form is refused with the reason", () => {
  const pieces = [{ piece: "<unk>", type: "unknown" as const }, { piece: "a" }];
  assert.throws(
    () => sentencePieceToTokenizerJson(writeModel({ pieces, trainer: { 24: true } })),
    (e: unknown) => e instanceof SentencePieceModelError && /treat_whitespace_as_suffix/.test(e.message),
  );
  assert.throws(
    () =>
      sentencePieceToTokenizerJson(writeModel({ pieces, trainer: { [TRAINER.modelType]: MODEL_TYPE.word } })),
    /a word model has no tokenizer.json form/,
  );
});
