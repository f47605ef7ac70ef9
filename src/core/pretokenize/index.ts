import { cl100kPretokenizer } from "./cl100k.js";
import { gpt2Pretokenizer } from "./gpt2.js";
import { o200kPretokenizer } from "./o200k.js";
import { CL100K_PATTERN, GPT2_PATTERN, O200K_PATTERN } from "./patterns.js";
import { regexPretokenizer } from "./regex.js";
import type { Pretokenizer } from "./types.js";

export { cl100kPretokenizer, nextCl100kPiece } from "./cl100k.js";
export { gpt2Pretokenizer, nextGpt2Piece } from "./gpt2.js";
export { nextO200kPiece, o200kPretokenizer } from "./o200k.js";
export { CL100K_PATTERN, GPT2_PATTERN, O200K_PATTERN } from "./patterns.js";
export { regexPretokenizer, translateTiktokenPattern } from "./regex.js";
export type { PieceScanner, Pretokenizer } from "./types.js";
export { splitPieces } from "./types.js";

/**
 * Hand-written scanners, keyed by the exact pattern they implement. A direct map (rather than
 * scanner modules registering themselves) keeps the import graph acyclic and tree-shakable.
 */
const scanners = new Map<string, Pretokenizer>([
  [GPT2_PATTERN, gpt2Pretokenizer],
  [CL100K_PATTERN, cl100kPretokenizer],
  [O200K_PATTERN, o200kPretokenizer],
]);

/**
 * The pretokenizer for a tiktoken-style pattern: the hand-written scanner when toklab has one
 * for exactly this pattern, otherwise the translated-RegExp implementation.
 */
export function pretokenizerForPattern(pattern: string, name = "custom"): Pretokenizer {
  return scanners.get(pattern) ?? regexPretokenizer(name, pattern);
}
