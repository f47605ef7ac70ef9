export { byteLevelCodePoint, byteLevelOrder, chooseCharAlphabet } from "./alphabet.js";
export { BpeRun, type BpeTrainOptions, type Layout, trainBpe } from "./bpe-trainer.js";
export { LanguageStates } from "./language-states.js";
export {
  MergeState,
  type MergeStateOptions,
  type MergeVeto,
  type PairObserver,
  type WordList,
} from "./merge-state.js";
export {
  type ParityBpeOptions,
  type ParityMode,
  type ParityStep,
  trainParityBpe,
} from "./parity-bpe.js";
export { MovingWindow, worstByRatio, worstByTokens } from "./parity-choice.js";
export { addPartToMap, MAX_MAP_ENTRIES, PieceTable, type PieceTablePart } from "./piece-table.js";
export {
  type PieceVisitor,
  type PieceWalker,
  pieceSplitter,
  pieceWalker,
  presetScanner,
  validatePieceConfig,
} from "./pieces.js";
export { type HfPreTokenizerJson, hfPreTokenizerFor, NUMBER_POLICY_PATTERNS } from "./pieces-hf.js";
export { className, scriptClassAt, scriptClassOf } from "./script-classes.js";
export {
  continuesPiece,
  nextScriptPiece,
  SCRIPTS_USING_SPACES,
  scriptPieces,
  takesLeadingSpace,
} from "./script-pieces.js";
export { characterIntegrityVeto, isPartialCharacter, mergeKeepsCharacters } from "./script-veto.js";
export { type SuperBpeOptions, superwordPieceConfig, trainSuperBpe } from "./superbpe.js";
export { hasColonSpace, type SuperwordVetoOptions, superwordVeto, wordCount } from "./superbpe-veto.js";
export {
  hfSuperwordPreTokenizer,
  nextSuperwordPiece,
  SUPERBPE_DIGIT_GROUP_REGEX,
  SUPERWORD_DIGIT_GROUP_REGEX,
  superwordPieces,
  superwordSplitSteps,
} from "./superword-pieces.js";
export { TokenTable } from "./token-table.js";
export * from "./types.js";
export { combineVetoes, maxLengthVeto } from "./veto.js";
export { buildWords } from "./words.js";
