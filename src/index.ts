/**
 * toklab: run any tokenizer exactly and fast. This entry is the runtime: the {@link Tokenizer}
 * interface every format implements, the built-in OpenAI encodings, and the parsers of
 * tokenizer files. Browser-safe and without dependencies; reading files from disk is
 * `loadTokenizer` in `toklab/node`.
 *
 * The other entries: `toklab/hf` (the Hugging Face pipeline components), `toklab/chat` (chat
 * templates and chat token counts), `toklab/train`, `toklab/eval`, `toklab/analyze`,
 * `toklab/report` and `toklab/node`.
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * const enc = await getEncoding("o200k_base");
 * enc.encode("hello world"); // [24912, 2375]
 * ```
 */

export { StreamingDecoder } from "./core/decoder.js";
export { type CountOptions, Encoding } from "./core/encoding.js";
export { type HfDecodeOptions, type HfEncodeOptions, HfTokenizer } from "./core/hf/tokenizer.js";
export type { HfEncoding } from "./core/hf-postprocess/types.js";
export {
  findPretokenizerPreset,
  PRETOKENIZER_PRESET_NAMES,
  PRETOKENIZER_PRESETS,
  type PretokenizerPreset,
  type PretokenizerPresetAlias,
  type PretokenizerPresetName,
  pretokenizerPreset,
} from "./core/pretokenize/presets.js";
export { UnsafeRegexError } from "./core/regex/index.js";
export { SEGMENTER_NAMES, type SegmenterName } from "./core/segment/types.js";
export {
  ALL_SPECIAL,
  type ByteSchemeKind,
  type ChatFormat,
  type EncodedPrefix,
  type EncodeOptions,
  ORDINARY,
  type SegmenterSpec,
  type SpecialTokenOptions,
  type TokenDecoder,
  type TokenForm,
  type TokenInfo,
  type Tokenizer,
  type TokenizerDescription,
  type TokenSpans,
} from "./core/tokenizer.js";
export type { EncodingSpec, RankTable } from "./core/types.js";
export {
  type BuiltinEncodingInfo,
  builtinEncodingInfo,
  ENCODING_NAMES,
  encodingForModel,
  encodingNameForModel,
  findEncodingNameForModel,
  getEncoding,
  getEncodingSpec,
  isEncodingName,
  listEncodings,
  MODEL_NAMES,
  modelsOfEncoding,
  UnknownEncodingError,
  UnknownModelError,
} from "./encodings/index.js";
export {
  GgufFormatError,
  GgufTokenizer,
  type GgufTokenizerInfo,
  type ParseGgufOptions,
  parseGgufTokenizer,
  readGgufMetadata,
} from "./formats/gguf/index.js";
export { HfJsonError } from "./formats/hf/errors.js";
export { loadTokenizerJson, saveTokenizerJson } from "./formats/hf/tokenizer-json.js";
export {
  builtinTokenizer,
  type ParseTokenizerOptions,
  parseTokenizer,
  type TiktokenCompletion,
  type TokenizerFileFormat,
  TokenizerSpecError,
} from "./formats/load.js";
export {
  type ModelProto,
  parseModelProto,
  parseSentencePieceModel,
  SentencePieceModelError,
  sentencePieceToTokenizerJson,
} from "./formats/sentencepiece/index.js";
export {
  MAX_TIKTOKEN_RANK,
  type ParseTiktokenOptions,
  parseTiktoken,
  serializeTiktoken,
  TiktokenFormatError,
} from "./formats/tiktoken.js";
export { parseVocabMerges, type VocabMergesOptions } from "./formats/vocab-merges.js";
