import { filePatternPretokenizer } from "./file-pattern.js";
import { presetForTiktokenPattern } from "./presets.js";
import type { Pretokenizer } from "./types.js";

export { cl100kPretokenizer, nextCl100kPiece } from "./cl100k.js";
export { filePatternPretokenizer } from "./file-pattern.js";
export { gpt2Pretokenizer, nextGpt2Piece } from "./gpt2.js";
export { nextO200kPiece, o200kPretokenizer } from "./o200k.js";
export { CL100K_PATTERN, GPT2_PATTERN, O200K_PATTERN, QWEN2_PATTERN } from "./patterns.js";
export {
  findPretokenizerPreset,
  PRETOKENIZER_PRESET_NAMES,
  PRETOKENIZER_PRESETS,
  type PreTokenizerJson,
  type PretokenizerPreset,
  type PretokenizerPresetAlias,
  type PretokenizerPresetName,
  presetForTiktokenPattern,
  presetScannerForSplitPattern,
  pretokenizerPreset,
  pretokenizerPresetChoices,
} from "./presets.js";
export { nextQwen2Piece, qwen2Pretokenizer } from "./qwen2.js";
export { regexPretokenizer, translateTiktokenPattern } from "./regex.js";
export { nextScriptPiece } from "./script.js";
export { nextSuperwordPiece } from "./superword.js";
export type { PieceScanner, Pretokenizer } from "./types.js";
export { splitPieces } from "./types.js";

/**
 * The pretokenizer for a tiktoken-style pattern: the scanner of the preset whose tiktoken
 * pattern is exactly this one (see `PRETOKENIZER_PRESETS`), otherwise the pattern on an engine
 * that stays linear in the text (see {@link filePatternPretokenizer}; it throws
 * `UnsafeRegexError` for a pattern no engine runs so).
 */
export function pretokenizerForPattern(pattern: string, name = "custom"): Pretokenizer {
  return presetForTiktokenPattern(pattern) ?? filePatternPretokenizer(name, pattern);
}
