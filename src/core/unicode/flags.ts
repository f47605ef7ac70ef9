/**
 * Unicode class bit flags, one bit per property the OpenAI pretokenizer patterns ask about.
 *
 * General categories are disjoint and no White_Space character is a letter, mark or number, so
 * every code point carries at most one bit; flags (rather than an enum) let a scanner test a
 * union such as `\p{L}` or `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]` with a single `&`.
 * A code point with no bit (punctuation, symbols, controls, unassigned, lone surrogates) is
 * "other".
 */

/** `\p{Lu}` uppercase letter. */
export const LU = 1;
/** `\p{Ll}` lowercase letter. */
export const LL = 2;
/** `\p{Lt}` titlecase letter. */
export const LT = 4;
/** `\p{Lm}` modifier letter. */
export const LM = 8;
/** `\p{Lo}` other letter. */
export const LO = 16;
/** `\p{M}` mark (Mn, Mc, Me). */
export const M = 32;
/** `\p{N}` number (Nd, Nl, No). */
export const N = 64;
/** `\p{White_Space}`, which is what tiktoken's `\s` means. */
export const WS = 128;

/** `\p{L}`: any letter. */
export const LETTER = LU | LL | LT | LM | LO;
/** o200k's "upper" class `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`. */
export const UPPERISH = LU | LT | LM | LO | M;
/** o200k's "lower" class `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`. */
export const LOWERISH = LL | LM | LO | M;

/** Flag for each property name, in the order the tables generator uses them. */
export const FLAG_BY_PROPERTY: Readonly<Record<string, number>> = {
  Lu: LU,
  Ll: LL,
  Lt: LT,
  Lm: LM,
  Lo: LO,
  M: M,
  N: N,
  White_Space: WS,
};
