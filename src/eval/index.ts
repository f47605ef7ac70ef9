/**
 * `toklab/eval`: metrics of any {@link Tokenizer} on corpora (bytes and characters per token,
 * fertility, continued words, Rényi efficiency, unknown and byte-fallback rates), parity across
 * languages and domain efficiency, as plain data. Browser-safe. Definitions: docs/metrics.md.
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * import { evaluate } from "toklab/eval";
 * evaluate(await getEncoding("o200k_base"), ["Tokenizers split words."]).bytesPerToken;
 * ```
 */
export { type CorpusDoc, CorpusError, corpusCategories, parseCorpus, parseJsonlCorpus } from "./corpus.js";
export { type CorpusCounts, countText, countUnknownChars, emptyCounts, mergeCounts } from "./counts.js";
export {
  type DomainCounts,
  type DomainInputs,
  type DomainOptions,
  type DomainReport,
  type DomainRow,
  domainEfficiency,
  parseTermList,
  percentFewerTokens,
  type TermCounts,
} from "./domain.js";
export {
  type CorpusEvaluation,
  corpusBytes,
  type EvaluateCorporaOptions,
  type EvaluateCorpusOptions,
  evaluateCorpora,
  evaluateCorpus,
} from "./evaluate-corpus.js";
export { byteFallbackIds } from "./fallback.js";
export {
  bytesPerToken,
  charsPerToken,
  continuedWords,
  countCorpus,
  evaluate,
  fertility,
  type Metrics,
  type MetricsOptions,
  metricsFromCounts,
  normalizedSequenceLength,
  ordinaryVocabSize,
  tokenLengths,
} from "./metrics.js";
export {
  DEFAULT_MAX_UNKNOWN,
  type ParityOptions,
  type ParityResult,
  type ParitySummary,
  parity,
  paritySummary,
} from "./parity.js";
export { DEFAULT_RENYI_ALPHA, type RenyiOptions, renyiEfficiency, renyiEntropy } from "./renyi.js";
export { gini, type Spread, spread } from "./spread.js";
export { codePointLength, utf8Length } from "./text.js";
export { type WordSpan, wordBounds, wordSpans } from "./words.js";
