/**
 * UTF-16 → UTF-8 for pieces, written into a caller-owned scratch buffer (no allocation).
 *
 * Lone surrogates (a high surrogate not followed by a low one, or a low surrogate not preceded
 * by a high one) become U+FFFD, bytes `EF BF BD`. This is exactly what `TextEncoder` does and
 * therefore what the `tiktoken` npm package does: wasm-bindgen passes every string through
 * `TextEncoder.encodeInto` before Rust sees it. See docs/decisions/0003-lone-surrogates.md.
 */

/** The most UTF-8 bytes `n` UTF-16 code units can need (a lone surrogate: 1 unit → 3 bytes). */
export function maxUtf8Length(n: number): number {
  return 3 * n;
}

/**
 * Writes the UTF-8 encoding of `text[start, end)` to `out` from index 0 and returns the byte
 * count. `out` must hold at least {@link maxUtf8Length}`(end - start)` bytes. A surrogate pair
 * cut by `start` or `end` is treated as lone surrogates (U+FFFD each), as `TextEncoder` would
 * treat the substring.
 *
 * @example
 * ```ts
 * const out = new Uint8Array(64);
 * const n = encodeUtf8Into("a\u00e9\ud800", 0, 3, out); // 6: 61 C3 A9 EF BF BD
 * ```
 */
export function encodeUtf8Into(text: string, start: number, end: number, out: Uint8Array): number {
  let n = 0;
  let i = start;
  // ASCII fast path: most pieces of most text never leave this loop.
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) break;
    out[n++] = c;
  }
  for (; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && (d & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        out[n++] = 0xf0 | (c >> 18);
        out[n++] = 0x80 | ((c >> 12) & 0x3f);
        out[n++] = 0x80 | ((c >> 6) & 0x3f);
        out[n++] = 0x80 | (c & 0x3f);
      } else {
        // Lone surrogate → U+FFFD, as TextEncoder (and so tiktoken) does.
        out[n++] = 0xef;
        out[n++] = 0xbf;
        out[n++] = 0xbd;
      }
    }
  }
  return n;
}

/**
 * True when byte offset `b` of the UTF-8 string `bytes[0, len)` starts a character (or is the
 * end): the byte there is not a continuation byte `10xxxxxx`.
 */
export function isUtf8Boundary(bytes: Uint8Array, b: number, len: number): boolean {
  return b >= len || (bytes[b] & 0xc0) !== 0x80;
}

/**
 * The number of UTF-16 code units that the UTF-8 bytes `bytes[from, to)` decode to, counting
 * only character starts: 2 for a 4-byte lead byte, 1 for any other non-continuation byte.
 * Exact when `[from, to)` holds whole characters produced by {@link encodeUtf8Into}.
 */
export function utf16LengthOfUtf8(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

/**
 * Writes the UTF-8 bytes of code point `cp` into `out` (at least 4 bytes long); returns their
 * number. A lone surrogate is written as its 3-byte form, as WTF-8 does.
 *
 * @example
 * ```ts
 * const out = new Uint8Array(4);
 * encodeCodePointInto(0x20ac, out); // 3: e2 82 ac
 * ```
 */
export function encodeCodePointInto(cp: number, out: Uint8Array): number {
  if (cp < 0x80) {
    out[0] = cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = 0xc0 | (cp >> 6);
    out[1] = 0x80 | (cp & 63);
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = 0xe0 | (cp >> 12);
    out[1] = 0x80 | ((cp >> 6) & 63);
    out[2] = 0x80 | (cp & 63);
    return 3;
  }
  out[0] = 0xf0 | (cp >> 18);
  out[1] = 0x80 | ((cp >> 12) & 63);
  out[2] = 0x80 | ((cp >> 6) & 63);
  out[3] = 0x80 | (cp & 63);
  return 4;
}
