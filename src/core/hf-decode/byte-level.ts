import { byteOfChar } from "../byte-alphabet.js";
import type { Decoder } from "./types.js";

const utf8 = new TextEncoder();

/**
 * Byte-level decoding (HF `ByteLevel` as a decoder): each token spelled in GPT-2's byte
 * alphabet becomes its bytes; a token with any character outside the alphabet (an added token
 * such as `<|endoftext|>`) contributes its own UTF-8 bytes unchanged. All bytes are then decoded
 * at once as UTF-8, each maximal invalid subsequence becoming U+FFFD (Rust's
 * `from_utf8_lossy` and the WHATWG decoder agree on this), so a character split over tokens
 * comes out whole. The result is a single piece.
 *
 * @example
 * new ByteLevelDecoder().decodeChain(["Hello", "Ġw", "Ã¶", "rld"]); // ["Hello wörld"]
 */
export class ByteLevelDecoder implements Decoder {
  readonly type = "ByteLevel";

  decodeChain(tokens: readonly string[]): string[] {
    let bytes = new Uint8Array(64);
    let n = 0;
    const ensure = (extra: number) => {
      if (n + extra <= bytes.length) return;
      const grown = new Uint8Array(Math.max(bytes.length * 2, n + extra));
      grown.set(bytes.subarray(0, n));
      bytes = grown;
    };
    for (const token of tokens) {
      ensure(token.length);
      const start = n;
      let ok = true;
      for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        const b = byteOfChar(c);
        if (b < 0) {
          ok = false;
          break;
        }
        bytes[n++] = b;
      }
      if (!ok) {
        // Not a byte-level spelling: HF keeps the token's own UTF-8 bytes.
        n = start;
        const own = utf8.encode(token);
        ensure(own.length);
        bytes.set(own, n);
        n += own.length;
      }
    }
    // ignoreBOM: a leading EF BB BF is text (U+FEFF) in Rust, not a byte-order mark.
    return [new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, n))];
  }
}
