/**
 * Hugging Face pre-tokenizers with alignment tracking: `PreTokenizedString` and every component
 * tokenizer.json can name, exact against the Rust library.
 */

export { QWEN2_PATTERN } from "../pretokenize/patterns.js";
export { nextQwen2Piece } from "../pretokenize/qwen2.js";
export { applyBehavior, SPLIT_BEHAVIORS, type SplitDelimiterBehavior } from "./behavior.js";
export { ByteLevel, type ByteLevelOptions, byteLevelRewrite } from "./byte-level.js";
export {
  BertPreTokenizer,
  CharDelimiterSplit,
  Digits,
  Punctuation,
  Whitespace,
  WhitespaceSplit,
} from "./char-splits.js";
export { isHfPunctuation, isRustNumeric } from "./chars.js";
export { Metaspace, type MetaspaceOptions, type PrependScheme } from "./metaspace.js";
export { charPattern, findMatches, type SplitPattern, scannerPattern } from "./patterns.js";
export { type PreTokenizedPiece, PreTokenizedString, type RangeSink, type SplitFn } from "./pretokenized.js";
export { scannerForSplitPattern } from "./scanners.js";
export { PreTokenizerSequence } from "./sequence.js";
export { regexPattern, Split, type SplitPatternSpec } from "./split.js";
export { splitByPattern, splitByScanner } from "./split-by.js";
export type { HfPreTokenizer } from "./types.js";
export { hfScriptOf, UnicodeScripts } from "./unicode-scripts.js";

import type { NormalizedString } from "../normalize/normalized.js";
import { type PreTokenizedPiece, PreTokenizedString } from "./pretokenized.js";
import type { HfPreTokenizer } from "./types.js";

/**
 * Runs `preTokenizer` over `input` and returns the pieces with offsets in UTF-16 units of the
 * original (the binding's `preTokenizeString`, which counts code points instead).
 *
 * @example
 * preTokenize(new WhitespaceSplit(), "Hi  there"); // [{ text: "Hi", start: 0, end: 2 }, { text: "there", start: 4, end: 9 }]
 */
export function preTokenize(
  preTokenizer: HfPreTokenizer,
  input: string | NormalizedString,
): PreTokenizedPiece[] {
  const pts = new PreTokenizedString(input);
  preTokenizer.preTokenize(pts);
  return pts.pieces();
}
