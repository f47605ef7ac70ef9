import { cleanup } from "./text.js";
import type { Decoder } from "./types.js";

/**
 * WordPiece decoding (HF `WordPiece` decoder): a token after the first either continues the
 * word (its `prefix`, default `##`, is removed) or starts a new one (a space is put before it).
 * With `cleanup`, HF's artefact clean-up ({@link cleanup}) runs on each token separately, so it
 * only sees a space this decoder just added, never one across tokens.
 *
 * @example
 * new WordPieceDecoder().decodeChain(["I", "do", "n't", "like", "##d", "it", "."]);
 * // ["I", " do", "n't", " like", "d", " it", "."]
 */
export class WordPieceDecoder implements Decoder {
  readonly type = "WordPiece";

  constructor(
    readonly prefix = "##",
    readonly cleanup = true,
  ) {}

  decodeChain(tokens: readonly string[]): string[] {
    return tokens.map((token, i) => {
      let t = token;
      if (i !== 0) t = t.startsWith(this.prefix) ? t.slice(this.prefix.length) : ` ${t}`;
      return this.cleanup ? cleanup(t) : t;
    });
  }
}
