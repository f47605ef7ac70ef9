import type { Decoder } from "./types.js";

/**
 * Removes up to `start` leading and up to `stop` trailing `content` characters from every
 * token (HF `Strip`). Llama 2 uses `Strip(" ", 1, 0)` after `Fuse` to drop the space that the
 * SentencePiece prefix became.
 *
 * HF indexes past the token when `stop` exceeds the length of a token made only of `content`
 * (including an empty token) or when the two cuts cross; the Rust library panics there (the
 * Node binding aborts the process). We throw an `Error` in exactly those cases instead.
 *
 * @example
 * new StripDecoder(" ", 1, 0).decodeChain([" Hello world"]); // ["Hello world"]
 */
export class StripDecoder implements Decoder {
  readonly type = "Strip";

  constructor(
    /** One character (a code point). */
    readonly content: string,
    readonly start: number,
    readonly stop: number,
  ) {
    if ([...content].length !== 1) throw new Error("Strip content must be one character");
    if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(stop) || stop < 0) {
      throw new RangeError("Strip start and stop must be non-negative integers");
    }
  }

  decodeChain(tokens: readonly string[]): string[] {
    return tokens.map((token) => this.stripOne(token));
  }

  private stripOne(token: string): string {
    const c = this.content;
    // Work in code units but step over whole characters: `content` may be astral.
    let startCut = 0;
    let startChars = 0;
    while (startChars < this.start && token.startsWith(c, startCut)) {
      startCut += c.length;
      startChars++;
    }
    let stopCut = token.length;
    let stopChars = 0;
    while (stopChars < this.stop) {
      if (stopCut === 0) throw new Error(`Strip: index out of bounds on ${JSON.stringify(token)}`);
      if (stopCut < c.length || !token.startsWith(c, stopCut - c.length)) break;
      stopCut -= c.length;
      stopChars++;
    }
    if (startCut > stopCut) throw new Error(`Strip: cuts cross on ${JSON.stringify(token)}`);
    return token.slice(startCut, stopCut);
  }
}
