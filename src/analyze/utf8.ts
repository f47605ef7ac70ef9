/**
 * UTF-8 validity of token bytes, the test behind "undecodable" and `partial_utf8` in the
 * vocabulary audit, and a readable spelling of bytes that are not text.
 */

/**
 * The length of the well-formed UTF-8 sequence starting at `bytes[i]`, or 0 when none starts
 * there. "Well-formed" is the Unicode standard's Table 3-7 (what a strict `TextDecoder` accepts):
 * no overlong forms (C0, C1, E0 80–9F, F0 80–8F), no surrogates (ED A0–BF), nothing above
 * U+10FFFF (F4 90–BF, F5–FF), and every continuation byte present.
 *
 * @example
 * wellFormedLength(Uint8Array.of(0xc3, 0xa9), 0); // 2 ("é")
 * wellFormedLength(Uint8Array.of(0xe2, 0x80), 0); // 0 (a cut-off "…")
 */
export function wellFormedLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) n = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + n > bytes.length) return 0;
  // Only the second byte has a narrowed range; the rest are plain continuation bytes.
  const b1 = bytes[i + 1];
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < n; k++) {
    const b = bytes[i + k];
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return n;
}

/**
 * Whether `bytes` is one or more whole, well-formed UTF-8 characters (the empty array is valid).
 *
 * @example
 * isValidUtf8(new TextEncoder().encode("naïve")); // true
 * isValidUtf8(Uint8Array.of(0x9f, 0x98)); // false: continuation bytes with no lead
 */
export function isValidUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; ) {
    const n = wellFormedLength(bytes, i);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * `bytes` as text where they are well-formed UTF-8, with every other byte spelled `<0xAB>`
 * (the SentencePiece byte-token spelling), so an undecodable token can still be shown and told
 * apart from one that really contains U+FFFD.
 *
 * @example
 * readableBytes(Uint8Array.of(0x20, 0xe2, 0x80)); // " <0xE2><0x80>"
 */
export function readableBytes(bytes: Uint8Array): string {
  let out = "";
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = wellFormedLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += utf8.decode(bytes.subarray(runStart, i));
    out += `<0x${bytes[i].toString(16).toUpperCase().padStart(2, "0")}>`;
    i++;
    runStart = i;
  }
  return out + utf8.decode(bytes.subarray(runStart, i));
}
