/**
 * tokenizer.json of a trained byte-level BPE: the Hugging Face binding loads it and encodes
 * every text to the same ids as toklab's own loader, both decode back to the text, and the ids
 * are the trained ones.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Tokenizer } from "tokenizers";
import { byteLevelSpelling } from "../../../src/core/byte-alphabet.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { trainedLayout } from "../../../src/formats/trained/layout.js";
import { writeTrainedBpe } from "../../../src/node/train-output.js";
import type { TrainedBpe } from "../../../src/train/types.js";
import {
  byteTrained,
  corpus,
  RESERVED,
  SPECIALS,
  sampleTexts,
  scratchDir,
} from "../../support/train/output.js";
import { toyTrain } from "../../support/train/toy-trainer.js";

/** Writes `trained`, loads its tokenizer.json both ways, and compares them on `texts`. */
async function assertBothAgree(trained: TrainedBpe, texts: readonly string[]): Promise<void> {
  const dir = scratchDir();
  await writeTrainedBpe(dir, trained, { formats: ["tokenizer.json"] });
  const path = join(dir, "tokenizer.json");
  const hf = Tokenizer.fromFile(path);
  const ours = loadTokenizerJson(readFileSync(path, "utf8"));
  // The binding counts vocabulary keys: one per id, plus the aliases of merged reserved tokens.
  const aliases = trainedLayout(trained).aliases.size;
  assert.equal(hf.getVocabSize(true), trained.tokens.length + aliases, "binding's vocabulary size");
  for (const text of texts) {
    const theirs = (await hf.encode(text)).getIds();
    const mine = ours.encodeFull(text).ids;
    assert.deepEqual(mine, theirs, `ids of ${JSON.stringify(text)}`);
    assert.equal(await hf.decode(theirs, false), text, `binding decodes ${JSON.stringify(text)}`);
    assert.equal(ours.decode(mine), text, `toklab decodes ${JSON.stringify(text)}`);
  }
}

describe("tokenizer.json of a byte-level base", () => {
  const trained = byteTrained();

  test("the toy trainer made the vocabulary the tests need", () => {
    const layout = trainedLayout(trained);
    assert.equal(layout.repeatedMerges, 0);
    // Two merges make reserved tokens: "kato" (spelled alike in the byte alphabet) and " 東"
    // (spelled "ĠæĿ±" there, so the vocabulary gets that alias for its id).
    assert.equal(layout.reservedMerges, 2);
    assert.equal(layout.counts.merge, 298);
    assert.deepEqual([...layout.aliases], [["ĠæĿ±", trained.reservedIds[2]]]);
    // Merged tokens span scripts: a CJK word and an emoji are whole tokens.
    assert.ok(layout.strings.includes(byteLevelSpelling(new TextEncoder().encode(" 日本語"))));
    assert.ok(layout.strings.includes(byteLevelSpelling(new TextEncoder().encode(" 😀"))));
  });

  test("the binding and toklab encode identically and decode back", async () => {
    await assertBothAgree(trained, sampleTexts(11, 300));
  });

  test("ids are the trained ones: specials, reserved, bytes, merges", async () => {
    const dir = scratchDir();
    await writeTrainedBpe(dir, trained, { formats: ["tokenizer.json"] });
    const hf = Tokenizer.fromFile(join(dir, "tokenizer.json"));
    assert.deepEqual(
      SPECIALS.map((s) => hf.tokenToId(s)),
      trained.specialIds,
    );
    assert.deepEqual(
      RESERVED.map((s) => hf.tokenToId(s)),
      trained.reservedIds,
    );
    const enc = await hf.encode(`${SPECIALS[1]}${RESERVED[1]}`);
    assert.deepEqual(enc.getIds(), [trained.specialIds[1], trained.reservedIds[1]]);
    // Skipping special tokens drops the special one only: reserved tokens are not special.
    assert.equal(await hf.decode(enc.getIds(), true), RESERVED[1]);
    assert.equal(
      loadTokenizerJson(readFileSync(join(dir, "tokenizer.json"), "utf8")).decode(enc.getIds(), {
        skipSpecialTokens: true,
      }),
      RESERVED[1],
    );
    // Every ordinary id spells its trained bytes.
    for (let id = trained.firstMergeId - 256; id < trained.tokens.length; id++) {
      assert.equal(hf.idToToken(id), byteLevelSpelling(trained.tokens[id]), `token ${id}`);
    }
    // A merged token of the corpus comes out as one id, the one the trainer gave it.
    const layout = trainedLayout(trained);
    const hello = layout.strings.indexOf(byteLevelSpelling(new TextEncoder().encode(" hello")));
    assert.ok(hello >= trained.firstMergeId);
    assert.deepEqual((await hf.encode(" hello")).getIds(), [hello]);
  });

  test("the written file has HF's shape for a ByteLevel BPE", async () => {
    const dir = scratchDir();
    await writeTrainedBpe(dir, trained, { formats: ["tokenizer.json"] });
    const json = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8"));
    assert.equal(json.normalizer, null);
    assert.deepEqual(json.pre_tokenizer, {
      type: "ByteLevel",
      add_prefix_space: false,
      trim_offsets: true,
      use_regex: true,
    });
    assert.equal(json.post_processor.type, "ByteLevel");
    assert.equal(json.post_processor.trim_offsets, false);
    assert.equal(json.decoder.type, "ByteLevel");
    assert.equal(json.model.byte_fallback, false);
    assert.equal(json.model.merges.length, 300);
    assert.deepEqual(
      json.added_tokens.map((t: { content: string; special: boolean; normalized: boolean }) => [
        t.content,
        t.special,
        t.normalized,
      ]),
      [...SPECIALS.map((s) => [s, true, false]), ...RESERVED.map((s) => [s, false, false])],
    );
    // The vocabulary is written in id order, digits included (JSON.stringify would move them).
    const keys = Object.keys(json.model.vocab).length;
    assert.equal(keys, trained.tokens.length + 1, "one alias");
    assert.equal(json.model.vocab["ĠæĿ±"], json.model.vocab[" 東"]);
    const text = readFileSync(join(dir, "tokenizer.json"), "utf8");
    const vocabText = text.slice(text.indexOf('"vocab": {'), text.indexOf('"merges": ['));
    const order = [...vocabText.matchAll(/^ {6}".*": (\d+),?$/gm)].map((m) => Number(m[1]));
    const alias = trained.reservedIds[2];
    assert.deepEqual(
      order,
      trained.tokens.flatMap((_, id) => (id === alias ? [id, id] : [id])),
    );
  });

  test("preset none: ByteLevel without its regex", async () => {
    const none = toyTrain(corpus(3, 200), {
      merges: 120,
      specialTokens: SPECIALS,
      pieces: { preset: "none", numbers: "none", specialTokens: SPECIALS },
    });
    const dir = scratchDir();
    await writeTrainedBpe(dir, none, { formats: ["tokenizer.json"] });
    const json = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8"));
    assert.equal(json.pre_tokenizer.use_regex, false);
    await assertBothAgree(none, sampleTexts(5, 120));
  });
});
