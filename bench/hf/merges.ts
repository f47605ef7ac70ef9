/**
 * Recover an ordered BPE merge list from tiktoken ranks.
 *
 * tiktoken stores only ranks: a token's rank is its merge priority. For each token (in rank
 * order) we replay BPE on its own bytes using only tokens of lower rank; the last step joins
 * exactly two parts, and that pair is the token's merge. This is the standard conversion.
 */
export function deriveMerges(tokens: ReadonlyArray<Uint8Array | undefined>): Array<[Uint8Array, Uint8Array]> {
  const rankOf = new Map<string, number>();
  tokens.forEach((bytes, rank) => {
    if (bytes) rankOf.set(key(bytes), rank);
  });
  const merges: Array<[Uint8Array, Uint8Array]> = [];
  tokens.forEach((bytes, rank) => {
    if (!bytes || bytes.length < 2) return;
    const parts = mergeBelow(bytes, rank, rankOf);
    if (parts.length !== 2)
      throw new Error(`token of rank ${rank} does not split into two lower-rank tokens`);
    merges.push([parts[0], parts[1]]);
  });
  return merges;
}

/** Latin-1 string of the bytes: a cheap exact Map key. */
function key(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Plain BPE on `bytes`, merging the lowest-rank adjacent pair while its rank is below `maxRank`. */
function mergeBelow(bytes: Uint8Array, maxRank: number, rankOf: Map<string, number>): Uint8Array[] {
  let parts = Array.from(bytes, (b) => Uint8Array.of(b));
  for (;;) {
    let best = -1;
    let bestRank = maxRank;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = rankOf.get(key(parts[i]) + key(parts[i + 1]));
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) return parts;
    const joined = new Uint8Array(parts[best].length + parts[best + 1].length);
    joined.set(parts[best]);
    joined.set(parts[best + 1], parts[best].length);
    parts = [...parts.slice(0, best), joined, ...parts.slice(best + 2)];
  }
}
