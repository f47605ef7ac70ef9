import type { Decoder } from "./types.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The byte a `<0xAB>` token stands for, or -1. HF's test is on UTF-8: six bytes, `<0x` … `>`,
 * and the two characters between parsed by Rust's `u8::from_str_radix(_, 16)`, which also
 * accepts a leading `+` (so `<0x+F>` is byte 0x0F) and either case of hex digit.
 */
export function byteOfToken(token: string): number {
  if (token.length !== 6 || !token.startsWith("<0x") || token.charCodeAt(5) !== 0x3e) return -1;
  // Six UTF-16 units that start with "<0x" and end with ">" are six UTF-8 bytes only if the
  // middle two are ASCII; anything else fails HF's length test or its hex parse alike.
  const hi = hexValue(token.charCodeAt(3));
  const lo = hexValue(token.charCodeAt(4));
  if (lo < 0) return -1;
  if (hi >= 0) return hi * 16 + lo;
  return token.charCodeAt(3) === 0x2b ? lo : -1;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * SentencePiece byte fallback (HF `ByteFallback`): each run of consecutive `<0xAB>` tokens
 * becomes one piece, the UTF-8 text of its bytes, when the whole run is valid UTF-8; otherwise
 * the run becomes one U+FFFD **per byte** (HF's rule, coarser than lossy UTF-8 decoding: a
 * valid character next to a stray byte is lost too). Other tokens pass through.
 *
 * @example
 * new ByteFallbackDecoder().decodeChain(["<0xC3>", "<0xA9>", "t", "<0xE9>"]); // ["é", "t", "�"]
 */
export class ByteFallbackDecoder implements Decoder {
  readonly type = "ByteFallback";

  decodeChain(tokens: readonly string[]): string[] {
    const out: string[] = [];
    const run: number[] = [];
    const flush = () => {
      if (run.length === 0) return;
      let text: string | null;
      try {
        text = strictUtf8.decode(Uint8Array.from(run));
      } catch {
        text = null;
      }
      if (text !== null) out.push(text);
      else for (let k = 0; k < run.length; k++) out.push("\ufffd");
      run.length = 0;
    };
    for (const token of tokens) {
      const b = byteOfToken(token);
      if (b >= 0) {
        run.push(b);
        continue;
      }
      flush();
      out.push(token);
    }
    flush();
    return out;
  }
}
