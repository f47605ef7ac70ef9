import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderTrainingOnly, trainingSection } from "../../bench/report/train.js";
import type { TimedRun, TrainerResult, TrainingResults } from "../../bench/train-results.js";
import { trainingTargets } from "../../bench/train-targets.js";

const run = (wallS: number, maxRssMB: number): TimedRun => ({ wallS, maxRssMB, loadBefore: 1 });

function trainer(name: TrainerResult["trainer"], head: string, best: TimedRun): TrainerResult {
  return {
    trainer: name,
    head,
    bytes: 1e6,
    runs: [{ status: "ok", value: best }],
    best,
    vocab: 30000,
    heldOut: { tokens: 100, bytesPerToken: 3 },
    lostBytes: 0,
  };
}

function results(toklab: [TimedRun, TimedRun], hf: [TimedRun, TimedRun], gains: number[]): TrainingResults {
  const heads = ["20 MB", "95 MB"];
  const parityRow = (name: string, maxOverMin: number, gini: number, loss: number) => ({
    name,
    vocab: 2000,
    tokens: [1, 2],
    maxOverMin,
    gini,
    bytesPerToken: 2,
    loss,
    mixtureBytesPerToken: 2,
    mixtureLoss: 0,
    seconds: 1,
  });
  return {
    date: "2026-01-01T00:00:00.000Z",
    durationS: 60,
    argv: [],
    quick: false,
    machine: { cpu: "cpu", cores: 2, ramGB: 8, node: "v20", platform: "linux" },
    loadAverage: { start: 0.1, end: 0.2, runsMin: 0.1, runsMax: 0.3, runsMean: 0.2 },
    versions: { toklab: "0.1.0", tokenizers: "0.23.2", sentencepiece: "sentencepiece 0.1.97", node: "v20" },
    timing: { tool: "GNU time", runs: 2 },
    corpus: {
      source: "c.txt",
      bytes: 1e8,
      heads: heads.map((label) => ({ label, bytes: 1e6, lines: 10, spmSkipped: { lines: 0, bytes: 0 } })),
      heldOut: { bytes: 5e6, lines: 100 },
      spmMaxLine: 40000,
    },
    commands: { toklab: "node dist/cli/main.js train" },
    trainers: heads.flatMap((h, i) => [trainer("toklab", h, toklab[i]), trainer("hf-tokenizers", h, hf[i])]),
    identicalMerges: [{ head: "20 MB", identical: true, toklab: 29000, hf: 29000 }],
    superbpe: {
      trainHead: "20 MB",
      rows: gains.map((gain) => ({
        vocab: 16000,
        tokenizer: "SuperBPE",
        fraction: 0.8,
        transition: 12800,
        bytesPerToken: 3,
        gain,
        seconds: 1,
      })),
    },
    parity: {
      corpus: "udhr",
      languages: ["eng", "fra"],
      scripts: ["Latin", "Latin"],
      trainBytes: [1, 1],
      testBytes: [1, 1],
      minFrequency: 2,
      skew: 10,
      report: {
        balanced: {
          2000: [parityRow("plain BPE", 2, 0.2, 0), parityRow("parity base", 1.5, 0.1, 0.05)],
          8000: [parityRow("plain BPE", 2, 0.2, 0), parityRow("parity base", 1.5, 0.1, 0.01)],
        },
      },
    },
  };
}

describe("training targets", () => {
  test("time and memory: met only when toklab is no worse on every head", () => {
    const faster = trainingTargets(results([run(2, 100), run(5, 400)], [run(4, 200), run(20, 500)], [0.2]));
    assert.equal(faster[0].met, true);
    assert.equal(faster[1].met, true);
    assert.match(faster[0].measured, /20 MB: 2\.0 s vs 4\.0 s \(0\.50×\); 95 MB: 5\.0 s vs 20\.0 s/);
    const mixed = trainingTargets(results([run(2, 300), run(25, 400)], [run(4, 200), run(20, 500)], [0.2]));
    assert.equal(mixed[0].met, false, "slower on 95 MB");
    assert.equal(mixed[1].met, false, "more memory on 20 MB");
  });

  test("SuperBPE: every gain must reach 10%", () => {
    assert.equal(
      trainingTargets(results([run(1, 1), run(1, 1)], [run(2, 2), run(2, 2)], [0.2, 0.1]))[2].met,
      true,
    );
    assert.equal(
      trainingTargets(results([run(1, 1), run(1, 1)], [run(2, 2), run(2, 2)], [0.2, 0.09]))[2].met,
      false,
    );
  });

  test("Parity: narrower spread and under 2% loss at every setting", () => {
    const check = trainingTargets(results([run(1, 1), run(1, 1)], [run(2, 2), run(2, 2)], [0.2]))[3];
    assert.equal(check.met, false);
    assert.match(check.measured, /balanced 2k: .*loss 5\.0% ✗; balanced 8k: .*loss 1\.0%$/);
  });

  test("nothing measured: undecided, and the report still renders", () => {
    const r = results([run(1, 1), run(1, 1)], [run(2, 2), run(2, 2)], []);
    r.trainers = [];
    r.superbpe = undefined;
    r.parity = undefined;
    const checks = trainingTargets(r);
    assert.deepEqual(
      checks.map((c) => c.met),
      [undefined, undefined, undefined, undefined, undefined],
    );
    const md = renderTrainingOnly(r);
    assert.match(md, /^# Benchmarks\n/);
    assert.match(md, /## Training/);
    assert.match(
      md,
      /\| training time no worse than the HF binding on the same cores \| not measured \| not measured \|/,
    );
    assert.equal(trainingSection(undefined), "");
  });
});
