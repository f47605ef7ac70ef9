/**
 * `npm run bench:train`: the training benchmark of issue 4 §6, on this machine, in one session.
 *
 * 1. A 30,000-token byte-level BPE (GPT-2 pretokenizer) trained on the first 20 MB and 95 MB of
 *    the corpus by toklab (`node dist/cli/main.js train`), toklab `--hf-compat`, the Hugging Face
 *    binding and SentencePiece, each in its own process, each run twice (the faster kept): wall
 *    time and peak RSS; bytes per token of each result on the held-out tail.
 * 2. The variants' defining numbers: SuperBPE's bytes/token gain, Parity-aware BPE's spread and
 *    compression cost, the KL3M character tokenizer's boundary consistency under noise.
 *
 * Raw results go to bench/out/train.json; BENCHMARKS.md is re-rendered from them and from the
 * last main run's bench/out/last-run.json. Method: docs/decisions/0026-training-benchmark.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { displayCorpusPath, MissingCorpusError, requireCorpus, requireCorpusOrFile } from "./corpora.js";
import { log } from "./log.js";
import { describeMachine } from "./machine.js";
import { renderReport } from "./report/index.js";
import { renderTrainingOnly } from "./report/train.js";
import type { BenchResults } from "./results.js";
import { measureConsistency } from "./train-consistency.js";
import { prepareCorpus } from "./train-corpus.js";
import { timeCommand, timingTool } from "./train-measure.js";
import { parseTrainOptions } from "./train-options.js";
import { compareParity } from "./train-parity.js";
import {
  readTrainingResults,
  TRAIN_JSON,
  type TrainerResult,
  type TrainingResults,
} from "./train-results.js";
import { benchJsonlSplit, compareSuperBpe } from "./train-superbpe.js";
import {
  commandLine,
  readMerges,
  SPM_MAX_LINE,
  sentencePieceTokens,
  sentencePieceVersion,
  TRAINERS,
  tokenizerJsonTokens,
} from "./train-trainers.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LAST_RUN = join(ROOT, "bench/out/last-run.json");
const REPORT = join(ROOT, "BENCHMARKS.md");

const started = performance.now();
const loadAtStart = loadavg()[0];
const options = parseTrainOptions(process.argv.slice(2));
if (options.renderOnly) {
  const stored = readTrainingResults();
  if (stored === undefined) throw new Error(`${TRAIN_JSON} not found: run \`npm run bench:train\` first`);
  await writeReport(stored);
  process.exit(0);
}
// Both corpus files are looked for now, not after an hour of training.
const corpusFile = corpusOrExit(() => requireCorpusOrFile("train-100m.txt", options.corpus));
const benchJsonl =
  options.skip.has("parity") && options.skip.has("superbpe")
    ? undefined
    : corpusOrExit(() => requireCorpus("bench.jsonl"));
const work = mkdtempSync(join(tmpdir(), "toklab-bench-train-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

log("building toklab (npm run build)…");
const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
if (build.status !== 0) {
  // tsc still emits on type errors; the CLI may well run. Say so and go on.
  log(`npm run build failed (exit ${build.status}): ${build.stdout.split("\n").slice(-4).join(" ")}`);
}

const corpus = prepareCorpus(corpusFile, options.sizes, options.heldOutFromMB, work, SPM_MAX_LINE);
log(
  `corpus ${displayCorpusPath(corpus.source)}: heads ${corpus.heads.map((h) => `${(h.bytes / 1e6).toFixed(2)} MB`).join(", ")}; ` +
    `held-out ${(corpus.heldOut.bytes / 1e6).toFixed(2)} MB`,
);

const trainers = TRAINERS.filter(
  (t) =>
    !(t.name === "sentencepiece" && options.skip.has("spm")) &&
    !(t.name === "hf-tokenizers" && options.skip.has("hf")),
);
const results: TrainerResult[] = [];
const loads: number[] = [];
for (const head of corpus.heads) {
  const rows = trainers.map(
    (t): TrainerResult => ({ trainer: t.name, head: head.label, bytes: head.bytes, runs: [] }),
  );
  // Interleaved rounds: a slow spell on the shared machine hits every trainer, not one.
  for (let run = 0; run < options.runs; run++) {
    for (const [i, trainer] of trainers.entries()) {
      const out = join(work, `${slug(head.label)}-${slug(trainer.name)}-${run}`);
      mkdirSync(out, { recursive: true });
      log(`${head.label} ${trainer.name} run ${run + 1}/${options.runs}…`);
      const outcome = await timeCommand(
        trainer.command(head.path, out, corpus.maxLineBytes),
        options.timeoutMs,
      );
      rows[i].runs.push(outcome);
      if (outcome.status === "ok") {
        loads.push(outcome.value.loadBefore);
        log(`  ${outcome.value.wallS.toFixed(1)} s, ${outcome.value.maxRssMB?.toFixed(0) ?? "?"} MB`);
      } else log(`  ${outcome.status}: ${"message" in outcome ? outcome.message : ""}`);
    }
  }
  for (const [i, trainer] of trainers.entries()) {
    const row = rows[i];
    const ok = row.runs.flatMap((r, run) => (r.status === "ok" ? [{ value: r.value, run }] : []));
    if (ok.length === 0) {
      row.error = "no successful run";
      continue;
    }
    const fastest = ok.reduce((a, b) => (b.value.wallS < a.value.wallS ? b : a));
    row.best = fastest.value;
    const out = join(work, `${slug(head.label)}-${slug(trainer.name)}-${fastest.run}`);
    try {
      const file = trainer.result(out);
      let tokens: number;
      if (trainer.kind === "sentencepiece") {
        tokens = await sentencePieceTokens(file, corpus.heldOut.path);
        row.vocab = spmVocab(`${out}/spm.vocab`);
      } else {
        const counted = tokenizerJsonTokens(file, corpus.heldOut.lines);
        tokens = counted.tokens;
        row.lostBytes = counted.lostBytes;
        const m = readMerges(file);
        row.vocab = m.vocab;
        row.merges = m.merges.length;
      }
      row.heldOut = { tokens, bytesPerToken: corpus.heldOut.bytes / tokens };
      log(`${head.label} ${trainer.name}: ${row.heldOut.bytesPerToken.toFixed(3)} bytes/token held-out`);
    } catch (e) {
      row.error = String(e instanceof Error ? e.message : e).slice(0, 300);
    }
  }
  results.push(...rows);
}

const identicalMerges: TrainingResults["identicalMerges"] = [];
for (const head of corpus.heads) {
  const dirOf = (name: string) => {
    const row = results.find((r) => r.head === head.label && r.trainer === name);
    const run = row?.runs.findIndex((r) => r.status === "ok") ?? -1;
    return run < 0 ? undefined : join(work, `${slug(head.label)}-${slug(name)}-${run}`, "tokenizer.json");
  };
  const ours = dirOf("toklab --hf-compat");
  const theirs = dirOf("hf-tokenizers");
  if (ours === undefined || theirs === undefined || !existsSync(ours) || !existsSync(theirs)) continue;
  const a = readMerges(ours).merges;
  const b = readMerges(theirs).merges;
  const diff = a.findIndex((m, i) => m !== b[i]);
  const firstDifference = diff >= 0 ? diff : a.length !== b.length ? Math.min(a.length, b.length) : undefined;
  identicalMerges.push({
    head: head.label,
    identical: firstDifference === undefined,
    toklab: a.length,
    hf: b.length,
    firstDifference,
  });
}

const heldText = { heldLines: corpus.heldOut.lines, heldBytes: corpus.heldOut.bytes };
const small = corpus.heads[0];
const training: TrainingResults = {
  date: new Date().toISOString(),
  durationS: 0,
  argv: options.argv,
  quick: options.quick,
  machine: describeMachine(),
  loadAverage: { start: loadAtStart, end: 0, ...summarize(loads) },
  versions: {
    toklab: packageVersion(join(ROOT, "package.json")),
    tokenizers: packageVersion(createRequire(import.meta.url).resolve("tokenizers/package.json")),
    sentencepiece: await sentencePieceVersion(),
    node: process.version,
  },
  timing: { tool: timingTool(), runs: options.runs },
  corpus: {
    source: displayCorpusPath(corpus.source),
    bytes: corpus.bytes,
    heads: corpus.heads.map((h) => ({
      label: h.label,
      bytes: h.bytes,
      lines: h.lines,
      spmSkipped: h.longLines,
    })),
    spmMaxLine: SPM_MAX_LINE,
    heldOut: { bytes: corpus.heldOut.bytes, lines: corpus.heldOut.lines.length },
  },
  commands: Object.fromEntries(TRAINERS.map((t) => [t.name, commandLine(t, corpus.maxLineBytes)])),
  trainers: results,
  identicalMerges,
};

if (!options.skip.has("superbpe")) {
  log(`SuperBPE vs BPE on the ${small.label} head…`);
  const rows = compareSuperBpe({
    trainLines: readFileSync(small.path, "utf8").split(/(?<=\n)/),
    ...heldText,
    vocabs: options.superbpeVocabs,
    transitions: options.superbpeTransitions,
    log,
  });
  training.superbpe = { trainHead: small.label, rows };
  log("SuperBPE vs BPE per category on held-out bench.jsonl documents…");
  const split = benchJsonlSplit(benchJsonl as string);
  training.superbpeCategories = {
    source: displayCorpusPath(benchJsonl as string),
    trainBytes: split.trainBytes,
    heldBytes: split.heldBytes,
    categories: split.categories.map((c) => ({ name: c.name, bytes: c.bytes })),
    rows: compareSuperBpe({
      ...split,
      vocabs: options.superbpeVocabs,
      transitions: options.superbpeTransitions,
      log,
    }),
  };
}
if (!options.skip.has("parity")) {
  log("Parity-aware BPE vs BPE on UDHR…");
  training.parity = compareParity({ vocabSizes: options.parityVocabs, log });
  log("Parity-aware BPE vs BPE trained on bench.jsonl's prose and man pages…");
  training.parityMan = compareParity({ corpus: "man", benchPath: benchJsonl, log });
}
if (!options.skip.has("boundary")) {
  log(`boundary consistency: char and BPE ${options.boundaryVocab} on the ${small.label} head…`);
  training.boundary = measureConsistency({
    trainPath: small.path,
    trainLabel: small.label,
    heldLines: corpus.heldOut.lines,
    vocab: options.boundaryVocab,
    rate: 0.05,
    seed: 4,
    maxSentences: 5000,
    dir: work,
    log,
  });
}

training.durationS = (performance.now() - started) / 1000;
training.loadAverage.end = loadavg()[0];
mkdirSync(join(ROOT, "bench/out"), { recursive: true });
await writeAtomically(TRAIN_JSON, `${JSON.stringify(training, null, 1)}\n`);
await writeReport(training);
log(`done in ${(training.durationS / 60).toFixed(1)} min`);

/** BENCHMARKS.md from the last main run's raw results (if any) and these training results. */
async function writeReport(training: TrainingResults): Promise<void> {
  if (existsSync(LAST_RUN)) {
    const main = JSON.parse(readFileSync(LAST_RUN, "utf8")) as BenchResults;
    await writeAtomically(REPORT, renderReport(main, training));
    log(`wrote ${REPORT} (main sections from ${LAST_RUN}, training from ${TRAIN_JSON})`);
  } else {
    await writeAtomically(REPORT, renderTrainingOnly(training));
    log(`no ${LAST_RUN}: ${REPORT} has the training section only (run \`npm run bench\` for the rest)`);
  }
}

/** The corpus file `find` returns; a missing one ends the run with the message (where, which variable). */
function corpusOrExit(find: () => string): string {
  try {
    return find();
  } catch (e) {
    if (!(e instanceof MissingCorpusError)) throw e;
    process.stderr.write(`bench:train: ${e.message}\n`);
    process.exit(2);
  }
}

function slug(s: string): string {
  return s.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");
}

function spmVocab(path: string): number {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).length;
}

function packageVersion(path: string): string {
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

function summarize(xs: number[]): { runsMin: number; runsMax: number; runsMean: number } {
  if (xs.length === 0) return { runsMin: Number.NaN, runsMax: Number.NaN, runsMean: Number.NaN };
  return {
    runsMin: Math.min(...xs),
    runsMax: Math.max(...xs),
    runsMean: xs.reduce((a, b) => a + b, 0) / xs.length,
  };
}

/** Temp file then rename: readers never see a half-written file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
