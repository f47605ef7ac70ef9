/** Measurement: metrics of tokenizers on corpora, and parity across languages. */
export * from "./corpus.js";
export * from "./counts.js";
export * from "./domain.js";
export * from "./evaluate-corpus.js";
export { byteFallbackIds } from "./fallback.js";
export * from "./metrics.js";
export * from "./parity.js";
export * from "./renyi.js";
export { tokenSpans } from "./spans.js";
export { gini, type Spread, spread } from "./spread.js";
export { CountTally } from "./tally.js";
export { codePointLength, utf8Length } from "./text.js";
export { type WordSpan, wordBounds, wordSpans } from "./words.js";
