import { BYTE_CHAR } from "../byte-alphabet.js";
import { ChangeStream } from "./changes.js";
import { type NormalizedString, TextBuilder } from "./normalized.js";
import type { Normalizer } from "./types.js";

/**
 * Maps each UTF-8 byte to GPT-2's printable stand-in (HF `ByteLevel` normalizer); all bytes of
 * one character share its alignment.
 *
 * @example
 * normalizeText(new ByteLevelNormalizer(), "a é"); // "aĠÃ©"
 */
export class ByteLevelNormalizer implements Normalizer {
  readonly type = "ByteLevel";
  normalize(ns: NormalizedString): void {
    const src = ns.normalized;
    if (src.length === 0) return;
    const stream = new ChangeStream(src.length * 2);
    const bytes = new TextEncoder();
    for (const ch of src) {
      const b = bytes.encode(ch);
      for (let k = 0; k < b.length; k++) stream.push(BYTE_CHAR[b[k]], k > 0 ? 1 : 0);
    }
    ns.transform(stream, 0);
  }
  /** The byte-alphabet text without alignments (the same characters `normalize` writes). */
  normalizeString(s: string): string {
    return byteLevelText(s);
  }
}

/**
 * `s` (well formed) with every UTF-8 byte replaced by its GPT-2 stand-in, encoding inline so
 * no byte array or per-character string is made.
 */
export function byteLevelText(s: string): string {
  const out = new TextBuilder(s.length * 2);
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (cp < 0x80) out.push(BYTE_CHAR[cp]);
    else if (cp < 0x800) {
      out.push(BYTE_CHAR[0xc0 | (cp >> 6)]);
      out.push(BYTE_CHAR[0x80 | (cp & 0x3f)]);
    } else if (cp < 0x10000) {
      out.push(BYTE_CHAR[0xe0 | (cp >> 12)]);
      out.push(BYTE_CHAR[0x80 | ((cp >> 6) & 0x3f)]);
      out.push(BYTE_CHAR[0x80 | (cp & 0x3f)]);
    } else {
      out.push(BYTE_CHAR[0xf0 | (cp >> 18)]);
      out.push(BYTE_CHAR[0x80 | ((cp >> 12) & 0x3f)]);
      out.push(BYTE_CHAR[0x80 | ((cp >> 6) & 0x3f)]);
      out.push(BYTE_CHAR[0x80 | (cp & 0x3f)]);
    }
  }
  return out.toString();
}
