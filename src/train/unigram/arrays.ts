/**
 * Where the Unigram trainer keeps its big arrays (the word text, the lattices' pieces and
 * matches): plain memory by default, as in the browser; in Node, shared memory
 * (SharedArrayBuffer), so that training threads read them without a copy.
 */

/** Makes the trainer's big arrays. */
export interface ArrayAlloc {
  int32(length: number): Int32Array;
  float64(length: number): Float64Array;
}

/** Plain (unshared) arrays: the browser's and one thread's. */
export const plainArrays: ArrayAlloc = {
  int32: (n) => new Int32Array(n),
  float64: (n) => new Float64Array(n),
};
