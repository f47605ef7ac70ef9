/**
 * The BPE model's word cache, keyed by a word's UTF-16 range in place: a hit costs one hash of
 * the range (often already computed while cutting the word) and one comparison, with no
 * substring, no string hashing by the engine and no allocation. HF caches merged words too; the
 * results are the same with or without it.
 */

import { fnv1a } from "../hash.js";

/** The key hash of {@link WordCache}: FNV-1a over the word's code units. */
export const hashUnits = fnv1a;

/** Words longer than this many UTF-16 units are never cached. */
export const CACHE_MAX_WORD = 64;

const MAX_ENTRIES = 1 << 15;
const SLOTS = MAX_ENTRIES * 2;
/** Pool sizes: the cache starts over when either fills (as HF's cache stops at capacity). */
const KEY_UNITS = 1 << 19;
const VALUE_INTS = 1 << 19;

/**
 * Word (UTF-16 range) → its tokens: ids and UTF-16 lengths, and whether the lengths are in text
 * order (false after byte fallback, where offsets must be recomputed; the ids still hold).
 * Open addressing over entry indices; keys and values live in two flat pools. When an entry or
 * a pool runs out, everything is dropped and filling starts over.
 *
 * @example
 * ```ts
 * const cache = new WordCache();
 * const h = hashUnits("hello", 0, 5);
 * cache.find("hello", 0, 5, h); // -1
 * cache.add("hello", 0, 5, h, [7, 5], 1, true);
 * const e = cache.find("say hello", 4, 9, hashUnits("say hello", 4, 9)); // e >= 0
 * cache.values[cache.valueStart(e)]; // 7
 * ```
 */
export class WordCache {
  /** Per token of an entry: id, then UTF-16 length. */
  values = new Int32Array(0);
  private keys = new Uint16Array(0);
  /** Per slot: key hash, entry + 1 (0: empty). Side by side, so a probe reads one cache line. */
  private slots = new Int32Array(0);
  /** Per entry: key start in {@link keys}, key length, start in {@link values}, `2 * tokens + inOrder`. */
  private readonly meta = new Int32Array(4 * MAX_ENTRIES);
  private size = 0;
  private keyEnd = 0;
  private valueEnd = 0;

  /** Entry of `text[start, end)` (whose {@link hashUnits} is `h`), or -1. */
  find(text: string, start: number, end: number, h: number): number {
    const slots = this.slots;
    if (slots.length === 0) return -1;
    const len = end - start;
    const { meta, keys } = this;
    for (let slot = (h & (SLOTS - 1)) << 1; ; slot = (slot + 2) & (2 * SLOTS - 1)) {
      const e = slots[slot + 1] - 1;
      if (e < 0) return -1;
      if (slots[slot] === h && meta[4 * e + 1] === len) {
        const s = meta[4 * e];
        let i = 0;
        while (i < len && keys[s + i] === text.charCodeAt(start + i)) i++;
        if (i === len) return e;
      }
    }
  }

  /** Number of tokens of entry `e`. */
  count(e: number): number {
    return this.meta[4 * e + 3] >> 1;
  }

  /** Index in {@link values} of entry `e`'s first token. */
  valueStart(e: number): number {
    return this.meta[4 * e + 2];
  }

  /** Whether entry `e`'s lengths follow the text (offsets can be rebuilt from them). */
  inOrder(e: number): boolean {
    return (this.meta[4 * e + 3] & 1) === 1;
  }

  /**
   * Adds `text[start, end)` (not already present, hash `h`) with `n` tokens read from `pairs`
   * as (id, UTF-16 length) from index `from`.
   */
  add(
    text: string,
    start: number,
    end: number,
    h: number,
    pairs: ArrayLike<number>,
    n: number,
    inOrder: boolean,
    from = 0,
  ): void {
    const len = end - start;
    if (len > CACHE_MAX_WORD) return;
    if (this.slots.length === 0) {
      this.slots = new Int32Array(2 * SLOTS);
      this.keys = new Uint16Array(KEY_UNITS);
      this.values = new Int32Array(VALUE_INTS);
    }
    if (this.size === MAX_ENTRIES || this.keyEnd + len > KEY_UNITS || this.valueEnd + 2 * n > VALUE_INTS) {
      this.clear();
      if (2 * n > VALUE_INTS) return;
    }
    const e = this.size++;
    const { keys, values, meta, slots } = this;
    let k = this.keyEnd;
    meta[4 * e] = k;
    meta[4 * e + 1] = len;
    for (let i = start; i < end; i++) keys[k++] = text.charCodeAt(i);
    this.keyEnd = k;
    let v = this.valueEnd;
    meta[4 * e + 2] = v;
    for (let i = 0; i < 2 * n; i++) values[v++] = pairs[from + i];
    this.valueEnd = v;
    meta[4 * e + 3] = 2 * n + (inOrder ? 1 : 0);
    let slot = (h & (SLOTS - 1)) << 1;
    while (slots[slot + 1] !== 0) slot = (slot + 2) & (2 * SLOTS - 1);
    slots[slot] = h;
    slots[slot + 1] = e + 1;
  }

  private clear(): void {
    this.slots.fill(0);
    this.size = 0;
    this.keyEnd = 0;
    this.valueEnd = 0;
  }
}
