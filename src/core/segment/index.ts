/**
 * Alternative segmenters over one byte-level vocabulary: merge-rank BPE, BPE-dropout, LBPE
 * (longest token first), PathPiece (fewest tokens) and greedy longest prefix, with entries that
 * run them inside a tokenizer's own pipeline (`Tokenizer.withSegmenter`) (see docs/metrics.md, "Segmenters").
 */

export { ConcatMergeRule, type MergeRule } from "../merge-rule.js";
export { BytePairVocab, type BytePairVocabOptions } from "../vocab.js";
export { createSegmenter, DEFAULT_DROPOUT, isSegmenterName } from "./create.js";
export { GreedySegmenter } from "./greedy.js";
export { type HfSegmentVocabularyOptions, hfSegmentVocabulary, SegmentedModel } from "./hf.js";
export { LbpeSegmenter } from "./lbpe.js";
export { MergeSegmenter } from "./merge.js";
export { PathPieceSegmenter } from "./pathpiece.js";
export {
  byteLevelError,
  byteLevelVocabulary,
  SEGMENTER_NAMES,
  type Segmenter,
  type SegmenterName,
  type SegmenterOptions,
} from "./types.js";
