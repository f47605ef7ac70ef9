/**
 * Token ids of a text together with the part of the text each token stands for, so that
 * metrics can attribute tokens to words and characters to unknown tokens.
 */
import { ORDINARY, type Tokenizer, type TokenSpans } from "../core/tokenizer.js";

export type { TokenSpans } from "../core/tokenizer.js";

/**
 * Encodes `text` as ordinary text (special-token text is text; no template, no truncation) and
 * returns the tokens with their spans (see {@link TokenSpans}: a character split across tokens
 * belongs to each of them).
 *
 * @example
 * const s = tokenSpans(await getEncoding("cl100k_base"), "hi there");
 * s.ids.length; // 2; s.starts = [0, 2]; s.ends = [2, 8]
 */
export function tokenSpans(tok: Tokenizer, text: string): TokenSpans {
  return tok.encodeWithOffsets(text, ORDINARY);
}
