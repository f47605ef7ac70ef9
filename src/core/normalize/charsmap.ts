/**
 * SentencePiece's `precompiled_charsmap`: the normalization rules of a SentencePiece model, as
 * stored (base64) in tokenizer.json `Precompiled` normalizers.
 *
 * Layout: a little-endian u32 `trieBytes`, then `trieBytes / 4` little-endian u32 units of a
 * Darts-clone double-array trie keyed by UTF-8 bytes, then a blob of NUL-terminated UTF-8
 * replacement strings; a trie value is the byte offset of its replacement in the blob.
 * A unit packs: bits 0-7 label (plus bit 31, so a leaf never matches a label), bit 8 "has leaf",
 * bit 9 "offset is shifted by 8", bits 10-31 offset; a leaf unit's value is its low 31 bits.
 */
import { encodeCodePointInto } from "../utf8.js";

export class Charsmap {
  private readonly units: Uint32Array;
  private readonly blob: Uint8Array;
  // ignoreBOM: a replacement that starts with U+FEFF keeps it.
  private readonly decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  private readonly cache = new Map<string, string | null>();

  /** Parses the raw (base64-decoded) charsmap; throws on a truncated or malformed one. */
  constructor(bytes: Uint8Array) {
    if (bytes.length < 4) throw new Error("shorter than its 4-byte header");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const trieBytes = view.getUint32(0, true);
    const count = Math.floor(trieBytes / 4);
    if (4 + count * 4 > bytes.length) {
      throw new Error(`trie of ${trieBytes} bytes does not fit in ${bytes.length}`);
    }
    this.units = new Uint32Array(count);
    for (let i = 0; i < count; i++) this.units[i] = view.getUint32(4 + 4 * i, true);
    this.blob = bytes.subarray(4 + count * 4);
    if (this.units.length === 0) throw new Error("empty trie");
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(this.blob);
    } catch {
      throw new Error("normalized strings are not valid UTF-8");
    }
  }

  /**
   * The replacement for `key` (UTF-8 bytes `key[0..length)`): the value of the SHORTEST trie
   * entry that is a prefix of it, as HF's `spm_precompiled` takes `results[0]`; `null` if none.
   * The search stops at a NUL byte.
   */
  lookup(key: Uint8Array, length: number): string | null {
    const u = this.units;
    let pos = (u[0] >>> 10) << ((u[0] & 0x200) >>> 6);
    for (let i = 0; i < length; i++) {
      const c = key[i];
      if (c === 0) break;
      pos ^= c;
      if (pos >= u.length) return null;
      const unit = u[pos];
      // The label is bits 0-7 plus bit 31: a leaf unit (bit 31 set) never matches a byte.
      if ((unit & 0xff) !== c || unit >= 0x80000000) return null;
      pos ^= (unit >>> 10) << ((unit & 0x200) >>> 6);
      if ((unit >>> 8) & 1) {
        if (pos >= u.length) return null;
        return this.replacement(u[pos] & 0x7fffffff);
      }
    }
    return null;
  }

  /**
   * SentencePiece's own lookup (`Normalizer::NormalizePrefix`): the LONGEST rule whose key is a
   * prefix of `text` from `start` (UTF-8 bytes of its characters, up to `end`), where HF's
   * `spm_precompiled` takes the shortest. Returns the rule's length in UTF-16 units, 0 if none;
   * its replacement is then {@link Charsmap.lastReplacement}. A key that would end inside a
   * character is not taken (compiled keys are whole characters). Stops at a NUL, as
   * {@link Charsmap.lookup} does.
   */
  longestPrefix(text: string, start: number, end: number): number {
    const u = this.units;
    let pos = (u[0] >>> 10) << ((u[0] & 0x200) >>> 6);
    let best = 0;
    let bestValue = -1;
    const bytes = this.charBytes;
    for (let i = start; i < end; ) {
      const cp = text.codePointAt(i)!;
      const units = cp > 0xffff ? 2 : 1;
      const n = encodeCodePointInto(cp, bytes);
      for (let k = 0; k < n; k++) {
        const c = bytes[k];
        if (c === 0) return this.finish(best, bestValue);
        pos ^= c;
        if (pos >= u.length) return this.finish(best, bestValue);
        const unit = u[pos];
        if ((unit & 0xff) !== c || unit >= 0x80000000) return this.finish(best, bestValue);
        pos ^= (unit >>> 10) << ((unit & 0x200) >>> 6);
        if ((unit >>> 8) & 1 && k === n - 1) {
          if (pos >= u.length) return this.finish(best, bestValue);
          best = i + units - start;
          bestValue = u[pos] & 0x7fffffff;
        }
      }
      i += units;
    }
    return this.finish(best, bestValue);
  }

  /** The replacement of the rule {@link Charsmap.longestPrefix} last found. */
  lastReplacement = "";

  private readonly charBytes = new Uint8Array(4);
  private readonly byValue = new Map<number, string>();

  private finish(length: number, value: number): number {
    if (length > 0) {
      let r = this.byValue.get(value);
      if (r === undefined) {
        r = this.replacement(value);
        this.byValue.set(value, r);
      }
      this.lastReplacement = r;
    }
    return length;
  }

  /** The NUL-terminated string at `index` of the blob. */
  private replacement(index: number): string {
    const b = this.blob;
    let end = index;
    while (end < b.length && b[end] !== 0) end++;
    return this.decoder.decode(b.subarray(Math.min(index, b.length), end));
  }

  /** {@link lookup} for a string, cached (graphemes repeat a lot). */
  lookupString(s: string): string | null {
    let r = this.cache.get(s);
    if (r === undefined) {
      const bytes = utf8(s);
      r = this.lookup(bytes, bytes.length);
      if (this.cache.size < 65536) this.cache.set(s, r);
    }
    return r;
  }
}

/** UTF-8 bytes of a well-formed string. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
