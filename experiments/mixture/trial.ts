/**
 * One trial of the controlled experiment: train toklab's BPE on the categories' training text
 * mixed in known proportions, read the merge list back, replay it once on the held-out samples
 * and solve the program for each merge budget.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Encoding } from "../../src/core/encoding.js";
import { O200K_PATTERN } from "../../src/core/pretokenize/patterns.js";
import type { Tokenizer } from "../../src/core/tokenizer.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { parseTiktoken } from "../../src/formats/tiktoken.js";
import { trainedTiktoken } from "../../src/formats/trained/tiktoken-ranks.js";
import {
  type CategorySample,
  estimateFromTranscript,
  extractMerges,
  type LpSolver,
  type MixtureEstimate,
  replayMerges,
  samplePrefix,
} from "../../src/mixture/index.js";
import { trainBpe } from "../../src/train/bpe-trainer.js";
import { pieceSplitter } from "../../src/train/pieces.js";
import type { PieceConfig } from "../../src/train/types.js";

const utf8 = new TextEncoder();

export const PIECES: PieceConfig = { preset: "o200k", numbers: "none", specialTokens: [] };

/** A category's training text, counted once: its pieces and bytes. */
export interface CountedTraining {
  readonly name: string;
  readonly pieces: Map<string, number>;
  readonly bytes: number;
}

export interface TrialResult {
  /** The true byte proportions (from the whole-number weights actually used). */
  readonly truth: Record<string, number>;
  /** One estimate per merge budget, in the order asked. */
  readonly estimates: MixtureEstimate[];
  readonly trainSeconds: number;
  readonly inferSeconds: number[];
}

/** A byte-level tokenizer of the trained merges with the o200k pretokenizer they were cut with. */
export function encodingOf(trained: ReturnType<typeof trainBpe>): Encoding {
  return new Encoding({
    name: "trained",
    pattern: O200K_PATTERN,
    ranks: parseTiktoken(trainedTiktoken(trained)),
    specialTokens: {},
  });
}

/** A category's training text counted once: its pieces (cut as the trained tokenizers cut) and bytes. */
export function countTraining(name: string, text: string): CountedTraining {
  const split = pieceSplitter(PIECES);
  const pieces = new Map<string, number>();
  for (const p of split(text)) pieces.set(p, (pieces.get(p) ?? 0) + 1);
  return { name, pieces, bytes: utf8.encode(text).length };
}

/**
 * toklab's BPE trained for `merges` merges on the categories' training text mixed so that category
 * i makes `mixture[i]` of the training bytes, and the true byte shares of the mixture used.
 */
export function trainOnMixture(
  training: readonly CountedTraining[],
  mixture: Readonly<Record<string, number>>,
  merges: number,
): { trained: ReturnType<typeof trainBpe>; truth: Record<string, number>; trainSeconds: number } {
  // Category i's pieces weigh w_i so that it makes mixture[i] of the training bytes; whole
  // numbers keep the trainer's counts exact (1e9 training "bytes" in all, so rounding is < 1e-8).
  const weights = training.map((c) => Math.max(1, Math.round((mixture[c.name] * 1e9) / c.bytes)));
  const total = training.reduce((s, c, i) => s + c.bytes * weights[i], 0);
  const truth = Object.fromEntries(training.map((c, i) => [c.name, (c.bytes * weights[i]) / total]));
  const counts = new Map<string, number>();
  training.forEach((c, i) => {
    for (const [piece, n] of c.pieces) counts.set(piece, (counts.get(piece) ?? 0) + n * weights[i]);
  });
  const t0 = performance.now();
  const trained = trainBpe(counts, { vocabSize: 256 + merges, pieces: PIECES });
  return { trained, truth, trainSeconds: (performance.now() - t0) / 1000 };
}

export function runTrial(
  training: readonly CountedTraining[],
  samples: readonly CategorySample[],
  mixture: Readonly<Record<string, number>>,
  merges: readonly number[],
  solver: LpSolver,
  lp: { readonly perStep?: number; readonly perRound?: number } = {},
): TrialResult {
  const most = Math.max(...merges);
  const { trained, truth, trainSeconds } = trainOnMixture(training, mixture, most);
  const list = extractMerges(encodingOf(trained));
  const estimates: MixtureEstimate[] = [];
  const inferSeconds: number[] = [];
  let t0 = performance.now();
  const transcript = replayMerges(list, samples, { merges: most });
  const replaySeconds = (performance.now() - t0) / 1000;
  for (const m of merges) {
    t0 = performance.now();
    estimates.push(estimateFromTranscript(list, transcript, solver, { merges: m, lp }));
    inferSeconds.push(replaySeconds + (performance.now() - t0) / 1000);
  }
  return { truth, estimates, trainSeconds, inferSeconds };
}

