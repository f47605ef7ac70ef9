/**
 * Orthogonal matching pursuit (Pati, Rezaiifar and Krishnaprasad 1993): a k-sparse
 * approximation of a vector by a dictionary's atoms. The tokenizer transplantation of Goddard
 * and Fernandes Neto (2025, "Training-Free Tokenizer Transplantation via Orthogonal Matching
 * Pursuit") writes each new token's donor embedding as such a combination of shared tokens'
 * donor embeddings and reuses the coefficients on the base model's rows. Browser-safe.
 *
 * Least squares over the chosen atoms is kept by an incremental QR (modified Gram–Schmidt,
 * orthogonalised twice against the earlier atoms so that k up to a few hundred stays accurate):
 * each step costs one pass over the dictionary for the correlations and O(k·d) for the update.
 */

/** A dictionary: `count` atoms of `dim` numbers, row after row. */
export interface Dictionary {
  readonly data: Float32Array | Float64Array;
  readonly count: number;
  readonly dim: number;
}

/** What {@link orthogonalMatchingPursuit} found. */
export interface OmpResult {
  /** The atoms chosen, in the order chosen. */
  readonly indices: number[];
  /** Least-squares coefficients of the chosen atoms (same order). */
  readonly coefficients: Float64Array;
  /** ‖target − Σ coefficients·atoms‖₂. */
  readonly residualNorm: number;
}

/** Options of {@link orthogonalMatchingPursuit}. */
export interface OmpOptions {
  /** Stop once the residual is at most this fraction of ‖target‖ (default 1e-9). */
  readonly tolerance?: number;
  /** Precomputed atom norms (from {@link atomNorms}), to share over many targets. */
  readonly norms?: Float64Array;
}

/** The Euclidean norm of each atom. */
export function atomNorms(dict: Dictionary): Float64Array {
  const norms = new Float64Array(dict.count);
  for (let j = 0; j < dict.count; j++) {
    let s = 0;
    const base = j * dict.dim;
    for (let t = 0; t < dict.dim; t++) s += dict.data[base + t] * dict.data[base + t];
    norms[j] = Math.sqrt(s);
  }
  return norms;
}

/**
 * At most `k` atoms of `dict` and coefficients that approximate `target` in least squares,
 * chosen greedily: each step takes the atom most correlated (by cosine) with the residual and
 * refits all coefficients. Atoms that are (numerically) combinations of those already chosen
 * are skipped.
 *
 * @example
 * ```ts
 * const dict = { data: new Float64Array([1, 0, 0, 1, 1, 1]), count: 3, dim: 2 };
 * orthogonalMatchingPursuit([2, 3], dict, 2).residualNorm; // ~0
 * ```
 */
export function orthogonalMatchingPursuit(
  target: ArrayLike<number>,
  dict: Dictionary,
  k: number,
  options: OmpOptions = {},
): OmpResult {
  const { dim, count, data } = dict;
  if (target.length !== dim) throw new RangeError(`target has ${target.length} numbers, atoms have ${dim}`);
  const norms = options.norms ?? atomNorms(dict);
  const tolerance = options.tolerance ?? 1e-9;
  const residual = Float64Array.from(target);
  const targetNorm = Math.sqrt(dot(residual, residual));
  const limit = Math.min(k, count, dim);
  const q: Float64Array[] = []; // orthonormal basis of the chosen atoms
  const r: Float64Array[] = []; // R's columns: r[c][i] = <q_i, atom_c>
  const z: number[] = []; // Q^T target
  const indices: number[] = [];
  const excluded = new Uint8Array(count);
  let residualNorm = targetNorm;
  while (indices.length < limit && residualNorm > tolerance * targetNorm) {
    const [best, bestScore] = mostCorrelated(residual, data, count, dim, norms, excluded);
    if (best < 0 || bestScore <= tolerance * targetNorm) break;
    excluded[best] = 1;
    const v = new Float64Array(dim);
    for (let t = 0; t < dim; t++) v[t] = data[best * dim + t];
    const column = new Float64Array(q.length + 1);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < q.length; i++) {
        const c = dot(q[i], v);
        column[i] += c;
        for (let t = 0; t < dim; t++) v[t] -= c * q[i][t];
      }
    }
    const length = Math.sqrt(dot(v, v));
    // Numerically in the span of the chosen atoms: it cannot lower the residual.
    if (length <= 1e-10 * norms[best]) continue;
    column[q.length] = length;
    for (let t = 0; t < dim; t++) v[t] /= length;
    const zi = dot(v, residual);
    for (let t = 0; t < dim; t++) residual[t] -= zi * v[t];
    q.push(v);
    r.push(column);
    z.push(zi);
    indices.push(best);
    residualNorm = Math.sqrt(dot(residual, residual));
  }
  // Back substitution: R·coefficients = z (R upper triangular, column c in r[c]).
  const m = indices.length;
  const coefficients = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i];
    for (let c = i + 1; c < m; c++) s -= r[c][i] * coefficients[c];
    coefficients[i] = s / r[i][i];
  }
  return { indices, coefficients, residualNorm };
}

/**
 * The atom with the largest |cosine| with `residual` (skipping excluded and zero atoms) and
 * that |dot| / norm: the one pass over the dictionary each step makes, kept in a small function
 * of its own (and unrolled) so that the engine compiles it for the one array type it sees.
 */
function mostCorrelated(
  residual: Float64Array,
  data: Float32Array | Float64Array,
  count: number,
  dim: number,
  norms: Float64Array,
  excluded: Uint8Array,
): [number, number] {
  let best = -1;
  let bestScore = 0;
  const end4 = dim - (dim % 4);
  for (let j = 0; j < count; j++) {
    if (excluded[j] === 1 || norms[j] === 0) continue;
    const base = j * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < end4; t += 4) {
      s0 += residual[t] * data[base + t];
      s1 += residual[t + 1] * data[base + t + 1];
      s2 += residual[t + 2] * data[base + t + 2];
      s3 += residual[t + 3] * data[base + t + 3];
    }
    for (let t = end4; t < dim; t++) s0 += residual[t] * data[base + t];
    const score = Math.abs(s0 + s1 + s2 + s3) / norms[j];
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  return [best, bestScore];
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
