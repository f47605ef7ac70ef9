/**
 * `toklab/mixture`: data-mixture inference from a BPE tokenizer's merge list (Hayase, Liu, Choi,
 * Oh and Smith, NeurIPS 2024): which share of each category (languages, programming languages,
 * domains) the tokenizer's training data had, read from the order of its merges. Browser-safe;
 * the LP solver (HiGHS, the optional package `highs`) is loaded on first use.
 *
 * @example
 * ```ts
 * import { loadTokenizer } from "toklab/node";
 * import { inferMixture } from "toklab/mixture";
 * const est = await inferMixture(await loadTokenizer("cl100k_base"), [
 *   { name: "en", text: english },
 *   { name: "de", text: german },
 *   { name: "python", text: python },
 * ], { merges: 30000, sampleBytes: 1e7 });
 * est.weights; // { en: …, de: …, python: … }, summing to 1
 * ```
 */
export {
  type CleanedMerges,
  type CleanMergesOptions,
  cleanMerges,
  isWhitespaceRun,
  type RawMerges,
} from "./clean.js";
export { MixtureError } from "./errors.js";
export { highsSolver } from "./highs.js";
export { highsDualSolver } from "./highs-dual.js";
export type { HighsOptions } from "./highs-runtime.js";
export {
  byteWeights,
  DEFAULT_MERGES,
  estimateFromTranscript,
  type InferMixtureOptions,
  inferFromSamples,
  inferMixture,
  type MixtureCategory,
  type MixtureCategoryInfo,
  type MixtureEstimate,
  type MixtureStage,
} from "./infer.js";
export { type LazyLpOptions, type LazyLpResult, type LazyLpRound, solveLazyLp } from "./lazy-lp.js";
export {
  type ExtractMergesOptions,
  extractMerges,
  type MergeList,
  type MergeListRemovals,
} from "./merge-list.js";
export { buildCategoryWords, type MergeTranscript, type ReplayOptions, replayMerges } from "./replay.js";
export { type CategorySample, categorySample, countPieces, samplePrefix } from "./sample.js";
export { checkMixture, mixtureMse, randomMixture } from "./score.js";
export type { LpModel, LpRows, LpSolution, LpSolver } from "./solver.js";
