/**
 * tokenizer.json of a character-base BPE with byte fallback: the binding and toklab agree on
 * ids, characters outside the vocabulary become their `<0xNN>` byte tokens, and both decode
 * every text back exactly.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Tokenizer } from "tokenizers";
import { GPT2_PATTERN } from "../../../src/core/pretokenize/patterns.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { writeTrainedBpe } from "../../../src/node/train-output.js";
import type { TrainedBpe } from "../../../src/train/types.js";
import { corpus, RESERVED, SPECIALS, sampleTexts, scratchDir } from "../../support/train/output.js";
import { toyTrain } from "../../support/train/toy-trainer.js";

async function assertRoundTrip(trained: TrainedBpe, texts: readonly string[]): Promise<number> {
  const dir = scratchDir();
  await writeTrainedBpe(dir, trained);
  const path = join(dir, "tokenizer.json");
  const hf = Tokenizer.fromFile(path);
  const ours = loadTokenizerJson(readFileSync(path, "utf8"));
  const fallback = new Set(trained.byteFallbackIds);
  let withFallback = 0;
  for (const text of texts) {
    const theirs = (await hf.encode(text)).getIds();
    const mine = ours.encodeFull(text).ids;
    assert.deepEqual(mine, theirs, `ids of ${JSON.stringify(text)}`);
    assert.equal(await hf.decode(theirs, false), text, `binding decodes ${JSON.stringify(text)}`);
    assert.equal(ours.decode(mine), text, `toklab decodes ${JSON.stringify(text)}`);
    if (mine.some((id) => fallback.has(id))) withFallback++;
  }
  return withFallback;
}

describe("tokenizer.json of a character base with byte fallback", () => {
  // Characters seen fewer than 3 times stay out of the alphabet, so rare ones fall back to bytes.
  const trained = toyTrain(corpus(9, 300), {
    base: "char",
    merges: 200,
    minCharCount: 3,
    specialTokens: SPECIALS,
    reservedTokens: RESERVED,
  });

  test("no ByteLevel anywhere; Split on the piece pattern; ByteFallback + Fuse", async () => {
    const dir = scratchDir();
    const written = await writeTrainedBpe(dir, trained);
    assert.deepEqual(
      written.files.map((f) => f.name),
      ["tokenizer.json", "manifest.json"],
    );
    const json = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8"));
    assert.doesNotMatch(JSON.stringify(json), /ByteLevel/);
    assert.deepEqual(json.pre_tokenizer, {
      type: "Split",
      pattern: { Regex: GPT2_PATTERN },
      behavior: "Isolated",
      invert: false,
    });
    assert.deepEqual(json.decoder, {
      type: "Sequence",
      decoders: [{ type: "ByteFallback" }, { type: "Fuse" }],
    });
    assert.equal(json.model.byte_fallback, true);
    assert.equal(json.model.vocab["<0x00>"], trained.byteFallbackIds[0]);
    assert.equal(json.model.vocab["<0xFF>"], trained.byteFallbackIds[255]);
    assert.equal(
      json.model.vocab.日,
      trained.tokens.findIndex((t) => new TextDecoder().decode(t) === "日"),
    );
  });

  test("characters outside the vocabulary round-trip through byte tokens", async () => {
    const texts = [...sampleTexts(41, 250), "🦀 ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u0000\u007f\u0085"];
    const withFallback = await assertRoundTrip(trained, texts);
    assert.ok(withFallback > 200, `byte fallback exercised (${withFallback} texts)`);
  });

  test("preset none: no pre-tokenizer at all", async () => {
    const none = toyTrain(corpus(2, 150), {
      base: "char",
      merges: 80,
      pieces: { preset: "none", numbers: "none", specialTokens: [] },
    });
    const dir = scratchDir();
    await writeTrainedBpe(dir, none);
    assert.equal(JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8")).pre_tokenizer, null);
    await assertRoundTrip(none, sampleTexts(43, 100));
  });
});
