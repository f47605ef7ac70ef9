/** SentencePiece `.model` files: the reader, the tokenizer, the tokenizer.json converter. */

export { SentencePieceModelError } from "./errors.js";
export {
  MAX_SENTENCEPIECE_PIECES,
  type ModelProto,
  type NormalizerSpec,
  type PieceType,
  parseModelProto,
  type SentencePiece,
  type SentencePieceModelType,
  type TrainerSpec,
} from "./model-proto.js";
export { serializeModelProto, type TrainerSpecExtras } from "./model-writer.js";
export { parseSentencePieceModel, type SentencePieceOptions, sentencePieceTokenizer } from "./tokenizer.js";
export { sentencePieceToTokenizerJson } from "./tokenizer-json.js";
