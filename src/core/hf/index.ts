/**
 * The Hugging Face tokenizer pipeline: added tokens, truncation, padding and
 * {@link HfTokenizer}, which runs a whole tokenizer.json exactly as the Rust library does.
 */
export { type AddedToken, AddedVocabulary, addedToken } from "./added-tokens.js";
export { type PaddingParams, padEncoding, padTarget } from "./padding.js";
export { forEachSplit, type SplitSink } from "./splits.js";
export { LeftmostLongestMatcher } from "./token-matcher.js";
export {
  type HfDecodeOptions,
  type HfEncodeOptions,
  HfTokenizer,
  type HfTokenizerParts,
} from "./tokenizer.js";
export {
  type TruncationDirection,
  type TruncationParams,
  type TruncationStrategy,
  truncateEncoding,
  truncateEncodings,
} from "./truncation.js";
