/**
 * `toklab/lm`: byte-level probabilities from tokenized language models (Phan et al. 2024, cover
 * encodings): the exact probability that a text starts with given bytes, next-byte
 * distributions and byte-by-byte sampling with no tokenization bias, for any model over any
 * {@link Tokenizer} toklab runs; token healing; ensembles of models over different vocabularies;
 * an interpolated Kneser-Ney n-gram model, an exact Markov-chain oracle and adapters for
 * OpenAI-compatible and llama.cpp servers as token models. Browser-safe. Design:
 * docs/decisions/0033-byte-level-lm.md.
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * import { createByteLevelLM, markovOracleLM } from "toklab/lm";
 * const tok = await getEncoding("r50k_base");
 * const chain = { symbols: ["a", " "], initial: [0.5, 0.5], transition: [[0.7, 0.3], [0.9, 0.1]] };
 * const bl = createByteLevelLM(tok, markovOracleLM(tok, chain, 6));
 * await bl.prefixLogProb(new TextEncoder().encode("a a")); // log(0.5 · 0.3 · 0.9)
 * ```
 */
export {
  type ByteLevelLM,
  type ByteLevelOptions,
  type ByteLevelStats,
  createByteLevelLM,
} from "./byte-level.js";
export { type EnsembleOptions, ensembleByteLM } from "./ensemble.js";
export { type HealedPrompt, type HealOptions, healPrompt } from "./heal.js";
export { type HttpLMOptions, type HttpTokenLM, httpTokenLM } from "./http.js";
export { logAdd, logSumExp, normalizeLog } from "./logmath.js";
export {
  chainTexts,
  type MarkovChain,
  type MarkovOracleOptions,
  markovOracleLM,
  markovPrefixLogProb,
} from "./markov-oracle.js";
export {
  type NgramData,
  type NgramHistory,
  type NgramLM,
  type NgramOptions,
  ngramLM,
  START,
  trainNgramLM,
} from "./ngram.js";
export { type LoadedNgram, loadNgramLM, saveNgramLM } from "./ngram-format.js";
export { drawByte, type ExactDraw, sampleBytes } from "./sample.js";
export { type ByteLM, LmError, type SampleOptions, type TokenLM } from "./types.js";
