/**
 * `toklab/hf`: the components of a Hugging Face tokenizer pipeline, named as tokenizer.json names
 * them, for building or inspecting a pipeline in code. `loadTokenizerJson` (in `toklab`) builds
 * one from a file; {@link HfTokenizer} runs it.
 *
 * @example
 * ```ts
 * import { HfTokenizer } from "toklab";
 * import { addedToken, BertPreTokenizer, Lowercase, WordPiece } from "toklab/hf";
 * const tok = new HfTokenizer({
 *   normalizer: new Lowercase(),
 *   preTokenizer: new BertPreTokenizer(),
 *   model: new WordPiece(new Map([["[UNK]", 0], ["hello", 1]])),
 *   addedTokens: [addedToken("[CLS]", { special: true })],
 * });
 * tok.encode("Hello"); // [1]
 * ```
 */

export { type AddedToken, AddedVocabulary, addedToken } from "./core/hf/added-tokens.js";
export { type ByteScheme, byteSchemeOf } from "./core/hf/byte-scheme.js";
export { type PaddingParams, padEncoding } from "./core/hf/padding.js";
export { HfTokenizer, type HfTokenizerParts } from "./core/hf/tokenizer.js";
export {
  type TruncationDirection,
  type TruncationParams,
  type TruncationStrategy,
  truncateEncoding,
  truncateEncodings,
} from "./core/hf/truncation.js";
export { BpeDecoder } from "./core/hf-decode/bpe.js";
export { ByteFallbackDecoder } from "./core/hf-decode/byte-fallback.js";
export { ByteLevelDecoder } from "./core/hf-decode/byte-level.js";
export { CtcDecoder } from "./core/hf-decode/ctc.js";
export { FuseDecoder } from "./core/hf-decode/fuse.js";
export { MetaspaceDecoder } from "./core/hf-decode/metaspace.js";
export { ReplaceDecoder, type ReplaceDecoderPattern } from "./core/hf-decode/replace.js";
export { DecoderSequence } from "./core/hf-decode/sequence.js";
export { StripDecoder } from "./core/hf-decode/strip.js";
export type { Decoder } from "./core/hf-decode/types.js";
export { WordPieceDecoder } from "./core/hf-decode/wordpiece.js";
export { BertProcessing } from "./core/hf-postprocess/bert.js";
export { ByteLevelProcessing } from "./core/hf-postprocess/byte-level.js";
export { RobertaProcessing } from "./core/hf-postprocess/roberta.js";
export { PostProcessorSequence } from "./core/hf-postprocess/sequence.js";
export {
  type TemplatePiece,
  TemplateProcessing,
  type TemplateSpecialToken,
} from "./core/hf-postprocess/template.js";
export type { HfEncoding, PostProcessor } from "./core/hf-postprocess/types.js";
export type { SplitDelimiterBehavior } from "./core/hf-pretokenize/behavior.js";
export { ByteLevel, type ByteLevelOptions } from "./core/hf-pretokenize/byte-level.js";
export {
  BertPreTokenizer,
  CharDelimiterSplit,
  Digits,
  Punctuation,
  Whitespace,
  WhitespaceSplit,
} from "./core/hf-pretokenize/char-splits.js";
export { FixedLength } from "./core/hf-pretokenize/fixed-length.js";
export { preTokenize } from "./core/hf-pretokenize/index.js";
export { Metaspace, type MetaspaceOptions, type PrependScheme } from "./core/hf-pretokenize/metaspace.js";
export type { PreTokenizedPiece } from "./core/hf-pretokenize/pretokenized.js";
export { PreTokenizerSequence } from "./core/hf-pretokenize/sequence.js";
export { Split, type SplitPatternSpec } from "./core/hf-pretokenize/split.js";
export type { HfPreTokenizer } from "./core/hf-pretokenize/types.js";
export { UnicodeScripts } from "./core/hf-pretokenize/unicode-scripts.js";
export { BPE, type BpeOptions } from "./core/models/bpe.js";
export { BpeMergeError, type MergeInput } from "./core/models/bpe-merge-list.js";
export { LlamaSpm, type LlamaSpmOptions } from "./core/models/llama-spm.js";
export type { ModelToken, WordModel } from "./core/models/types.js";
export { Unigram, type UnigramOptions } from "./core/models/unigram.js";
export { TokenVocab, type VocabInput } from "./core/models/vocab.js";
export { WordLevel, type WordLevelOptions } from "./core/models/wordlevel.js";
export { WordPiece, type WordPieceOptions } from "./core/models/wordpiece.js";
export { BertNormalizer, type BertNormalizerOptions } from "./core/normalize/bert.js";
export { ByteLevelNormalizer } from "./core/normalize/byte-level.js";
export { Precompiled } from "./core/normalize/precompiled.js";
export { Replace, type ReplacePattern } from "./core/normalize/replace.js";
export { Lowercase, Nmt, NormalizerSequence, Prepend, Strip, StripAccents } from "./core/normalize/simple.js";
export { type Normalizer, normalizeText } from "./core/normalize/types.js";
export { NFC, NFD, NFKC, NFKD } from "./core/normalize/unicode.js";
export { OnigPatternError } from "./core/oniguruma/index.js";
