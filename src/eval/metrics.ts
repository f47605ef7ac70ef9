/**
 * Corpus metrics of one tokenizer, derived from {@link CorpusCounts}. Definitions and sources:
 * docs/metrics.md. Everything here is plain data, ready for a table, JSON or a chart.
 */

import { ORDINARY, type Tokenizer } from "../core/tokenizer.js";
import { type CorpusCounts, tallyText } from "./counts.js";
import { DEFAULT_RENYI_ALPHA, type RenyiOptions, renyiEfficiency, renyiEntropy } from "./renyi.js";
import { CountTally } from "./tally.js";

/** The metrics of a tokenizer on some texts. Ratios with an empty denominator are 0. */
export interface Metrics {
  texts: number;
  tokens: number;
  bytes: number;
  chars: number;
  words: number;
  bytesPerToken: number;
  charsPerToken: number;
  /** Tokens per word (tokens attributed to words / words). */
  fertility: number;
  /** Proportion of words split into two or more tokens. */
  continuedWords: number;
  renyiAlpha: number;
  renyiEntropy: number;
  renyiEfficiency: number;
  /** Distinct token ids seen. */
  types: number;
  /** `types` over the ordinary (non-special) vocabulary. */
  vocabUtilisation: number;
  /** Unknown tokens / tokens. */
  unknownRate: number;
  /** Characters lost to unknown tokens (or dropped) / characters. */
  unknownCharRate: number;
  /** Byte-fallback tokens / tokens. */
  byteFallbackRate: number;
  /** Texts that do not decode back to themselves. */
  roundTripFailures: number;
  /** Token length in bytes → occurrences (keys ascending). */
  tokenLengthBytes: Record<string, number>;
  /** Token length in characters → occurrences (keys ascending). */
  tokenLengthChars: Record<string, number>;
}

/** Options of {@link evaluate} and {@link metricsFromCounts}. */
export interface MetricsOptions {
  /** Rényi order and normalisation (default α = 2.5, observed types). */
  renyi?: RenyiOptions;
}

/**
 * Counts all `texts` (each encoded once, as a whole).
 *
 * @example
 * const c = countCorpus(tok, ["one text", "another"]);
 */
export function countCorpus(tok: Tokenizer, texts: Iterable<string>): CorpusCounts {
  const all = new CountTally();
  for (const text of texts) tallyText(tok, text, all);
  return all.toCounts();
}

/**
 * Every metric of `tok` on `texts` in one pass.
 *
 * @example
 * const m = evaluate(evalTokenizerFromEncoding(await getEncoding("o200k_base")), [SAMPLE_TEXT]);
 * m.bytesPerToken; // ≈ 3.9
 */
export function evaluate(tok: Tokenizer, texts: Iterable<string>, options: MetricsOptions = {}): Metrics {
  return metricsFromCounts(tok, countCorpus(tok, texts), options);
}

/**
 * The metrics of counts made with `tok`.
 *
 * @example
 * metricsFromCounts(tok, countText(tok, "hello world")).tokens; // 2 with cl100k_base
 */
export function metricsFromCounts(tok: Tokenizer, c: CorpusCounts, options: MetricsOptions = {}): Metrics {
  const alpha = options.renyi?.alpha ?? DEFAULT_RENYI_ALPHA;
  const counts = [...c.tokenCounts.values()];
  return {
    texts: c.texts,
    tokens: c.tokens,
    bytes: c.bytes,
    chars: c.chars,
    words: c.words,
    bytesPerToken: ratio(c.bytes, c.tokens),
    charsPerToken: ratio(c.chars, c.tokens),
    fertility: ratio(c.wordTokens, c.words),
    continuedWords: ratio(c.continuedWords, c.words),
    renyiAlpha: alpha,
    renyiEntropy: renyiEntropy(counts, alpha),
    renyiEfficiency: renyiEfficiency(counts, { alpha, vocabSize: options.renyi?.vocabSize }),
    types: c.tokenCounts.size,
    vocabUtilisation: ratio(c.tokenCounts.size, ordinaryVocabSize(tok)),
    unknownRate: ratio(c.unknownTokens, c.tokens),
    unknownCharRate: ratio(c.unknownChars, c.chars),
    byteFallbackRate: ratio(c.byteFallbackTokens, c.tokens),
    roundTripFailures: c.roundTripFailures,
    tokenLengthBytes: histogram(c.tokenBytes),
    tokenLengthChars: histogram(c.tokenChars),
  };
}

/** Bytes (UTF-8) per token. @example bytesPerToken(tok, ["hello world"]); // 5.5 with cl100k_base */
export function bytesPerToken(tok: Tokenizer, texts: Iterable<string>): number {
  const c = countCorpus(tok, texts);
  return ratio(c.bytes, c.tokens);
}

/** Characters (code points) per token. @example charsPerToken(tok, ["hello world"]); // 5.5 */
export function charsPerToken(tok: Tokenizer, texts: Iterable<string>): number {
  const c = countCorpus(tok, texts);
  return ratio(c.chars, c.tokens);
}

/** Tokens per word. @example fertility(tok, ["hello world"]); // 1 with cl100k_base */
export function fertility(tok: Tokenizer, texts: Iterable<string>): number {
  const c = countCorpus(tok, texts);
  return ratio(c.wordTokens, c.words);
}

/** Proportion of words split into ≥ 2 tokens. @example continuedWords(tok, ["hello world"]); // 0 */
export function continuedWords(tok: Tokenizer, texts: Iterable<string>): number {
  const c = countCorpus(tok, texts);
  return ratio(c.continuedWords, c.words);
}

/**
 * Normalized sequence length (Dagan et al. 2024): tokens of `tok` over tokens of `baseline` on
 * the same texts; below 1 means `tok` compresses better.
 *
 * @example
 * normalizedSequenceLength(o200k, cl100k, texts); // < 1 on multilingual text
 */
export function normalizedSequenceLength(
  tok: Tokenizer,
  baseline: Tokenizer,
  texts: Iterable<string>,
): number {
  const list = [...texts];
  let a = 0;
  let b = 0;
  for (const t of list) {
    a += tok.count(t, ORDINARY);
    b += baseline.count(t, ORDINARY);
  }
  return ratio(a, b);
}

/** Token-length distributions in bytes and characters. @example tokenLengths(tok, texts).bytes["4"] */
export function tokenLengths(
  tok: Tokenizer,
  texts: Iterable<string>,
): { bytes: Record<string, number>; chars: Record<string, number> } {
  const c = countCorpus(tok, texts);
  return { bytes: histogram(c.tokenBytes), chars: histogram(c.tokenChars) };
}

const ordinaryCache = new WeakMap<Tokenizer, number>();

/**
 * The number of tokens that are not special (ids with no token not counted); memoised, as it
 * walks every id once.
 */
export function ordinaryVocabSize(tok: Tokenizer): number {
  let n = ordinaryCache.get(tok);
  if (n === undefined) {
    n = 0;
    for (let id = 0; id < tok.vocabSize; id++) if (!tok.isSpecial(id) && tok.token(id) !== undefined) n++;
    ordinaryCache.set(tok, n);
  }
  return n;
}

/** `a / b`, or 0 when `b` is 0 (an empty corpus has no rates). */
export function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function histogram(m: Map<number, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...m.keys()].sort((x, y) => x - y)) out[String(k)] = m.get(k) as number;
  return out;
}
