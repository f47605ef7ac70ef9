/** Where a streaming decoder gets token bytes from (an {@link Encoding}). */
export interface TokenByteSource {
  /** The concatenated bytes of `tokens`; throws on an unknown id. */
  decodeBytes(tokens: ArrayLike<number>): Uint8Array;
}

/**
 * Decodes a token stream incrementally: each {@link write} returns the text that is complete so
 * far and holds back the bytes of a UTF-8 character that a later token may finish, so a
 * character is never emitted broken. Concatenating every `write` and the final {@link end}
 * gives exactly the one-shot `decode` of all tokens (invalid bytes become U+FFFD the same way),
 * because both run the WHATWG UTF-8 decoder, once with `stream: true`.
 *
 * One decoder per stream; it keeps that stream's pending bytes.
 *
 * @example
 * ```ts
 * const d = enc.createDecoder();
 * let text = "";
 * for (const t of enc.encode("héllo 👋")) text += d.write(t);
 * text += d.end(); // "héllo 👋"
 * ```
 */
export class StreamingDecoder {
  private readonly source: TokenByteSource;
  // ignoreBOM: a leading U+FEFF is text, not a byte-order mark, as in one-shot decode.
  private utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly one = [0];

  constructor(source: TokenByteSource) {
    this.source = source;
  }

  /**
   * Adds tokens to the stream and returns the newly completed text (possibly "").
   *
   * @example
   * ```ts
   * d.write([9906, 1917]); // "Hello world" (cl100k_base)
   * ```
   */
  write(tokens: number | ArrayLike<number>): string {
    let list: ArrayLike<number>;
    if (typeof tokens === "number") {
      this.one[0] = tokens;
      list = this.one;
    } else {
      list = tokens;
    }
    return this.utf8.decode(this.source.decodeBytes(list), { stream: true });
  }

  /**
   * Ends the stream: returns the held-back bytes of an unfinished character as U+FFFD (or "")
   * and resets the decoder so it can start a new stream.
   *
   * @example
   * ```ts
   * d.end(); // "" after a complete stream
   * ```
   */
  end(): string {
    const rest = this.utf8.decode();
    this.utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
    return rest;
  }
}
