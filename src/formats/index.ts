/** Tokenizer file formats (browser-safe parsers and writers). */

export * from "./gguf/index.js";
export { HfJsonError } from "./hf/errors.js";
export { loadTokenizerJson, saveTokenizerJson } from "./hf/tokenizer-json.js";
export * from "./sentencepiece/index.js";
export {
  MAX_TIKTOKEN_RANK,
  type ParseTiktokenOptions,
  parseTiktoken,
  serializeTiktoken,
  TiktokenFormatError,
} from "./tiktoken.js";
export * from "./trained/index.js";
