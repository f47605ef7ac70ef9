/**
 * The E-step's fixed blocks of words, and their sums combined in block order. Floating-point
 * addition is not associative, so expected counts summed over words in another grouping differ
 * in the last bits, and pruning (which sorts by them) can then keep another piece. Cutting the
 * words into blocks that depend only on the word text, summing each block on its own and adding
 * the block sums in block order gives the same bits on one thread or many.
 */

/** Positions (characters and separators) per E-step block by default. */
export const BLOCK_CHARS = 1 << 18;

/**
 * Word indices where the blocks start, then the number of words: block `k` holds words
 * `[cuts[k], cuts[k + 1])`. A block ends at the first word end at or past `blockChars`
 * positions from its start.
 *
 * @example
 * ```ts
 * wordBlocks(Int32Array.of(0, 3, 6, 9), 4); // Int32Array [0, 2, 3]
 * ```
 */
export function wordBlocks(wordStart: Int32Array, blockChars: number = BLOCK_CHARS): Int32Array {
  if (!(Number.isInteger(blockChars) && blockChars >= 1)) {
    throw new RangeError(`E-step block size ${blockChars} is not a whole number ≥ 1`);
  }
  const words = wordStart.length - 1;
  const cuts = [0];
  let from = wordStart[0] ?? 0;
  for (let w = 1; w < words; w++) {
    if (wordStart[w] - from >= blockChars) {
      cuts.push(w);
      from = wordStart[w];
    }
  }
  if (words > 0) cuts.push(words);
  return Int32Array.from(cuts);
}

/**
 * Sums block results in block order, whatever order they arrive in: a block that comes early
 * waits until every block before it is added.
 */
export class BlockSum {
  readonly expected: Float64Array;
  /** The sum of the blocks' objectives, in block order. */
  objective = 0;
  private next = 0;
  private readonly waiting = new Map<number, { expected: Float64Array; objective: number }>();

  /**
   * @param release - given each block's array once it is added, to be used again
   */
  constructor(
    size: number,
    private readonly blocks: number,
    private readonly release: (partial: Float64Array) => void = () => {},
  ) {
    this.expected = new Float64Array(size);
  }

  /** True once every block is added. */
  get done(): boolean {
    return this.next === this.blocks;
  }

  /** Adds block `k`'s expected counts and objective (now, or once the blocks before it are in). */
  add(k: number, expected: Float64Array, objective: number): void {
    if (k < this.next || this.waiting.has(k) || k >= this.blocks)
      throw new Error(`E-step block ${k} given twice`);
    if (k !== this.next) {
      this.waiting.set(k, { expected, objective });
      return;
    }
    this.addNow(expected, objective);
    for (let w = this.waiting.get(this.next); w !== undefined; w = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.addNow(w.expected, w.objective);
    }
  }

  private addNow(partial: Float64Array, objective: number): void {
    const e = this.expected;
    for (let i = 0; i < e.length; i++) e[i] += partial[i];
    this.objective += objective;
    this.next++;
    this.release(partial);
  }
}
