import { nextCl100kPiece } from "../pretokenize/cl100k.js";
import { nextGpt2Piece } from "../pretokenize/gpt2.js";
import { nextO200kPiece } from "../pretokenize/o200k.js";
import { CL100K_PATTERN, GPT2_PATTERN, O200K_PATTERN, QWEN2_PATTERN } from "../pretokenize/patterns.js";
import { nextQwen2Piece } from "../pretokenize/qwen2.js";
import type { PieceScanner } from "../pretokenize/types.js";

/**
 * Split regexes toklab runs with a hand-written scanner instead of a RegExp, keyed by the exact
 * pattern string found in tokenizer.json. Llama 3 ships cl100k's pattern verbatim; Qwen2/3 ship
 * cl100k's with `\p{N}` for `\p{N}{1,3}`; GPT-2 byte-level files and ByteLevel's own `use_regex`
 * use GPT-2's. Each entry is pinned against the binding in test/hf-pretokenize.
 */
const SCANNERS = new Map<string, PieceScanner>([
  [GPT2_PATTERN, nextGpt2Piece],
  [CL100K_PATTERN, nextCl100kPiece],
  [O200K_PATTERN, nextO200kPiece],
  [QWEN2_PATTERN, nextQwen2Piece],
]);

/**
 * The hand-written scanner for an Oniguruma Split pattern, or `undefined` when there is none.
 *
 * @example
 * scannerForSplitPattern(QWEN2_PATTERN) === nextQwen2Piece; // true
 */
export function scannerForSplitPattern(pattern: string): PieceScanner | undefined {
  return SCANNERS.get(pattern);
}
