/**
 * How unequal a set of per-language costs is (token counts of parallel text, for one). The
 * Parity-aware BPE paper (Foroutan et al. 2025) reports the Gini coefficient of per-language
 * token costs; the max/min ratio is the plainest reading of the same spread.
 */

/**
 * The Gini coefficient of non-negative values: the mean absolute difference over all ordered
 * pairs, divided by twice the mean, `Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄)`. 0 when all are equal; at most
 * `(n − 1) / n` (one value holds everything). Computed in O(n log n) from the sorted values.
 *
 * @example
 * gini([1, 2, 3, 4]); // 0.25
 * gini([5, 5, 5]); // 0
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) throw new Error("gini: no values");
  for (const v of values) {
    if (!(v >= 0 && Number.isFinite(v))) throw new Error(`gini: values must be finite and ≥ 0, got ${v}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  // Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σₖ (2k − n + 1) x₍ₖ₎ over the ascending order (k from 0).
  let weighted = 0;
  for (let k = 0; k < n; k++) {
    total += sorted[k];
    weighted += (2 * k - n + 1) * sorted[k];
  }
  if (total === 0) return 0;
  return weighted / (n * total);
}

/** The spread of per-language costs. */
export interface Spread {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** `max / min` (Infinity when min is 0 and max is not; 1 for all zeros). */
  readonly maxOverMin: number;
  readonly gini: number;
}

/**
 * Minimum, maximum, mean, max/min and Gini of the values.
 *
 * @example
 * spread([100, 150, 200]).maxOverMin; // 2
 */
export function spread(values: readonly number[]): Spread {
  const g = gini(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const maxOverMin = max === 0 ? 1 : min === 0 ? Infinity : max / min;
  return { min, max, mean, maxOverMin, gini: g };
}
