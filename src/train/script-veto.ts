/**
 * SCRIPT's character-integrity constraint for byte-level BPE ("BPE Stays on SCRIPT", Land &
 * Arnett 2025; `RegexBytePretokenizer.bpe_merge_allowed` with `enforce_char_boundaries` in the
 * paper's code): a merge must never join a whole character with part of one, and a character is
 * built from its first byte rightwards. Every token is then either whole characters or a proper
 * prefix of one character (its lead byte and some continuation bytes); a lone continuation byte
 * (a base token) is the only other partial token, and it can only be appended to a prefix.
 *
 * Classification of a token's bytes, exactly as the reference code does it:
 * - more than 4 bytes: whole characters;
 * - first byte a continuation byte (10xxxxxx): partial;
 * - more than one character-starting byte: whole characters;
 * - otherwise (one starting byte) partial unless its length is what the lead byte announces.
 * Allowed merges: whole + whole, and partial + partial when the left starts with a starting byte
 * and the right with a continuation byte (so "é" = C3 + A9 forms, but "a" + C3 and A9 + A9 do
 * not).
 *
 * On a character base (or SCRIPT's own encoding) every token is already whole characters, and
 * this veto never fires. Browser-safe.
 */
import type { MergeVeto } from "./merge-state.js";

/**
 * The UTF-8 role of a byte, as the reference code numbers it: 0 continuation, 1 ASCII, 2–4 the
 * lead byte of a sequence of that length, 5 a byte that never occurs in UTF-8.
 *
 * @example
 * ```ts
 * [0x41, 0xa9, 0xc3, 0xf0].map(utf8ByteType); // [1, 0, 2, 4]
 * ```
 */
export function utf8ByteType(b: number): number {
  if (b < 0x80) return 1;
  if (b < 0xc0) return 0;
  if (b < 0xe0) return 2;
  if (b < 0xf0) return 3;
  if (b < 0xf8) return 4;
  return 5;
}

/**
 * Whether a token's bytes are part of a character (see the file comment).
 *
 * @example
 * ```ts
 * isPartialCharacter(Uint8Array.of(0xc3)); // true: the first byte of "é"
 * isPartialCharacter(Uint8Array.of(0xc3, 0xa9)); // false: "é"
 * ```
 */
export function isPartialCharacter(bytes: Uint8Array): boolean {
  if (bytes.length > 4) return false;
  const first = utf8ByteType(bytes[0]);
  if (first === 0) return true;
  let starts = 0;
  for (let i = 0; i < bytes.length; i++) if (utf8ByteType(bytes[i]) !== 0) starts++;
  if (starts > 1) return false;
  return bytes.length !== first;
}

/**
 * Whether SCRIPT's constraint allows merging the tokens `left` and `right` (their bytes).
 *
 * @example
 * ```ts
 * const b = (...x: number[]) => Uint8Array.from(x);
 * mergeKeepsCharacters(b(0x61), b(0xc3, 0xa9)); // true: "a" + "é"
 * mergeKeepsCharacters(b(0xc3), b(0xa9)); // true: forms "é"
 * mergeKeepsCharacters(b(0x61), b(0xc3)); // false: "a" + half of "é"
 * mergeKeepsCharacters(b(0xa9), b(0xa9)); // false: two continuation bytes
 * ```
 */
export function mergeKeepsCharacters(left: Uint8Array, right: Uint8Array): boolean {
  const partialLeft = isPartialCharacter(left);
  const partialRight = isPartialCharacter(right);
  if (partialLeft && partialRight) return utf8ByteType(left[0]) !== 0 && utf8ByteType(right[0]) === 0;
  return !partialLeft && !partialRight;
}

/**
 * The character-integrity veto: forbids every merge {@link mergeKeepsCharacters} disallows.
 *
 * @example
 * ```ts
 * const trained = trainBpe(counts, { vocabSize: 1000, veto: characterIntegrityVeto() });
 * ```
 */
export function characterIntegrityVeto(): MergeVeto {
  return (left, right, tokens) => !mergeKeepsCharacters(tokens.bytes[left], tokens.bytes[right]);
}
