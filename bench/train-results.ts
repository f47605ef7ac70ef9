/**
 * What `npm run bench:train` measures, as plain data: written to bench/out/train.json and
 * rendered into the "## Training" section of BENCHMARKS.md by bench/report/train.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Machine } from "./machine.js";
import type { Outcome } from "./spawn.js";
import type { BoundaryCount } from "./train-boundary.js";
import type { ParityReport } from "./train-parity.js";
import type { SuperBpeRow } from "./train-superbpe.js";

/** Where the raw training results live (git-ignored scratch, beside last-run.json). */
export const TRAIN_JSON = fileURLToPath(new URL("./out/train.json", import.meta.url));

export type TrainerName = "toklab" | "toklab --hf-compat" | "hf-tokenizers" | "sentencepiece";

/** One timed training process. */
export interface TimedRun {
  wallS: number;
  /** Peak resident set size in MB (10^6 bytes); null when it could not be measured. */
  maxRssMB: number | null;
  /** 1-minute load average just before the run started. */
  loadBefore: number;
}

export interface TrainerResult {
  trainer: TrainerName;
  /** The training head's label ("20 MB") and its real size. */
  head: string;
  bytes: number;
  /** Every attempt, in order. */
  runs: Array<Outcome<TimedRun>>;
  /** The fastest successful run (the one reported). */
  best?: TimedRun;
  /** Tokens in the trained vocabulary. */
  vocab?: number;
  merges?: number;
  /** Tokens and bytes per token on the held-out text. */
  heldOut?: { tokens: number; bytesPerToken: number };
  /** Held-out bytes no token stands for (tokenizer.json results; 0 when every byte is encoded). */
  lostBytes?: number;
  /** Why there is no held-out figure, if there is none. */
  error?: string;
}

export interface BoundaryResult {
  tokenizer: string;
  vocab: number;
  /** Longest token in characters (the char tokenizer's cap: 3). */
  maxTokenChars: number;
  /** On the clean sentences. */
  bytesPerToken: number;
  counts: BoundaryCount[];
}

export interface TrainingResults {
  date: string;
  durationS: number;
  argv: string[];
  quick: boolean;
  machine: Machine;
  /** 1-minute load average at the start and end, and over the timed runs. */
  loadAverage: { start: number; end: number; runsMin: number; runsMax: number; runsMean: number };
  versions: { toklab: string; tokenizers: string; sentencepiece: string; node: string };
  /** How wall time and peak RSS were taken. */
  timing: { tool: string; runs: number };
  corpus: {
    source: string;
    bytes: number;
    /** spmSkipped: lines longer than `spmMaxLine` bytes, which spm_train is not given. */
    heads: Array<{
      label: string;
      bytes: number;
      lines: number;
      spmSkipped: { lines: number; bytes: number };
    }>;
    spmMaxLine: number;
    heldOut: { bytes: number; lines: number };
  };
  /** Each trainer's command, with {input} and {out} placeholders. */
  commands: Record<string, string>;
  trainers: TrainerResult[];
  /** toklab --hf-compat's merge list against the binding's, per head. */
  identicalMerges: Array<{
    head: string;
    identical: boolean;
    toklab: number;
    hf: number;
    firstDifference?: number;
  }>;
  superbpe?: { trainHead: string; rows: SuperBpeRow[]; error?: string };
  /** SuperBPE against BPE per category, on bench.jsonl documents the trainer never saw. */
  superbpeCategories?: {
    source: string;
    trainBytes: number;
    heldBytes: number;
    categories: Array<{ name: string; bytes: number }>;
    rows: SuperBpeRow[];
  };
  parity?: ParityReport & { error?: string };
  /** The same comparison trained on bench.jsonl's English prose and translated man pages
   * (measured on UDHR as well): larger, natural multilingual training text. */
  parityMan?: ParityReport & { error?: string };
  boundary?: {
    trainHead: string;
    sentences: number;
    characters: number;
    rate: number;
    seed: number;
    edits: { substitutions: number; deletions: number; insertions: number };
    results: BoundaryResult[];
    error?: string;
  };
}

/**
 * The highest peak RSS over a trainer's successful runs (null if one was not measured). Memory
 * is judged on the highest, not on the fastest run's: run-to-run differences in peak RSS come
 * from when garbage collection and threads happen to run, and a user can hit the higher one.
 */
export function highestRss(r: TrainerResult): number | null {
  let highest: number | null = null;
  for (const o of r.runs) {
    if (o.status !== "ok") continue;
    if (o.value.maxRssMB === null) return null;
    highest = Math.max(highest ?? 0, o.value.maxRssMB);
  }
  return highest;
}

/** The stored training results, or undefined when `npm run bench:train` has not run. */
export function readTrainingResults(path = TRAIN_JSON): TrainingResults | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as TrainingResults;
}
