/**
 * Where SentencePiece's BPE trainer cuts text into words, for replaying a SentencePiece-style
 * merge list. Its tokenizer.json often has no pre-tokenizer (Llama 2: the whole normalized text
 * is one "word" for the model), but the trainer never merged across these cuts, so the replay
 * must not count pairs across them either. The rules are those Hayase et al. reconstruct for
 * Llama, Mistral and Gemma: a word starts at each `▁`; a run of punctuation is a word of its own
 * (with the `▁` before it); every digit is a word (`split_digits`); newlines and tabs are never
 * merged with anything.
 */

/** Character classes of {@link spCut}. */
export const SpKind = { Start: 0, Space: 1, Letter: 2, Digit: 3, Punct: 4, Other: 5, Drop: 6 } as const;
const Kind = SpKind;

const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /\p{N}/u;
const SPACE = /\s/u;

/** The class of one character (a code point). */
export function spKind(c: string): number {
  if (c === "▁") return Kind.Space;
  if (c === "\n" || c === "\t") return Kind.Drop;
  if (c.length === 1 && c.charCodeAt(0) < 0x80) {
    const x = c.charCodeAt(0);
    if ((x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a)) return Kind.Letter;
    if (x >= 0x30 && x <= 0x39) return Kind.Digit;
    return SPACE.test(c) ? Kind.Other : Kind.Punct;
  }
  if (LETTER.test(c)) return Kind.Letter;
  if (DIGIT.test(c)) return Kind.Digit;
  return SPACE.test(c) ? Kind.Other : Kind.Punct;
}

/**
 * Whether SentencePiece's trainer starts a new word at a character of class `kind` that follows
 * one of class `prev` (`Kind.Start` at the start of a piece). `Drop` characters are cuts
 * themselves and are left out.
 *
 * @example
 * ```ts
 * spCut(spKind("▁"), spKind("a")); // true: each ▁ starts a word
 * spCut(spKind(","), spKind("▁")); // false: "▁," is one word
 * ```
 */
export function spCut(prev: number, kind: number): boolean {
  if (prev === Kind.Start || prev === Kind.Drop) return false;
  switch (kind) {
    case Kind.Space:
    case Kind.Digit:
    case Kind.Other:
      return true;
    case Kind.Letter:
      return prev !== Kind.Letter && prev !== Kind.Space;
    case Kind.Punct:
      return prev !== Kind.Punct && prev !== Kind.Space;
    default:
      return true;
  }
}
