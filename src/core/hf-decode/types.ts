/**
 * A Hugging Face decoder stage. HF's `Decoder` trait is `decode_chain(tokens) -> tokens`, and
 * `decode` is that chain joined with "". Keeping the chain form (rather than returning one
 * string) is what lets a `Sequence` of decoders compose exactly as in HF: each stage sees the
 * token boundaries the previous stage left, e.g. `Strip` strips every token, `Fuse` makes one.
 */
export interface Decoder {
  /** The tokenizer.json `type` of this decoder. */
  readonly type: string;
  /**
   * Turns token strings into (possibly fewer or more) decoded pieces.
   *
   * @example
   * new WordPieceDecoder().decodeChain(["un", "##able"]); // ["un", "able"]
   */
  decodeChain(tokens: readonly string[]): string[];
}

/**
 * Runs a decoder and joins its pieces, as HF's `Decoder::decode`.
 *
 * @example
 * decodeWith(new WordPieceDecoder(), ["un", "##able", "!"]); // "unable!"
 */
export function decodeWith(decoder: Decoder, tokens: readonly string[]): string {
  return decoder.decodeChain(tokens).join("");
}
