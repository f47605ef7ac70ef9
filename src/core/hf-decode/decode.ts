import type { Decoder } from "./types.js";

/** What {@link decodeTokens} needs to know about a tokenizer's vocabulary. */
export interface DecodeVocabulary {
  /**
   * The string HF decodes for an id, or `undefined` for an id it does not know (such ids are
   * skipped silently, as in HF). For an added token that the normalizer changes (`normalized:
   * true`), HF decodes its normalized form; otherwise its content. Model tokens: the vocabulary
   * entry.
   */
  idToToken(id: number): string | undefined;
  /** Whether a token **string** is the content of a special added token. */
  isSpecialToken(token: string): boolean;
}

/**
 * Ids → text, as HF's `Tokenizer::decode`: unknown ids are dropped; with `skipSpecialTokens`,
 * tokens whose string is a special added token's content are dropped too (HF tests the string,
 * so a model token spelled like a special token is skipped as well, and a special token decoded
 * through its normalized form is not); then the decoder runs, or, with no decoder, the tokens are
 * joined with single spaces.
 *
 * @example
 * const vocab = { idToToken: (id: number) => ["[CLS]", "hi", "##!"][id], isSpecialToken: (t: string) => t === "[CLS]" };
 * decodeTokens([0, 1, 2], vocab, true, new WordPieceDecoder()); // "hi!"
 * decodeTokens([0, 1, 2], vocab, false, null); // "[CLS] hi ##!"
 */
export function decodeTokens(
  ids: ArrayLike<number>,
  vocab: DecodeVocabulary,
  skipSpecialTokens: boolean,
  decoder: Decoder | null,
): string {
  const tokens: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const token = vocab.idToToken(ids[i]);
    if (token === undefined) continue;
    if (skipSpecialTokens && vocab.isSpecialToken(token)) continue;
    tokens.push(token);
  }
  return decoder === null ? tokens.join(" ") : decoder.decodeChain(tokens).join("");
}
