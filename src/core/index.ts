/**
 * toklab's runtime: byte-level BPE encodings (tiktoken-compatible), their pretokenizers,
 * vocabularies and decoders. No dependencies and no Node APIs: safe to bundle for browsers.
 */
export { BytePairMerger, HEAP_MERGE_THRESHOLD } from "./bpe.js";
export { StreamingDecoder, type TokenByteSource } from "./decoder.js";
export { type CountOptions, Encoding } from "./encoding.js";
export * from "./hf/index.js";
export type { HfEncoding } from "./hf-postprocess/index.js";
export * from "./pretokenize/index.js";
export { seededRandom } from "./random.js";
export * from "./segment/index.js";
export { SpecialTokenMatcher } from "./special.js";
export * from "./tokenizer.js";
export type { EncodingSpec, RankTable } from "./types.js";
export { encodeUtf8Into, isUtf8Boundary, maxUtf8Length, utf16LengthOfUtf8 } from "./utf8.js";
export { BytePairVocab, NO_RANK } from "./vocab.js";
