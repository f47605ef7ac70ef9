import type { Decoder } from "./types.js";

/**
 * Runs decoders one after the other on the piece list (HF `Sequence` decoder), each seeing the
 * pieces the previous one produced.
 *
 * @example
 * new DecoderSequence([new ReplaceDecoder({ String: "▁" }, " "), new ByteFallbackDecoder(),
 *   new FuseDecoder(), new StripDecoder(" ", 1, 0)]).decodeChain(["▁Hi", "<0x21>"]); // ["Hi!"]
 */
export class DecoderSequence implements Decoder {
  readonly type = "Sequence";

  constructor(readonly decoders: readonly Decoder[]) {}

  decodeChain(tokens: readonly string[]): string[] {
    let pieces: readonly string[] = tokens;
    for (const d of this.decoders) pieces = d.decodeChain(pieces);
    return pieces === tokens ? [...tokens] : (pieces as string[]);
  }
}
