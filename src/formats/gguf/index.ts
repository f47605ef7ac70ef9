/** GGUF (llama.cpp's model format): the metadata reader and the tokenizer it carries. */

export { GgufFormatError, GgufTruncatedError } from "./errors.js";
export { GGUF_PRE_NAMES, type GgufPreTokenizer, ggufPreTokenizer } from "./pre-tokenizers.js";
export {
  type GgufArray,
  type GgufMetadata,
  type GgufScalar,
  type GgufValue,
  MAX_GGUF_KEYS,
  MAX_GGUF_STRING_BYTES,
  readGgufMetadata,
} from "./reader.js";
export {
  GgufTokenizer,
  type GgufTokenizerInfo,
  ggufTokenizerFromMetadata,
  type ParseGgufOptions,
  parseGgufTokenizer,
} from "./tokenizer.js";
