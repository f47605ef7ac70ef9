/**
 * vocab.json + merges.txt of a trained BPE: the Hugging Face binding's `BPE.fromFile` loads the
 * pair and, with the ByteLevel pre-tokenizer and the special tokens the manifest lists, encodes
 * exactly as the tokenizer.json does.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { AddedToken, BPE, byteLevelPreTokenizer, Tokenizer } from "tokenizers";
import { TrainedBpeError } from "../../../src/formats/trained/layout.js";
import { MERGES_HEADER, trainedMergesTxt } from "../../../src/formats/trained/vocab-merges.js";
import { writeTrainedBpe } from "../../../src/node/train-output.js";
import { byteTrained, sampleTexts, scratchDir } from "../../support/train/output.js";
import { toyTrain } from "../../support/train/toy-trainer.js";

describe("vocab.json + merges.txt", () => {
  const trained = byteTrained();

  test("hold tokenizer.json's vocabulary and merges", async () => {
    const dir = scratchDir();
    await writeTrainedBpe(dir, trained, { formats: ["tokenizer.json", "vocab-merges"] });
    const model = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8")).model;
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "vocab.json"), "utf8")), model.vocab);
    const lines = readFileSync(join(dir, "merges.txt"), "utf8").split("\n");
    assert.equal(lines[0], MERGES_HEADER);
    assert.equal(lines.at(-1), "", "ends with a newline");
    assert.deepEqual(
      lines.slice(1, -1),
      model.merges.map(([l, r]: [string, string]) => `${l} ${r}`),
    );
  });

  test("the binding's BPE.fromFile encodes as the tokenizer.json does", async () => {
    const dir = scratchDir();
    await writeTrainedBpe(dir, trained, { formats: ["tokenizer.json", "vocab-merges"] });
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    const files = new Tokenizer(await BPE.fromFile(join(dir, "vocab.json"), join(dir, "merges.txt")));
    files.setPreTokenizer(byteLevelPreTokenizer(false, true));
    // The pair has no added tokens; the manifest names them (ids come from the vocabulary).
    files.addSpecialTokens(Object.keys(manifest.specialTokens));
    files.addAddedTokens(
      Object.keys(manifest.reservedTokens).map((t) => new AddedToken(t, false, { normalized: false })),
    );
    const json = Tokenizer.fromFile(join(dir, "tokenizer.json"));
    for (const text of sampleTexts(31, 300)) {
      assert.deepEqual(
        (await files.encode(text)).getIds(),
        (await json.encode(text)).getIds(),
        `on ${JSON.stringify(text)}`,
      );
    }
  });

  test("a character-base merge with a space cannot be written to merges.txt", () => {
    // Words keep their leading space, so a character base learns " x" tokens.
    const char = toyTrain("a b a b a b", { base: "char", merges: 3 });
    assert.throws(
      () => trainedMergesTxt(char),
      (e) => e instanceof TrainedBpeError && /space/.test(e.message),
    );
  });
});
