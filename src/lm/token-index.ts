/**
 * The vocabulary as the cover method searches it: every ordinary token's bytes, sorted, so that
 * the tokens that start with given bytes (a node of the trie over token bytes) are one contiguous
 * range found by binary search; the tokens whose bytes are exactly given bytes; and which adjacent
 * byte pairs some token spans (a position between two bytes no token spans is a boundary no
 * token crosses). Built once per tokenizer and shared.
 *
 * A sorted array instead of a pointer trie: 200k tokens become one array of strings and one of
 * ids (no per-node objects), a subtree is `[lo, hi)` and walking it is a loop over typed data.
 */
import type { Tokenizer } from "../core/tokenizer.js";

/** Bytes as a string of code units 0–255 (so that string order is byte order). */
export function byteKey(bytes: ArrayLike<number>, start = 0, end = bytes.length): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

const cache = new WeakMap<Tokenizer, TokenIndex>();

export class TokenIndex {
  /** Ids of the ordinary tokens (not special, not unknown, not empty), sorted by their bytes. */
  readonly sorted: Int32Array;
  /** The byte key of `sorted[i]`. */
  readonly keys: string[];
  /** Id → its position in `sorted`, or -1 for a token that is never part of a cover. */
  readonly position: Int32Array;
  /** The longest token, in bytes. */
  readonly maxLength: number;
  private readonly crossed = new Uint8Array(65536);

  /** The index of `tokenizer`'s vocabulary, built on first use. */
  static of(tokenizer: Tokenizer): TokenIndex {
    let index = cache.get(tokenizer);
    if (index === undefined) {
      index = new TokenIndex(tokenizer);
      cache.set(tokenizer, index);
    }
    return index;
  }

  private constructor(tokenizer: Tokenizer) {
    const entries: { id: number; key: string }[] = [];
    let maxLength = 0;
    for (let id = 0; id < tokenizer.vocabSize; id++) {
      const info = tokenizer.token(id);
      // Special tokens never come out of text, the unknown token stands for no bytes of its own.
      if (info === undefined || info.form === "special" || id === tokenizer.unknownId) continue;
      const bytes = info.bytes;
      if (bytes.length === 0) continue;
      entries.push({ id, key: byteKey(bytes) });
      if (bytes.length > maxLength) maxLength = bytes.length;
      for (let i = 1; i < bytes.length; i++) this.crossed[(bytes[i - 1] << 8) | bytes[i]] = 1;
    }
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
    this.sorted = Int32Array.from(entries, (e) => e.id);
    this.keys = entries.map((e) => e.key);
    this.position = new Int32Array(tokenizer.vocabSize).fill(-1);
    this.sorted.forEach((id, i) => {
      this.position[id] = i;
    });
    this.maxLength = maxLength;
  }

  /** How many ordinary tokens there are. */
  get size(): number {
    return this.sorted.length;
  }

  /** The first position whose key is `>= key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The positions `[lo, hi)` of the tokens whose bytes start with `bytes[start, end)` (the
   * subtree of that trie node; the whole vocabulary for no bytes).
   */
  range(bytes: ArrayLike<number>, start: number, end: number): [number, number] {
    if (end <= start) return [0, this.keys.length];
    const key = byteKey(bytes, start, end);
    // "\u0100" sorts after every byte, so key + it bounds every key that extends key.
    return [this.lowerBound(key), this.lowerBound(`${key}\u0100`)];
  }

  /** The ids whose bytes are exactly `bytes[start, end)` (several: a character and its byte token). */
  exact(bytes: ArrayLike<number>, start: number, end: number): number[] {
    const key = byteKey(bytes, start, end);
    const out: number[] = [];
    for (let i = this.lowerBound(key); i < this.keys.length && this.keys[i] === key; i++) {
      out.push(this.sorted[i]);
    }
    return out;
  }

  /** Whether some token contains byte `a` immediately followed by byte `b`. */
  spans(a: number, b: number): boolean {
    return this.crossed[(a << 8) | b] === 1;
  }
}
