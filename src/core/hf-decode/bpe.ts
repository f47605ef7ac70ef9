import { replaceLiteral } from "./text.js";
import type { Decoder } from "./types.js";

/**
 * Original (Sennrich) BPE decoding (HF `BPEDecoder`): every occurrence of the end-of-word
 * `suffix` becomes a space, except in the last token, where it is removed.
 *
 * @example
 * new BpeDecoder().decodeChain(["hel", "lo</w>", "world</w>"]); // ["hel", "lo ", "world"]
 */
export class BpeDecoder implements Decoder {
  readonly type = "BPEDecoder";

  constructor(readonly suffix = "</w>") {}

  decodeChain(tokens: readonly string[]): string[] {
    const last = tokens.length - 1;
    return tokens.map((token, i) => replaceLiteral(token, this.suffix, i === last ? "" : " "));
  }
}
