/**
 * The Unigram trainer against SentencePiece's (Debian's `spm_train --model_type=unigram`) on a
 * generated corpus with the same options: held-out bytes per token within 2 % of spm_train's at
 * a small vocabulary (the benchmark, bench/unigram.ts, holds it to 1 % at 8k and 32k on real
 * text), and the written `.model` encodes identically in `spm_encode` and in toklab's runtime.
 * CI installs the `sentencepiece` package (.ci/run) and fails here without it.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { serializeModelProto } from "../../../src/formats/sentencepiece/model-writer.js";
import { parseSentencePieceModel } from "../../../src/formats/sentencepiece/tokenizer.js";
import { unigramModelProto } from "../../../src/formats/trained/unigram-model.js";
import { WordCounter } from "../../../src/train/unigram/sentences.js";
import { trainUnigram } from "../../../src/train/unigram/trainer.js";
import { adversarialStrings, toWellFormed } from "../../support/adversarial.js";
import { textFixtures } from "../../support/fixtures.js";
import { zipfCorpus } from "../../support/train/zipf-corpus.js";

const HAVE_SPM = spawnSync("spm_train", ["--help"]).error === undefined;
const skip = HAVE_SPM ? false : "Debian's sentencepiece (spm_train, spm_encode) is not installed";

test("spm_train is installed where CI runs", () => {
  if (process.env.CI) assert.ok(HAVE_SPM, "CI must install the sentencepiece package (.ci/run)");
});

const dir = HAVE_SPM ? mkdtempSync(join(tmpdir(), "toklab-unigram-")) : "";
after(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

function tokenCount(model: string, file: string): number {
  const out = execFileSync("spm_encode", [
    `--model=${model}`,
    "--output_format=id",
    `--input=${file}`,
  ]).toString();
  return out.split(/\s+/).filter(Boolean).length;
}

for (const [vocab, byteFallback] of [
  [1000, false],
  [2000, true],
] as const) {
  test(`vocab ${vocab}${byteFallback ? ", byte fallback" : ""}: bytes per token near spm_train's, .model encodes as spm_encode`, {
    skip,
  }, () => {
    const train = join(dir, `train-${vocab}.txt`);
    const held = join(dir, `held-${vocab}.txt`);
    const corpus = zipfCorpus(11, 12, 6000);
    writeFileSync(train, `${corpus}\n`);
    writeFileSync(held, `${zipfCorpus(11, 13, 1500)}\n`);
    const prefix = join(dir, `spm-${vocab}`);
    execFileSync("spm_train", [
      `--input=${train}`,
      `--model_prefix=${prefix}`,
      `--vocab_size=${vocab}`,
      "--model_type=unigram",
      "--normalization_rule_name=identity",
      `--byte_fallback=${byteFallback}`,
      "--minloglevel=2",
      "--num_threads=1",
    ]);
    const words = new WordCounter();
    words.addText(corpus);
    const bytes = serializeModelProto(
      unigramModelProto(trainUnigram(words.counts, { vocabSize: vocab, byteFallback })),
    );
    const ours = join(dir, `toklab-${vocab}.model`);
    writeFileSync(ours, bytes);
    const spmTokens = tokenCount(`${prefix}.model`, held);
    const ourTokens = tokenCount(ours, held);
    const heldBytes = readFileSync(held).length;
    const delta = (heldBytes / ourTokens - heldBytes / spmTokens) / (heldBytes / spmTokens);
    assert.ok(
      Math.abs(delta) < 0.02,
      `bytes/token ${heldBytes / ourTokens} vs spm_train's ${heldBytes / spmTokens}`,
    );

    // The same ids from spm_encode and from toklab's runtime on varied text.
    const lines = [
      ...corpus.split("\n").slice(0, 300),
      ...[...textFixtures().values()].flatMap((c) => c.split("\n")),
      ...adversarialStrings(21, 200)
        .map(toWellFormed)
        .flatMap((t) => t.split("\n")),
      "  spaces   around  ",
      "▁ literal ▁▁ marks▁",
    ].filter((t) => !t.includes("\0") && !t.includes("\r"));
    const ids = execFileSync("spm_encode", [`--model=${ours}`, "--output_format=id"], {
      input: `${lines.join("\n")}\n`,
      maxBuffer: 1 << 26,
    })
      .toString()
      .split("\n");
    const tok = parseSentencePieceModel(bytes);
    const mismatches: string[] = [];
    lines.forEach((t, i) => {
      const theirs = ids[i] === "" ? [] : ids[i].split(" ").map(Number);
      const mine = tok.encode(t, { disallowedSpecial: [] });
      if (JSON.stringify(mine) !== JSON.stringify(theirs))
        mismatches.push(`${JSON.stringify(t)}: ${mine} vs ${theirs}`);
    });
    assert.equal(mismatches.length, 0, mismatches.slice(0, 5).join("\n"));
  });
}
