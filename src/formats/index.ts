/** Tokenizer file formats (browser-safe parsers and writers). */
export {
  MAX_TIKTOKEN_RANK,
  type ParseTiktokenOptions,
  parseTiktoken,
  serializeTiktoken,
  TiktokenFormatError,
} from "./tiktoken.js";
