/** Writers of trained tokenizers: tokenizer.json, tiktoken ranks, vocab.json + merges.txt, manifest. */

export {
  byteFallbackString,
  TrainedBpeError,
  type TrainedLayout,
  type TrainedTokenKind,
  trainedLayout,
} from "./layout.js";
export {
  MANIFEST_FORMAT,
  MANIFEST_FORMAT_VERSION,
  type TrainedFileRecord,
  type TrainedManifestInput,
  trainedManifest,
} from "./manifest.js";
export {
  byteLevelSteps,
  checkPreTokenizerForBase,
  type PreTokenizerJson,
  withoutByteLevel,
} from "./pre-tokenizer.js";
export { trainedSpecialTokens, trainedTiktoken } from "./tiktoken-ranks.js";
export {
  mergePairs,
  modelVocab,
  type TrainedTokenizerJsonOptions,
  trainedTokenizerJson,
} from "./tokenizer-json.js";
export { MERGES_HEADER, trainedMergesTxt, trainedVocabJson } from "./vocab-merges.js";
