import { regexPretokenizer } from "./regex.js";
import type { Pretokenizer } from "./types.js";

export { regexPretokenizer, translateTiktokenPattern } from "./regex.js";
export type { PieceScanner, Pretokenizer } from "./types.js";
export { splitPieces } from "./types.js";

/** The tiktoken patterns of the OpenAI encodings, verbatim. */
export const GPT2_PATTERN =
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
export const CL100K_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
export const O200K_PATTERN = [
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  "\\p{N}{1,3}",
  " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
  "\\s*[\\r\\n]+",
  "\\s+(?!\\S)",
  "\\s+",
].join("|");

/** Hand-written scanners, keyed by the exact pattern they implement. */
const scanners = new Map<string, () => Pretokenizer>();

/** Registers a hand-written scanner for `pattern` (used by the scanner modules). */
export function registerScanner(pattern: string, make: () => Pretokenizer): void {
  scanners.set(pattern, make);
}

/**
 * The pretokenizer for a tiktoken-style pattern: the hand-written scanner when toklab has one
 * for exactly this pattern, otherwise the translated-RegExp implementation.
 */
export function pretokenizerForPattern(pattern: string, name = "custom"): Pretokenizer {
  const make = scanners.get(pattern);
  return make ? make() : regexPretokenizer(name, pattern);
}
