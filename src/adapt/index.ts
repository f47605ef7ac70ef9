/**
 * `toklab/adapt`: freeing a model from its fixed tokenizer, on the tokenizer and embedding side. Dynamic
 * tokenization (Feher, Vulić and Minixhofer, ACL 2025: a batch's most frequent token pairs
 * merged on the fly, within words), LZW hypertokens (zip2zip, Geng et al. 2025: runs of ids
 * compressed into codes the decoder rebuilds) and multi-word tokens (Gee et al., EMNLP 2023:
 * frequent word n-grams added to a tokenizer.json), and embedding transplantation (copy, FVT,
 * OMP: `planTransplant`, src/adapt/transplant; the file side, safetensors and .npy, is
 * `transplantEmbeddingFile` in `toklab/node`). Browser-safe; takes any {@link Tokenizer}.
 * Measurements: docs/adapt.md, docs/transplant.md.
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * import { dynamicTokenize, lzwDecode, lzwEncode } from "toklab/adapt";
 * const tok = await getEncoding("o200k_base");
 * dynamicTokenize(tok, texts, { merges: 100 }).reduction; // % of the way to word level
 * const codes = lzwEncode(tok.encode(text), { vocabSize: tok.vocabSize, maxRun: 4, codebookSize: 1024 });
 * lzwDecode(codes, { vocabSize: tok.vocabSize, maxRun: 4, codebookSize: 1024 }); // tok.encode(text)
 * ```
 */

export * from "../formats/npy/index.js";
export * from "../formats/safetensors/index.js";
export { isMergeableBytes, isMergeableText, pieceBytes, pretokenCuts, pretokenTexts } from "./boundaries.js";
export {
  type BaseVocabulary,
  type DynamicBatch,
  type DynamicEncodeOptions,
  type DynamicMerge,
  type DynamicOptions,
  type DynamicResult,
  dynamicTokenize,
  expandMerged,
  type MergeBatchOptions,
  type MergedBatch,
  type MergeSequence,
  mergeBatch,
  mergedBytes,
  normalisedReduction,
  prepareSequence,
  wordLevelLength,
} from "./dynamic.js";
export { LzwDecoder, LzwEncoder, LzwError, type LzwOptions, lzwDecode, lzwEncode } from "./lzw.js";
export {
  addMultiwordTokens,
  chooseMultiwords,
  countWordNgrams,
  encodeMultiword,
  type NgramCount,
  type NgramOptions,
  topNgrams,
  wordRuns,
} from "./multiword.js";
export * from "./transplant/index.js";
