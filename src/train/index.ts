/**
 * `toklab/train`: training byte-level and character BPE (browser-safe; reading corpora from
 * files and counting in worker threads is `countCorpusPieces` in `toklab/node`), the research
 * variants as plug-ins of one trainer, and the writers of trained tokenizers.
 *
 * @example
 * ```ts
 * import { pieceSplitter, trainBpe } from "toklab/train";
 * const counts = new Map<string, number>();
 * for (const piece of pieceSplitter({ preset: "o200k", numbers: "none", specialTokens: [] })("low lower lowest"))
 *   counts.set(piece, (counts.get(piece) ?? 0) + 1);
 * const trained = trainBpe(counts, { vocabSize: 256 + 10 });
 * trained.merges.length; // 10
 * ```
 */
export {
  byteFallbackString,
  MANIFEST_FORMAT,
  TrainedBpeError,
  type TrainedLayout,
  type TrainedManifestInput,
  type TrainedTokenizerJsonOptions,
  type TrainedTokenKind,
  trainedLayout,
  trainedManifest,
  trainedMergesTxt,
  trainedSpecialTokens,
  trainedTiktoken,
  trainedTokenizerJson,
  trainedVocabJson,
} from "../formats/trained/index.js";
export { type UnigramModelOptions, unigramModelProto } from "../formats/trained/unigram-model.js";
export { bertPipelineJson, wordPieceTokenizerJson } from "../formats/trained/wordpiece-json.js";
export { BpeRun, type BpeTrainOptions, type Layout, trainBpe } from "./bpe-trainer.js";
export { type ExistingVocabulary, importVocabulary } from "./import.js";
export {
  KL3M_CHAR_SIZES,
  KL3M_SPECIAL_TOKENS,
  type Kl3mCharSize,
  kl3mCharCap,
  kl3mCharOptions,
  kl3mDomainOptions,
  kl3mReservedTokens,
} from "./kl3m.js";
export type { MergeVeto, PairObserver } from "./merge-state.js";
export { type ParityBpeOptions, type ParityMode, type ParityStep, trainParityBpe } from "./parity-bpe.js";
export { PieceCountList } from "./piece-count-list.js";
export {
  type PieceVisitor,
  type PieceWalker,
  pieceSplitter,
  pieceWalker,
  validatePieceConfig,
} from "./pieces.js";
export { type HfPreTokenizerJson, hfPreTokenizerFor, NUMBER_POLICY_PATTERNS } from "./pieces-hf.js";
export { characterIntegrityVeto } from "./script-veto.js";
export { type SuperBpeOptions, trainSuperBpe } from "./superbpe.js";
export { type SuperwordVetoOptions, superwordVeto } from "./superbpe-veto.js";
export * from "./types.js";
export { type SentenceOptions, SPACE_MARK, WordCounter } from "./unigram/sentences.js";
export {
  type TrainedUnigram,
  trainUnigram,
  type UnigramPiece,
  type UnigramProgress,
  type UnigramTrainOptions,
} from "./unigram/trainer.js";
export { combineVetoes, maxLengthVeto } from "./veto.js";
export { type TrainedWordPiece, trainWordPiece, type WordPieceTrainOptions } from "./wordpiece/trainer.js";
export { addWords } from "./wordpiece/words.js";