/**
 * The same trial with the Hugging Face trainer (the `tokenizers` binding, an independent
 * implementation): the categories' training texts are written to one file, each repeated a whole
 * number of times so that it makes about its share of `totalBytes` (repeating a text multiplies
 * its pair counts exactly, as the weights above do), and the binding's default BpeTrainer (30,000
 * tokens, GPT-2's byte-level pre-tokenizer without prefix space: its JS API exposes no options)
 * trains on it. The truth is the share each category has in the file written. The samples are
 * cut line by line by the trained tokenizer (see {@link lineSample}).
 */
export async function runTrialHf(
  training: readonly { readonly name: string; readonly text: string }[],
  sampleTexts: readonly { readonly name: string; readonly text: string }[],
  sampleBytes: number | undefined,
  mixture: Readonly<Record<string, number>>,
  merges: readonly number[],
  solver: LpSolver,
  totalBytes: number,
): Promise<TrialResult> {
  const { BPE, byteLevelPreTokenizer, Tokenizer } = await import("tokenizers");
  const dir = mkdtempSync(join(tmpdir(), "toklab-mixture-hf-"));
  try {
    const bytesOf = training.map((c) => utf8.encode(c.text).length + 1);
    const repeats = training.map((c, i) =>
      Math.max(1, Math.round((mixture[c.name] * totalBytes) / bytesOf[i])),
    );
    const total = training.reduce((s, _c, i) => s + bytesOf[i] * repeats[i], 0);
    const truth = Object.fromEntries(training.map((c, i) => [c.name, (bytesOf[i] * repeats[i]) / total]));
    const input = join(dir, "train.txt");
    const parts: string[] = [];
    training.forEach((c, i) => {
      for (let r = 0; r < repeats[i]; r++) parts.push(`${c.text}\n`);
    });
    writeFileSync(input, parts.join(""));
    let t0 = performance.now();
    const tokenizer = new Tokenizer(BPE.empty());
    tokenizer.setPreTokenizer(byteLevelPreTokenizer(false, true));
    tokenizer.train([input]);
    const out = join(dir, "tokenizer.json");
    tokenizer.save(out);
    const trainSeconds = (performance.now() - t0) / 1000;
    const tok = loadTokenizerJson(readFileSync(out, "utf8"), { name: "hf-trained" });
    const list = extractMerges(tok);
    // Cut by the trained tokenizer itself: its pieces are in ByteLevel's alphabet, which is what
    // its merge list's symbols are spelled in.
    const samples = sampleTexts.map((c) => lineSample(tok, c.name, c.text, sampleBytes));
    const most = Math.min(Math.max(...merges), list.length);
    t0 = performance.now();
    const transcript = replayMerges(list, samples, { merges: most });
    const replaySeconds = (performance.now() - t0) / 1000;
    const estimates: MixtureEstimate[] = [];
    const inferSeconds: number[] = [];
    for (const m of merges) {
      t0 = performance.now();
      estimates.push(estimateFromTranscript(list, transcript, solver, { merges: Math.min(m, most) }));
      inferSeconds.push(replaySeconds + (performance.now() - t0) / 1000);
    }
    return { truth, estimates, trainSeconds, inferSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A category sample cut as the Hugging Face trainer cuts its training file: each line (with its
 * line feed) pretokenized on its own, since `Tokenizer.train` reads files a line at a time (a
 * blank line is a piece `"\n"` of its own, never part of a longer whitespace run).
 */
export function lineSample(tok: Tokenizer, name: string, text: string, maxBytes?: number): CategorySample {
  const sample = maxBytes === undefined ? text : samplePrefix(text, maxBytes);
  const pieces = new Map<string, number>();
  for (let start = 0; start < sample.length; ) {
    const nl = sample.indexOf("\n", start);
    const end = nl < 0 ? sample.length : nl + 1;
    for (const p of tok.pretokenize(sample.slice(start, end))) pieces.set(p, (pieces.get(p) ?? 0) + 1);
    start = end;
  }
  return { name, pieces, bytes: utf8.encode(sample).length };
}
