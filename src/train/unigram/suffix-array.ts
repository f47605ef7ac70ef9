/**
 * A suffix array sorted on the first `depth` symbols only, by prefix doubling with radix sorts
 * (Manber and Myers), and the longest common prefixes of neighbours capped at `depth`: all the
 * seed search needs, since no piece is longer than `max_sentencepiece_length` (16) characters.
 * Four doubling rounds instead of a full suffix sort, so it is linear in practice.
 */

/** The sorted suffixes and the LCP of each with the one before it. */
export interface CappedSuffixArray {
  /** Suffix start positions, ordered by their first `depth` symbols. */
  readonly sa: Int32Array;
  /** `lcp[j]`: common prefix length of `sa[j - 1]` and `sa[j]`, at most `depth`; `lcp[0] = 0`. */
  readonly lcp: Int32Array;
}

/**
 * Sorts the suffixes of `symbols` (each ≥ 1; equal values are equal symbols, so a unique value
 * acts as a separator no prefix extends across) on their first `depth` symbols.
 *
 * @example
 * ```ts
 * const { sa, lcp } = cappedSuffixArray(Int32Array.from([2, 1, 2, 1]), 2, 4);
 * [...sa]; // [3, 1, 2, 0]: "a", "aba"... with a = 1, b = 2
 * ```
 */
export function cappedSuffixArray(symbols: Int32Array, maxSymbol: number, depth: number): CappedSuffixArray {
  const n = symbols.length;
  let rank = Int32Array.from(symbols);
  let next = new Int32Array(n);
  const sa = new Int32Array(n);
  const tmp = new Int32Array(n);
  let maxRank = maxSymbol;
  countingSort(rank, maxRank, identityOrder(n), sa);
  for (let k = 1; k < depth; k *= 2) {
    // Order by the second key (the rank k symbols on; 0 past the end), then stable by the first.
    let t = 0;
    for (let i = n - k; i < n; i++) if (i >= 0) tmp[t++] = i;
    for (let j = 0; j < n; j++) if (sa[j] >= k) tmp[t++] = sa[j] - k;
    countingSort(rank, maxRank, tmp, sa);
    let r = 1;
    next[sa[0]] = 1;
    for (let j = 1; j < n; j++) {
      const a = sa[j - 1];
      const b = sa[j];
      const a2 = a + k < n ? rank[a + k] : 0;
      const b2 = b + k < n ? rank[b + k] : 0;
      if (rank[a] !== rank[b] || a2 !== b2) r++;
      next[b] = r;
    }
    [rank, next] = [next, rank];
    maxRank = r;
    if (r === n) break;
  }
  const lcp = new Int32Array(n);
  for (let j = 1; j < n; j++) {
    const a = sa[j - 1];
    const b = sa[j];
    let l = 0;
    while (l < depth && b + l < n && a + l < n && symbols[a + l] === symbols[b + l]) l++;
    lcp[j] = l;
  }
  return { sa, lcp };
}

function identityOrder(n: number): Int32Array {
  const o = new Int32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o;
}

/** Stable counting sort of the positions in `order` by `key[position]` into `out`. */
function countingSort(key: Int32Array, maxKey: number, order: Int32Array, out: Int32Array): void {
  const count = new Int32Array(maxKey + 2);
  for (let i = 0; i < order.length; i++) count[key[order[i]] + 1]++;
  for (let v = 1; v < count.length; v++) count[v] += count[v - 1];
  for (let i = 0; i < order.length; i++) {
    const p = order[i];
    out[count[key[p]]++] = p;
  }
}
