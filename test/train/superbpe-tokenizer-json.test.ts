import assert from "node:assert/strict";
import { test } from "node:test";
import { Tokenizer } from "tokenizers";
import { hfSuperwordPreTokenizer, superwordPieces } from "../../src/core/pretokenize/superword.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { trainedTokenizerJson } from "../../src/formats/trained/tokenizer-json.js";
import { trainSuperBpe } from "../../src/train/superbpe.js";
import { countPieces, generateText, gpt2Pieces, MergeListEncoder } from "../support/train/superbpe.js";

test("a SuperBPE tokenizer.json: the HF binding, toklab's loader and a merge-list encoder agree", async () => {
  const docs = generateText(11, 800).split("\n\n");
  const trained = trainSuperBpe(countPieces(docs, gpt2Pieces), countPieces(docs, superwordPieces), {
    vocabSize: 1200,
    transition: 800,
  });
  const json = trainedTokenizerJson(trained, { preTokenizer: hfSuperwordPreTokenizer() });
  const ours = loadTokenizerJson(json);
  const hf = Tokenizer.fromString(json);
  const reference = new MergeListEncoder(trained);
  const heldOut = [...generateText(5, 60).split("\n\n"), "Total: 1234567 by the way,  x"];
  for (const text of heldOut) {
    const ids = ours.encode(text, { allowedSpecial: "all" });
    const theirs = Array.from((await hf.encode(text, null, { addSpecialTokens: false })).getIds());
    assert.deepEqual(ids, theirs, JSON.stringify(text));
    assert.deepEqual(
      ids,
      superwordPieces(text).flatMap((p) => reference.encodePiece(p)),
      JSON.stringify(text),
    );
    assert.equal(ours.decode(ids), text);
  }
});
