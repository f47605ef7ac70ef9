/**
 * mulberry32: a tiny seeded PRNG returning floats in [0, 1). The same seed gives the same
 * sequence in every process and engine, which is what reproducible tests, benchmark inputs and
 * (later) seeded BPE-dropout and corpus sampling need. Not for cryptography.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // the same number on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
