/**
 * The digamma function ψ(x), by the recurrence up to x ≥ 7 and the asymptotic series, as
 * SentencePiece's Unigram trainer computes it for its Bayesian M-step (a Dirichlet prior with
 * α → 0: a piece's new log-probability is ψ(expected count) − ψ(sum of expected counts), which
 * pushes rare pieces down more than log(count / sum) does).
 *
 * @example
 * digamma(1); // -0.5772156649… (minus the Euler–Mascheroni constant)
 */
export function digamma(x: number): number {
  let result = 0;
  for (; x < 7; ++x) result -= 1 / x;
  x -= 0.5;
  const xx = 1 / x;
  const xx2 = xx * xx;
  const xx4 = xx2 * xx2;
  return (
    result + Math.log(x) + xx2 / 24 - (7 / 960) * xx4 + (31 / 8064) * xx4 * xx2 - (127 / 30720) * xx4 * xx4
  );
}
