/**
 * Tokens the pretokenizer can never produce. The model only ever sees one piece of
 * pretokenized text at a time, so a token whose text the pretokenizer always cuts (GPT-2's
 * pattern cuts " a b" into " a" and " b") can never come out of encoding, however it was
 * learned. The precise test: pretokenize the token's text on its own; more or fewer than one
 * piece means the pretokenizer can never produce the token.
 *
 * The test is exact for a piece in its own context only; a text can in principle be cut
 * differently inside a longer text (look-ahead such as `\s+(?!\S)`), which is what the
 * re-encoding classification in the audit covers.
 */
import type { Tokenizer } from "../core/tokenizer.js";

/**
 * The number of pieces the pretokenizer (HF: normalizer, then pre-tokenizer, with added tokens
 * cut out first) makes of `text` alone.
 *
 * @example
 * const count = pieceCounter(await getEncoding("r50k_base"));
 * count(" the"); // 1
 * count(" a b"); // 2
 */
export function pieceCounter(tok: Tokenizer): (text: string) => number {
  return (text) => tok.pretokenize(text).length;
}
