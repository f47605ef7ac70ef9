/**
 * The hashes of toklab, in one place. Every hash table here is open addressing in typed arrays;
 * what differs is the key, so there is one function per kind of key:
 *
 * - byte strings: {@link hashBytes}, a polynomial hash, so that the hash of any range follows
 *   from two prefix hashes ({@link prefixHashes}) — what lets BPE price a candidate merge in O(1);
 * - UTF-16 ranges: {@link fnv1a} (raw, for tables that extend it one unit at a time while
 *   scanning), and {@link hashUnits} (mixed);
 * - pairs of small ids: {@link pairHash} (any bits usable), or {@link pairKey} for tables that
 *   take the top bits (Fibonacci hashing, the cheapest on the hottest paths);
 * - one integer: {@link fibonacciSlot}, and {@link fmix32} to spread a weak hash over all bits.
 */

/** Multiplier of the polynomial byte hash (the FNV prime: odd, so a bijection mod 2^32). */
export const HASH_BASE = 0x01000193;

/** 2^32 / φ, odd: the multiplier of Fibonacci hashing. */
export const GOLDEN = 0x9e3779b1;

/**
 * Murmur3's 32-bit finalizer: a bijective mix with full avalanche. Tables that pick slots from
 * the low bits of a weak hash (a polynomial hash, small dense ids) run it through this first.
 *
 * @example
 * fmix32(1) !== fmix32(2); // true: neighbouring inputs land far apart
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Polynomial hash of `bytes[start, end)`: `h = h * B + byte (mod 2^32)`. Polynomial so that the
 * hash of a range follows from two prefix hashes (`H[end] - H[start] * B^(end - start)`).
 *
 * @example
 * hashBytes(new TextEncoder().encode("ab"), 0, 2) === (0x61 * HASH_BASE + 0x62) >>> 0; // true
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, HASH_BASE) + bytes[i]) | 0;
  return h >>> 0;
}

/**
 * Writes the prefix hashes of `bytes[0, len)` into `out[0..len]` (`out[0] = 0`), so that the
 * {@link hashBytes} of any range can be derived in O(1).
 */
export function prefixHashes(bytes: Uint8Array, len: number, out: Uint32Array): void {
  let h = 0;
  out[0] = 0;
  for (let i = 0; i < len; i++) {
    h = (Math.imul(h, HASH_BASE) + bytes[i]) | 0;
    out[i + 1] = h;
  }
}

/** FNV-1a's offset basis (32-bit); its prime is {@link HASH_BASE}. */
export const FNV_OFFSET = 0x811c9dc5 | 0;

/**
 * FNV-1a over the UTF-16 code units of `text[start, end)`, not mixed (a signed 32-bit value):
 * callers that scan a word can extend it unit by unit, `h = Math.imul(h ^ unit, HASH_BASE)`.
 *
 * @example
 * fnv1a("hello", 0, 5) === fnv1a("say hello", 4, 9); // true
 */
export function fnv1a(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), HASH_BASE);
  return h;
}

/**
 * {@link fnv1a} mixed so that short keys spread over the low bits (for `& mask` tables).
 *
 * @example
 * hashUnits("hello", 0, 5) === hashUnits("say hello", 4, 9); // true
 */
export function hashUnits(text: string, start: number, end: number): number {
  let h = fnv1a(text, start, end);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/**
 * A 32-bit mix of two ids, usable through any bits (`& mask`). Consecutive ids are the common
 * keys (merged tokens are added in order), so both are multiplied by odd constants and the high
 * bits folded down.
 *
 * @example
 * (pairHash(1, 2) & 1023) !== (pairHash(2, 1) & 1023); // order matters
 */
export function pairHash(a: number, b: number): number {
  let h = Math.imul(a, GOLDEN) ^ Math.imul(b + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * A cheap key of two ids whose **top** bits pick a slot (`pairKey(a, b) >>> (32 - bits)`): two
 * multiplies, for the per-merge caches of the BPE encoders.
 */
export function pairKey(a: number, b: number): number {
  return (Math.imul(a, GOLDEN) + Math.imul(b, 0x85ebca6b)) >>> 0;
}

/**
 * Fibonacci hashing: the slot of `key` in a table of `2^bits` slots.
 *
 * @example
 * fibonacciSlot(42, 16) < 65536; // true
 */
export function fibonacciSlot(key: number, bits: number): number {
  return Math.imul(key, GOLDEN) >>> (32 - bits);
}
