/**
 * The tiktoken rank file of a trained byte-level BPE: toklab's parser + encoder and the
 * `tiktoken` package give the same ids, and the same as the tokenizer.json (Hugging Face binding)
 * when every merge makes a distinct token. The documented exception, two merges making the same
 * bytes, is pinned on a hand-made vocabulary.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Tiktoken } from "tiktoken";
import { Tokenizer } from "tokenizers";
import { Encoding } from "../../../src/core/encoding.js";
import { GPT2_PATTERN } from "../../../src/core/pretokenize/patterns.js";
import { parseTiktoken } from "../../../src/formats/tiktoken.js";
import { TrainedBpeError, trainedLayout } from "../../../src/formats/trained/layout.js";
import { trainedSpecialTokens, trainedTiktoken } from "../../../src/formats/trained/tiktoken-ranks.js";
import { trainedTokenizerJson } from "../../../src/formats/trained/tokenizer-json.js";
import { writeTrainedBpe } from "../../../src/node/train-output.js";
import { hfPreTokenizerFor } from "../../../src/train/pieces-hf.js";
import type { TrainedBpe } from "../../../src/train/types.js";
import { byteTrained, corpus, SPECIALS, sampleTexts, scratchDir } from "../../support/train/output.js";
import { toyTrain } from "../../support/train/toy-trainer.js";

const utf8 = new TextEncoder();

/** tiktoken and toklab encoders for a rank file, with `added` (text → id) as special tokens. */
function rankEncoders(ranksText: string, added: Record<string, number>) {
  const theirs = new Tiktoken(ranksText, added, GPT2_PATTERN);
  after(() => theirs.free());
  const ours = new Encoding({
    name: "trained",
    pattern: GPT2_PATTERN,
    ranks: parseTiktoken(ranksText),
    specialTokens: added,
  });
  return { theirs, ours };
}

describe("tiktoken rank file of a byte-level base", () => {
  const trained = byteTrained();

  test("ranks are the ids of non-special tokens; specials are holes", () => {
    const lines = trainedTiktoken(trained).trimEnd().split("\n");
    assert.equal(lines.length, trained.tokens.length - SPECIALS.length);
    const ranks = parseTiktoken(trainedTiktoken(trained));
    for (let id = 0; id < trained.tokens.length; id++) {
      const bytes = ranks.blob.subarray(ranks.offsets[id], ranks.offsets[id + 1]);
      const want = trained.specialIds.includes(id) ? new Uint8Array(0) : trained.tokens[id];
      assert.deepEqual(bytes, want, `rank ${id}`);
    }
    assert.deepEqual(
      [...trainedSpecialTokens(trained)],
      SPECIALS.map((s, i) => [s, i]),
    );
  });

  test("toklab, tiktoken and the tokenizer.json path give the same ids", async () => {
    const layout = trainedLayout(trained);
    assert.equal(layout.repeatedMerges, 0, "every merge makes a distinct token");
    const dir = scratchDir();
    await writeTrainedBpe(dir, trained);
    const ranksText = readFileSync(join(dir, "tokenizer.tiktoken"), "utf8");
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    assert.equal(manifest.tiktoken.pattern, GPT2_PATTERN);
    // Reserved tokens are ordinary ranks; tokenizer.json matches them before the pattern like
    // special tokens, so tiktoken gets them as special tokens too (see docs/decisions/0022).
    const added = { ...manifest.tiktoken.specialTokens, ...manifest.reservedTokens };
    const { theirs, ours } = rankEncoders(ranksText, added);
    const hf = Tokenizer.fromFile(join(dir, "tokenizer.json"));
    let distinct = 0;
    for (const text of sampleTexts(21, 300)) {
      const a = [...theirs.encode(text, "all")];
      const b = ours.encode(text, { allowedSpecial: "all" });
      const c = (await hf.encode(text)).getIds();
      assert.deepEqual(b, a, `toklab vs tiktoken on ${JSON.stringify(text)}`);
      assert.deepEqual(c, a, `tokenizer.json vs tiktoken on ${JSON.stringify(text)}`);
      assert.equal(
        new TextDecoder("utf-8", { ignoreBOM: true }).decode(theirs.decode(new Uint32Array(a))),
        text,
      );
      if (a.some((id) => id >= trained.firstMergeId)) distinct++;
    }
    assert.ok(distinct > 200, `most texts use merged tokens (${distinct})`);
  });

  test("preset none: the recorded pattern keeps each segment whole in every encoder", async () => {
    const none = toyTrain(corpus(3, 200), {
      merges: 150,
      specialTokens: SPECIALS,
      pieces: { preset: "none", numbers: "none", specialTokens: SPECIALS },
    });
    const dir = scratchDir();
    await writeTrainedBpe(dir, none);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    const pattern = manifest.tiktoken.pattern;
    const theirs = new Tiktoken(
      readFileSync(join(dir, "tokenizer.tiktoken"), "utf8"),
      manifest.specialTokens,
      pattern,
    );
    after(() => theirs.free());
    const ranks = parseTiktoken(readFileSync(join(dir, "tokenizer.tiktoken")));
    const ours = new Encoding({ name: "none", pattern, ranks, specialTokens: manifest.specialTokens });
    const hf = Tokenizer.fromFile(join(dir, "tokenizer.json"));
    for (const text of sampleTexts(23, 150)) {
      const a = [...theirs.encode(text, "all")];
      assert.deepEqual(ours.encode(text, { allowedSpecial: "all" }), a, `toklab on ${JSON.stringify(text)}`);
      assert.deepEqual((await hf.encode(text)).getIds(), a, `tokenizer.json on ${JSON.stringify(text)}`);
    }
  });

  test("a character base has no rank file", async () => {
    const char = toyTrain(corpus(1, 50), { base: "char", merges: 20 });
    assert.throws(() => trainedTiktoken(char), TrainedBpeError);
    const dir = scratchDir();
    await assert.rejects(writeTrainedBpe(dir, char, { formats: ["tiktoken"] }), /byte-level BPE only/);
  });
});

