/**
 * Normalizers with alignment tracking: Hugging Face's `NormalizedString` and every normalizer
 * tokenizer.json can name, exact against the Rust library.
 */
export { BertNormalizer, type BertNormalizerOptions } from "./bert.js";
export { ByteLevelNormalizer } from "./byte-level.js";
export { ChangeStream } from "./changes.js";
export { Charsmap } from "./charsmap.js";
export { NormalizedString } from "./normalized.js";
export { Precompiled } from "./precompiled.js";
export { Replace, type ReplacePattern } from "./replace.js";
export { Lowercase, Nmt, NormalizerSequence, Prepend, Strip, StripAccents } from "./simple.js";
export { type Normalizer, normalizeText } from "./types.js";
export { NFC, NFD, NFKC, NFKD } from "./unicode.js";
export type { NormalForm } from "./unicode-forms.js";
