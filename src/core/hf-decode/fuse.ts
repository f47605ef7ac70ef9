import type { Decoder } from "./types.js";

/**
 * Joins all tokens into one piece (HF `Fuse`), so that a later stage of a `Sequence` (e.g.
 * `Strip`) sees the whole text instead of each token.
 *
 * @example
 * new FuseDecoder().decodeChain(["▁a", "b"]); // ["▁ab"]
 */
export class FuseDecoder implements Decoder {
  readonly type = "Fuse";

  decodeChain(tokens: readonly string[]): string[] {
    return [tokens.join("")];
  }
}