/**
 * Bytes 0–255, then `bc`, `ab`, `abc` = `ab`+`c`, `xa`, and a fifth merge `a`+`bc` that makes
 * `abc` again. The Hugging Face trainer keeps such a merge (with the existing id), so merge-list
 * BPE ranks it fifth; tiktoken only knows `abc`'s rank (its id, third merge).
 */
function repeatedMergeVocab(): TrainedBpe {
  const tokens = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
  for (const s of ["bc", "ab", "abc", "xa"]) tokens.push(utf8.encode(s));
  const [a, b, c, x] = [..."abcx"].map((ch) => ch.charCodeAt(0));
  return {
    base: "byte",
    tokens,
    specialIds: [],
    reservedIds: [],
    byteFallbackIds: [],
    merges: [
      [b, c],
      [a, b],
      [257, c],
      [x, a],
      [a, 256],
    ],
    firstMergeId: 256,
    pieces: { preset: "gpt2", numbers: "none", specialTokens: [] },
    config: {},
  };
}

describe("where rank BPE and merge-list BPE differ: two merges make the same bytes", () => {
  const trained = repeatedMergeVocab();

  test("the writers accept it and count the repeated merge", () => {
    assert.equal(trainedLayout(trained).repeatedMerges, 1);
    const json = JSON.parse(
      trainedTokenizerJson(trained, { preTokenizer: hfPreTokenizerFor(trained.pieces) }),
    );
    assert.equal(json.model.merges.length, 5);
    assert.equal(Object.keys(json.model.vocab).length, 260);
  });

  test('"xabc": merge list gives [xa, bc], ranks give [x, abc]', async () => {
    const hf = Tokenizer.fromString(
      trainedTokenizerJson(trained, { preTokenizer: hfPreTokenizerFor(trained.pieces) }),
    );
    // Merge list: bc (rank 0) first, then x+a (rank 3) beats a+bc (rank 4).
    assert.deepEqual((await hf.encode("xabc")).getIds(), [259, 256]);
    const { theirs, ours } = rankEncoders(trainedTiktoken(trained), {});
    // Ranks: bc (256) first, then a+bc = abc (258) beats x+a = xa (259).
    assert.deepEqual([...theirs.encode("xabc")], [120, 258]);
    assert.deepEqual(ours.encode("xabc"), [120, 258]);
  });
});
