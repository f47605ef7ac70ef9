/**
 * Data-mixture inference end to end: from a tokenizer and a text per category to the estimated
 * share of each category in the tokenizer's training data (Hayase, Liu, Choi, Oh and Smith,
 * "Data Mixture Inference: What do BPE Tokenizers Reveal about their Training Data?", NeurIPS
 * 2024).
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { MixtureError } from "./errors.js";
import { highsSolver } from "./highs.js";
import { type LazyLpOptions, solveLazyLp } from "./lazy-lp.js";
import { extractMerges, type MergeList, type MergeListRemovals } from "./merge-list.js";
import { type MergeTranscript, replayMerges } from "./replay.js";
import { type CategorySample, categorySample } from "./sample.js";
import type { LpSolver } from "./solver.js";

/** One category: a name and a text that stands for it (a language, a programming language...). */
export interface MixtureCategory {
  readonly name: string;
  readonly text: string;
}

/** What {@link inferMixture} is doing, for progress displays. */
export type MixtureStage = "merges" | "count" | "replay" | "solve";

/** Options of {@link inferMixture}. */
export interface InferMixtureOptions {
  /** Use the first this many merges (default 30,000 or all the list has, whichever is less). */
  readonly merges?: number;
  /**
   * Skip the first this many merges (default 0): they are applied to the samples but constrain
   * nothing, and `merges` counts from there. For a vocabulary that extends another, as the paper
   * reads Llama 3's merges after cl100k_base's: `{ skipMerges: 100_000 }`.
   */
  readonly skipMerges?: number;
  /** Use at most this many bytes of each category's text (default: all of it). */
  readonly sampleBytes?: number;
  /** The LP solver (default: HiGHS, see {@link highsSolver}). */
  readonly solver?: LpSolver;
  /** How constraints are generated (see {@link LazyLpOptions}). */
  readonly lp?: Omit<LazyLpOptions, "merges">;
  /** See `ExtractMergesOptions.dropWhitespaceRuns`. */
  readonly dropWhitespaceRuns?: boolean;
  /** Called with the stage and, where known, how far it is (`done` of `total`). */
  readonly onProgress?: (stage: MixtureStage, done: number, total: number) => void;
}

/** One category as the inference saw it. */
export interface MixtureCategoryInfo {
  readonly name: string;
  /** UTF-8 bytes of the sample used. */
  readonly bytes: number;
  /** Adjacent-symbol pairs in the sample before the first merge used. */
  readonly pairs: number;
}

/** Result of {@link inferMixture}. */
export interface MixtureEstimate {
  /** Estimated share of each category in the training data, in bytes; they sum to 1. */
  readonly weights: Readonly<Record<string, number>>;
  /** The same mixture in the program's pair units (before the conversion to bytes). */
  readonly pairWeights: Readonly<Record<string, number>>;
  readonly mergesUsed: number;
  /** Merges skipped before the first one used (see {@link InferMixtureOptions.skipMerges}). */
  readonly mergesSkipped: number;
  /** Merges whose pair no sample contains at their step (they constrain nothing). */
  readonly unseenMerges: number;
  readonly rounds: number;
  readonly constraints: number;
  /** Total slack at the optimum, in pairs per million: 0 when the samples explain every merge.
   * When `lp.gap` or `lp.timeLimit` stopped the program early, the slack of the solution
   * returned (see `objectiveLowerBound`). */
  readonly objective: number;
  /** A lower bound on the optimum's slack: `objective` itself unless the loop stopped early. */
  readonly objectiveLowerBound: number;
  /** What ended the program: `optimal`, or `gap` / `time limit` (`lp.gap`, `lp.timeLimit`). */
  readonly status: "optimal" | "gap" | "time limit";
  readonly categories: readonly MixtureCategoryInfo[];
  /** The merge list: where it came from, its length and what cleaning removed. */
  readonly mergeList: {
    readonly source: "merges" | "ranks";
    readonly length: number;
    readonly removed: MergeListRemovals;
  };
}

/** The default number of merges, as the paper's experiments. */
export const DEFAULT_MERGES = 30_000;

/**
 * From pair units to byte proportions: category `i` with weight α_i over its pair total stands
 * for α_i · bytes_i / pairs_i of the training bytes, normalised.
 *
 * @example
 * ```ts
 * byteWeights(Float64Array.of(0.5, 0.5), Float64Array.of(100, 100), Float64Array.of(50, 25)); // [1/3, 2/3]
 * ```
 */
export function byteWeights(
  pairWeights: ArrayLike<number>,
  bytes: ArrayLike<number>,
  pairs: ArrayLike<number>,
): number[] {
  const raw = Array.from(pairWeights, (a, i) => (a * bytes[i]) / pairs[i]);
  const sum = raw.reduce((s, x) => s + x, 0);
  return raw.map((x) => (sum > 0 ? x / sum : 1 / raw.length));
}

