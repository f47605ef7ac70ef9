/**
 * UTF-8 facts the cover method needs: where the last whole character ends (a prefix of a text
 * may stop inside one) and whether bytes are text.
 */

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** How many bytes a character starting with `lead` has; 0 for a byte that cannot start one. */
export function utf8SequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether `byte` continues a character (10xxxxxx). */
export function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/**
 * The length of the longest prefix of `bytes[start, end)` that ends on a character boundary,
 * assuming the bytes are UTF-8 that may stop inside the last character.
 */
export function completeLength(bytes: Uint8Array, start: number, end: number): number {
  // Step back over at most 3 continuation bytes to the last lead byte.
  let i = end;
  while (i > start && end - i < 4 && isContinuation(bytes[i - 1])) i--;
  if (i === start) return isContinuation(bytes[start] ?? 0) ? 0 : end - start;
  const lead = bytes[i - 1];
  const need = utf8SequenceLength(lead);
  return need !== 0 && end - (i - 1) < need ? i - 1 - start : end - start;
}

/** The text of `bytes[start, end)`, or `null` when they are not well-formed UTF-8. */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string | null {
  try {
    return fatal.decode(bytes.subarray(start, end));
  } catch {
    return null;
  }
}

/**
 * The offset of the first byte that makes `bytes` not UTF-8, allowing the last character to be
 * incomplete; -1 when there is none.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const need = utf8SequenceLength(bytes[i]);
    if (need === 0) return i;
    const end = Math.min(i + need, bytes.length);
    for (let k = i + 1; k < end; k++) if (!isContinuation(bytes[k])) return i;
    if (i + need <= bytes.length) {
      // Whole character: let the decoder judge overlongs and surrogates.
      if (decodeUtf8(bytes, i, i + need) === null) return i;
    } else if (need >= 3 && end - i >= 2) {
      // Incomplete: the second byte is already constrained (no overlongs, no surrogates).
      const b0 = bytes[i];
      const b1 = bytes[i + 1];
      if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f)) return i;
      if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return i;
    }
    i += need;
  }
  return -1;
}
