import { bytesKey } from "../formats/trained/layout.js";

export { bytesKey };

/**
 * The trainer's vocabulary while it grows: token bytes by id, a bytes → id index (to notice a
 * merge whose result already exists, as the Hugging Face trainer does), the length of each token
 * in characters (for character-length vetoes) and whether a token may take part in merges.
 *
 * A different kind from `BytePairVocab` (src/core/vocab.ts), which is built once over a finished
 * vocabulary: this table gains a token per merge (tens of thousands of appends to a structure
 * that a frozen blob and a sized hash table cannot take), holds special, reserved and
 * byte-fallback tokens whose bytes may repeat an ordinary token's (`add(…, unique = false)`), and
 * is looked up only once per merge, far from any hot loop. What the trainer writes is loaded
 * into a `BytePairVocab` like any other vocabulary.
 */
export class TokenTable {
  /** Token bytes by id. */
  readonly bytes: Uint8Array[] = [];
  /** Whether each token may be the left or right side of a merge. */
  mergeable = new Uint8Array(1024);
  /** Length in Unicode characters; a partial UTF-8 sequence counts its lead byte as one. */
  chars = new Int32Array(1024);
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.bytes.length;
  }

  /**
   * Adds a token and returns its id, or returns the existing id when `bytes` is already an
   * ordinary (mergeable) token and `unique` is true. Special, reserved and byte-fallback tokens
   * are added with `unique = false`: they always get their own id.
   */
  add(bytes: Uint8Array, mergeable: boolean, unique = true): number {
    const key = bytesKey(bytes);
    if (unique) {
      const found = this.index.get(key);
      if (found !== undefined) return found;
    }
    const id = this.bytes.length;
    this.bytes.push(bytes);
    if (id >= this.mergeable.length) this.grow();
    this.mergeable[id] = mergeable ? 1 : 0;
    this.chars[id] = charCount(bytes);
    // Only mergeable tokens are found by their bytes: a merge must never land on a special or a
    // byte-fallback token (whose bytes may equal an ordinary token's, like `<0x41>` and `A`).
    if (mergeable && (unique || !this.index.has(key))) this.index.set(key, id);
    return id;
  }

  /** The id of an ordinary token with these bytes, or -1. */
  find(bytes: Uint8Array): number {
    return this.index.get(bytesKey(bytes)) ?? -1;
  }

  private grow(): void {
    const m = new Uint8Array(this.mergeable.length * 2);
    m.set(this.mergeable);
    this.mergeable = m;
    const c = new Int32Array(this.chars.length * 2);
    c.set(this.chars);
    this.chars = c;
  }
}

/** Characters in a UTF-8 byte string: every byte that is not a continuation byte starts one. */
export function charCount(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] & 0xc0) !== 0x80) n++;
  // A token made only of continuation bytes (a byte-level fragment) still has a length.
  return n === 0 && bytes.length > 0 ? 1 : n;
}

/** Concatenation of two byte strings. */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Lexicographic byte order: negative when `a` sorts first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