function checkCategories(categories: readonly MixtureCategory[]): void {
  if (categories.length < 2) {
    throw new MixtureError(`mixture inference needs at least two categories, got ${categories.length}`);
  }
  const seen = new Set<string>();
  for (const c of categories) {
    if (c.name === "") throw new MixtureError("a category has an empty name");
    if (seen.has(c.name)) throw new MixtureError(`category ${JSON.stringify(c.name)} is given twice`);
    seen.add(c.name);
    if (c.text.length === 0) throw new MixtureError(`category ${JSON.stringify(c.name)} has no text`);
  }
}

function checkCount(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1)
    throw new MixtureError(`${name} must be a positive integer, got ${value}`);
}

/**
 * Infers the training mixture of a BPE tokenizer over the given categories: replays its first
 * merges on each category's text with its own pretokenizer and solves the LP of Hayase et al.
 * with lazily added constraints. Throws a {@link MixtureError} for bad inputs: fewer than two
 * categories, a repeated name, an empty text, a tokenizer without merges.
 *
 * @example
 * ```ts
 * const tok = await loadTokenizer("o200k_base");
 * const est = await inferMixture(tok, [
 *   { name: "en", text: english },
 *   { name: "code", text: python },
 * ], { merges: 3000, sampleBytes: 1e6 });
 * est.weights; // { en: 0.8…, code: 0.1… }
 * ```
 */
export async function inferMixture(
  tok: Tokenizer,
  categories: readonly MixtureCategory[],
  options: InferMixtureOptions = {},
): Promise<MixtureEstimate> {
  checkCategories(categories);
  checkCount("merges", options.merges);
  checkCount("sampleBytes", options.sampleBytes);
  const skip = options.skipMerges ?? 0;
  if (!Number.isInteger(skip) || skip < 0)
    throw new MixtureError(`skipMerges must be a whole number, got ${skip}`);
  const progress = options.onProgress;
  progress?.("merges", 0, 1);
  const list = extractMerges(tok, { dropWhitespaceRuns: options.dropWhitespaceRuns });
  const solver = options.solver ?? (await highsSolver());
  const samples: CategorySample[] = [];
  categories.forEach((c, i) => {
    progress?.("count", i, categories.length);
    samples.push(categorySample(tok, c.name, c.text, options.sampleBytes));
  });
  progress?.("count", categories.length, categories.length);
  if (skip >= list.length) {
    throw new MixtureError(`${tok.name}: cannot skip ${skip} merges, the list has ${list.length}`);
  }
  const merges = Math.min(options.merges ?? DEFAULT_MERGES, list.length - skip);
  return inferFromSamples(list, samples, solver, { ...options, merges });
}

/**
 * {@link inferMixture} from a merge list and counted samples (what the experiments call, to
 * reuse one replay for several settings).
 */
export function inferFromSamples(
  list: MergeList,
  samples: readonly CategorySample[],
  solver: LpSolver,
  options: Pick<InferMixtureOptions, "merges" | "skipMerges" | "lp" | "onProgress"> = {},
): MixtureEstimate {
  const transcript = replayMerges(list, samples, {
    merges: options.merges,
    skip: options.skipMerges,
    onProgress: (done, total) => options.onProgress?.("replay", done, total),
  });
  return estimateFromTranscript(list, transcript, solver, options);
}

/** Solves the program of a replayed transcript and converts the result to byte proportions. */
export function estimateFromTranscript(
  list: MergeList,
  transcript: MergeTranscript,
  solver: LpSolver,
  options: Pick<InferMixtureOptions, "merges" | "lp" | "onProgress"> = {},
): MixtureEstimate {
  const lp = solveLazyLp(transcript, solver, {
    ...options.lp,
    merges: options.merges,
    onRound: (r) => {
      options.onProgress?.("solve", r.round, 0);
      options.lp?.onRound?.(r);
    },
  });
  const names = transcript.categories;
  const bytes = byteWeights(lp.pairWeights, transcript.bytes, transcript.pairTotals);
  return {
    weights: Object.fromEntries(names.map((name, i) => [name, bytes[i]])),
    pairWeights: Object.fromEntries(names.map((name, i) => [name, lp.pairWeights[i]])),
    mergesUsed: lp.merges,
    mergesSkipped: transcript.skipped,
    unseenMerges: lp.unseenMerges,
    rounds: lp.rounds,
    constraints: lp.constraints,
    objective: lp.objective,
    objectiveLowerBound: lp.lowerBound,
    status: lp.status,
    categories: names.map((name, i) => ({
      name,
      bytes: transcript.bytes[i],
      pairs: transcript.pairTotals[i],
    })),
    mergeList: { source: list.source, length: list.length, removed: list.removed },
  };
}
