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
import { forEachSplit } from "../core/hf/splits.js";
import { splitPieces } from "../core/pretokenize/types.js";
import type { EvalTokenizer } from "../eval/subject.js";

/**
 * The number of pieces the pretokenizer (HF: normalizer, then pre-tokenizer, with added tokens
 * cut out first) makes of `text` alone.
 *
 * @example
 * const count = pieceCounter(evalTokenizerFromEncoding(await getEncoding("r50k_base")));
 * count(" the"); // 1
 * count(" a b"); // 2
 */
export function pieceCounter(tok: EvalTokenizer): (text: string) => number {
  const enc = tok.encoding;
  if (enc !== undefined) return (text) => splitPieces(enc.pretokenizer, text).length;
  const hf = tok.hf;
  if (hf === undefined) throw new Error(`${tok.name}: no pretokenizer to run`);
  return (text) => {
    let n = 0;
    const count = () => {
      n++;
    };
    forEachSplit(text, hf.addedVocabulary, hf.normalizer, hf.preTokenizer, {
      addedToken: count,
      word: count,
    });
    return n;
  };
}
