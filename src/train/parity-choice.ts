/**
 * Which language Parity-aware BPE serves next (Foroutan et al. 2025). Each rule ranks the
 * languages from the worst-compressed down; the trainer takes the first ranked language that
 * still has a pair to merge.
 */

/**
 * Languages by descending token count of their parallel dev text: the one that needs the most
 * tokens for the same content is the worst compressed. Equal counts keep the given order.
 *
 * @example
 * worstByTokens([120, 300, 300]); // [1, 2, 0]
 */
export function worstByTokens(tokens: readonly number[]): number[] {
  return tokens.map((_, i) => i).sort((i, j) => tokens[j] - tokens[i] || i - j);
}

/**
 * Languages by ascending compression of their training text relative to a target: the rate is
 * initial length (base symbols) / current length, divided by the language's desired ratio; the
 * lowest adjusted rate is the furthest behind its target. Equal rates keep the given order. (The
 * authors' tool normalizes the ratios by the first language's; that does not change the order.)
 *
 * @example
 * worstByRatio([100, 100], [50, 80], [1, 1]); // [1, 0]: language 1 compressed 1.25×, language 0 2×
 */
export function worstByRatio(
  initial: readonly number[],
  current: readonly number[],
  ratios: readonly number[],
): number[] {
  const adjusted = initial.map((n, i) => (current[i] === 0 ? Infinity : n / current[i]) / ratios[i]);
  return adjusted.map((_, i) => i).sort((i, j) => adjusted[i] - adjusted[j] || i - j);
}

/**
 * The moving-window balance of the authors' `window` variant: among the last `size` parity
 * merges, a language may have had at most `alpha / languages` of them; a language over that
 * quota is passed over for the next worse one. (Global merges of a hybrid run do not enter the
 * window.)
 *
 * @example
 * const w = new MovingWindow(4, 10, 2); // quota: 2/4 of the last 10 parity merges
 * for (let k = 0; k < 6; k++) w.record(0);
 * w.reorder([0, 1, 2, 3]); // [1, 2, 3, 0]: language 0 had 6 of 10
 */
export class MovingWindow {
  private readonly recent: number[] = [];
  private readonly inWindow: Int32Array;
  private readonly threshold: number;

  constructor(
    languages: number,
    readonly size: number,
    alpha: number,
  ) {
    this.inWindow = new Int32Array(languages);
    this.threshold = alpha / languages;
  }

  /** Whether language `i` is within its quota now. */
  allows(i: number): boolean {
    return this.inWindow[i] / this.size <= this.threshold;
  }

  /** Records a parity merge made for language `i`. */
  record(i: number): void {
    this.recent.push(i);
    this.inWindow[i]++;
    if (this.recent.length > this.size) this.inWindow[this.recent.shift() as number]--;
  }

  /**
   * `ranked` with the languages over quota moved to the end (in their ranked order): they are
   * served only when no language within quota has a pair left.
   */
  reorder(ranked: readonly number[]): number[] {
    return [...ranked.filter((i) => this.allows(i)), ...ranked.filter((i) => !this.allows(i))];
  }
}
