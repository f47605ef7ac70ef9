import { presetScannerForSplitPattern } from "../pretokenize/presets.js";
import type { PieceScanner } from "../pretokenize/types.js";

/**
 * The hand-written scanner for an Oniguruma Split pattern, or `undefined` when there is none:
 * the scanner of the pretokenizer preset whose `splitPattern` is exactly this string
 * (`PRETOKENIZER_PRESETS` in src/core/pretokenize/presets.ts). Llama 3 ships cl100k's pattern
 * verbatim; Qwen2/3 ship cl100k's with `\p{N}` for `\p{N}{1,3}`; GPT-2 byte-level files and
 * ByteLevel's own `use_regex` use GPT-2's. Each is pinned against the binding in
 * test/core/hf-pretokenize.
 *
 * @example
 * scannerForSplitPattern(QWEN2_PATTERN) === nextQwen2Piece; // true
 */
export function scannerForSplitPattern(pattern: string): PieceScanner | undefined {
  return presetScannerForSplitPattern(pattern);
}
