export { byteLevelCodePoint, byteLevelOrder, chooseCharAlphabet } from "./alphabet.js";
export { BpeRun, type BpeTrainOptions, type Layout, trainBpe } from "./bpe-trainer.js";
export {
  MergeState,
  type MergeStateOptions,
  type MergeVeto,
  type PairObserver,
  type WordList,
} from "./merge-state.js";
export { TokenTable } from "./token-table.js";
export * from "./types.js";
export { combineVetoes, maxLengthVeto } from "./veto.js";
export { buildWords } from "./words.js";
