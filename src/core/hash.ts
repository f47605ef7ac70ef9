/**
 * Murmur3's 32-bit finalizer: a bijective mix with full avalanche. Every hash table that picks
 * slots from weak hashes (a polynomial hash's low bits, small dense ids) runs its hash through
 * this first.
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
