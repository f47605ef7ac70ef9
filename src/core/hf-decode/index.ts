/**
 * Hugging Face decoders (token strings → text), exact against the Rust library, plus
 * {@link decodeTokens}, HF's `Tokenizer::decode` over any vocabulary.
 */
export { BpeDecoder } from "./bpe.js";
export { ByteFallbackDecoder, byteOfToken } from "./byte-fallback.js";
export { ByteLevelDecoder } from "./byte-level.js";
export { CtcDecoder } from "./ctc.js";
export { type DecodeVocabulary, decodeTokens } from "./decode.js";
export { FuseDecoder } from "./fuse.js";
export { MetaspaceDecoder, type PrependScheme } from "./metaspace.js";
export { ReplaceDecoder, type ReplaceDecoderPattern } from "./replace.js";
export { DecoderSequence } from "./sequence.js";
export { StripDecoder } from "./strip.js";
export { cleanup, replaceLiteral } from "./text.js";
export { type Decoder, decodeWith } from "./types.js";
export { WordPieceDecoder } from "./wordpiece.js";
