/**
 * One trial of the controlled experiment: train toklab's BPE on the categories' training text
 * mixed in known proportions, read the merge list back, replay it once on the held-out samples
 * and solve the program for each merge budget.
 */
import { Encoding } from "../../src/core/encoding.js";
import { O200K_PATTERN } from "../../src/core/pretokenize/patterns.js";
import { parseTiktoken } from "../../src/formats/tiktoken.js";
import { trainedTiktoken } from "../../src/formats/trained/tiktoken-ranks.js";
import {
  type CategorySample,
  estimateFromTranscript,
  extractMerges,
  type LpSolver,
  type MixtureEstimate,
  replayMerges,
} from "../../src/mixture/index.js";
import { trainBpe } from "../../src/train/bpe-trainer.js";
import type { PieceConfig } from "../../src/train/types.js";

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

export function runTrial(
  training: readonly CountedTraining[],
  samples: readonly CategorySample[],
  mixture: Readonly<Record<string, number>>,
  merges: readonly number[],
  solver: LpSolver,
  lp: { readonly perStep?: number; readonly perRound?: number } = {},
): TrialResult {
  // Category i's pieces weigh w_i so that it makes mixture[i] of the training bytes; whole
  // numbers keep the trainer's counts exact (1e9 training "bytes" in all, so rounding is < 1e-8).
  const weights = training.map((c) => Math.max(1, Math.round((mixture[c.name] * 1e9) / c.bytes)));
  const total = training.reduce((s, c, i) => s + c.bytes * weights[i], 0);
  const truth = Object.fromEntries(training.map((c, i) => [c.name, (c.bytes * weights[i]) / total]));
  const counts = new Map<string, number>();
  training.forEach((c, i) => {
    for (const [piece, n] of c.pieces) counts.set(piece, (counts.get(piece) ?? 0) + n * weights[i]);
  });
  const most = Math.max(...merges);
  let t0 = performance.now();
  const trained = trainBpe(counts, { vocabSize: 256 + most, pieces: PIECES });
  const trainSeconds = (performance.now() - t0) / 1000;
  const list = extractMerges(encodingOf(trained));
  const estimates: MixtureEstimate[] = [];
  const inferSeconds: number[] = [];
  t0 = performance.now();
  const transcript = replayMerges(list, samples, { merges: most });
  const replaySeconds = (performance.now() - t0) / 1000;
  for (const m of merges) {
    t0 = performance.now();
    estimates.push(estimateFromTranscript(list, transcript, solver, { merges: m, lp }));
    inferSeconds.push(replaySeconds + (performance.now() - t0) / 1000);
  }
  return { truth, estimates, trainSeconds, inferSeconds };
}
