/** Log-space arithmetic shared by src/lm (natural logs). */

/** log(Σ exp(values)); `-Infinity` for none or all `-Infinity`. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/** log(exp(a) + exp(b)). */
export function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** `values` shifted so that they sum to 1 in probability space (all `-Infinity` stays so). */
export function normalizeLog(values: Float64Array): Float64Array {
  const total = logSumExp(values);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] - total;
  return out;
}
