/**
 * How far an estimated mixture is from the true one, as Hayase et al. score it (mean squared
 * error over the categories, reported as log10), and the two baselines they compare against.
 * The experiments and tests need the truth checked: a "truth" that does not sum to 1 or names
 * other categories would give a score that means nothing.
 */
import { MixtureError } from "./errors.js";

/** Largest distance of a mixture's sum from 1 that is still rounding. */
const SUM_TOLERANCE = 1e-9;

/**
 * Throws a {@link MixtureError} unless `weights` is a mixture: at least one category, every
 * weight finite and ≥ 0, summing to 1.
 *
 * @example
 * ```ts
 * checkMixture({ en: 0.7, fr: 0.3 }); // fine
 * checkMixture({ en: 0.7, fr: 0.4 }); // throws: the weights sum to 1.1
 * ```
 */
export function checkMixture(weights: Readonly<Record<string, number>>, what = "mixture"): void {
  const values = Object.values(weights);
  if (values.length === 0) throw new MixtureError(`the ${what} has no categories`);
  for (const [name, w] of Object.entries(weights)) {
    if (!Number.isFinite(w) || w < 0) {
      throw new MixtureError(`the ${what} gives ${JSON.stringify(name)} the weight ${w}: weights are ≥ 0`);
    }
  }
  const sum = values.reduce((s, w) => s + w, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new MixtureError(`the ${what}'s weights sum to ${sum}, not 1`);
}

/**
 * Mean squared error between an estimated and a true mixture over the same categories. Throws a
 * {@link MixtureError} when either is not a mixture or their categories differ.
 *
 * @example
 * ```ts
 * mixtureMse({ en: 0.6, fr: 0.4 }, { en: 0.5, fr: 0.5 }); // 0.01
 * ```
 */
export function mixtureMse(
  estimate: Readonly<Record<string, number>>,
  truth: Readonly<Record<string, number>>,
): number {
  checkMixture(estimate, "estimate");
  checkMixture(truth, "true mixture");
  const names = Object.keys(truth);
  const other = Object.keys(estimate);
  if (other.length !== names.length || other.some((n) => !(n in truth))) {
    throw new MixtureError(
      `the estimate's categories (${other.join(", ")}) are not the true mixture's (${names.join(", ")})`,
    );
  }
  return names.reduce((s, n) => s + (estimate[n] - truth[n]) ** 2, 0) / names.length;
}

/**
 * A mixture drawn uniformly from the simplex (normalised exponential draws), from `random`
 * returning numbers in [0, 1): the paper's way of choosing true mixtures and its random-guess
 * baseline.
 *
 * @example
 * ```ts
 * randomMixture(["en", "fr", "de"], Math.random); // { en: 0.21…, fr: 0.55…, de: 0.23… }
 * ```
 */
export function randomMixture(names: readonly string[], random: () => number): Record<string, number> {
  if (names.length === 0) throw new MixtureError("a mixture needs at least one category");
  const draws = names.map(() => -Math.log(1 - random()));
  const sum = draws.reduce((s, x) => s + x, 0);
  return Object.fromEntries(names.map((n, i) => [n, draws[i] / sum]));
}
