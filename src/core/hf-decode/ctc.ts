import { cleanup, replaceLiteral } from "./text.js";
import type { Decoder } from "./types.js";

/**
 * CTC output decoding (HF `CTC`, wav2vec2-style): consecutive duplicate tokens collapse to
 * one, every `padToken` occurrence is removed, then, with `cleanup` only, HF's clean-up runs and
 * `wordDelimiterToken` becomes a space (without `cleanup` the delimiter is kept, as in HF);
 * tokens left empty are dropped.
 *
 * @example
 * new CtcDecoder().decodeChain(["<pad>", "h", "h", "<pad>", "i", "|", "y", "o"]);
 * // ["h", "i", " ", "y", "o"]
 */
export class CtcDecoder implements Decoder {
  readonly type = "CTC";

  constructor(
    readonly padToken = "<pad>",
    readonly wordDelimiterToken = "|",
    readonly cleanup = true,
  ) {}

  decodeChain(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0 && tokens[i] === tokens[i - 1]) continue;
      let t = replaceLiteral(tokens[i], this.padToken, "");
      if (this.cleanup) t = replaceLiteral(cleanup(t), this.wordDelimiterToken, " ");
      if (t.length > 0) out.push(t);
    }
    return out;
  }
}
