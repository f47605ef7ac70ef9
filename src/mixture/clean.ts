/**
 * Cleaning a merge list before it is replayed, as Hayase et al. (2024, appendices C.3 and C.4)
 * clean theirs. Two things in real lists are not the trace of a BPE training run:
 *
 * - Lists converted from SentencePiece models list *every* split of a token whose halves are
 *   tokens (`▁the` = `▁t he` = `▁th e` = `▁ the`), because SentencePiece merges by the score of
 *   the result, not by a list. Training made each token once, from one pair; replaying all the
 *   splits would merge far more than training did. One merge per token is kept.
 * - Some vocabularies were given runs of whitespace by hand (Gemma's `▁▁` … `▁▁▁▁▁▁▁▁`, `\t\t`,
 *   `\n\n\n` at the top of its list); those merges say nothing about the training data.
 */

/** Merges as parallel arrays of token ids, in list order. */
export interface RawMerges {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly merged: Int32Array;
}

/** Options of {@link cleanMerges}. */
export interface CleanMergesOptions {
  /** Drop merges whose token is a run of one whitespace character (space, tab, newline). */
  readonly dropWhitespaceRuns: boolean;
  /** The bytes a token stands for. */
  readonly tokenBytes: (id: number) => Uint8Array;
  /** The symbols BPE starts a token's own text from (ids; -1 for one it cannot spell). */
  readonly symbolsOf: (id: number) => number[];
}

/** Result of {@link cleanMerges}. */
export interface CleanedMerges extends RawMerges {
  readonly duplicates: number;
  readonly whitespaceRuns: number;
}

/** Pair key: ids are below 2^22 (vocabularies are far smaller), so the key is an exact double. */
function key(a: number, b: number): number {
  return a * 4194304 + b;
}

/** Whether `bytes` is two or more copies of one of space, tab, newline. */
export function isWhitespaceRun(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  const c = bytes[0];
  if (c !== 0x20 && c !== 0x09 && c !== 0x0a) return false;
  for (let i = 1; i < bytes.length; i++) if (bytes[i] !== c) return false;
  return true;
}

/**
 * One merge per token, and no whitespace runs if asked. For a token the list makes several
 * ways, the kept merge is the one BPE itself reaches: BPE over the token's own symbols with the
 * merges kept so far ends in two parts, and the merge of those two parts is kept (Hayase et al.
 * pick the split whose parts were formed by the earliest merges, which is the same choice).
 * When BPE does not end in one of the listed splits, the first split whose two parts already
 * exist is kept, else the first listed. The kept merge takes the place of the token's first
 * listing.
 *
 * @example
 * ```ts
 * // ids: ▁=0 t=1 h=2 e=3 ▁t=4 he=5 ▁th=6 th=7 ▁the=8
 * const raw = { left: Int32Array.of(0, 2, 4, 0, 6, 4), right: Int32Array.of(1, 3, 2, 7, 3, 5), merged: Int32Array.of(4, 5, 6, 6, 8, 8) };
 * cleanMerges(raw, { dropWhitespaceRuns: false, tokenBytes, symbolsOf }).merged; // [4, 5, 6, 8]: ▁t+h, then ▁th+e
 * ```
 */
export function cleanMerges(raw: RawMerges, options: CleanMergesOptions): CleanedMerges {
  const n = raw.left.length;
  const keep = new Uint8Array(n).fill(1);
  let whitespaceRuns = 0;
  if (options.dropWhitespaceRuns) {
    for (let k = 0; k < n; k++) {
      if (isWhitespaceRun(options.tokenBytes(raw.merged[k]))) {
        keep[k] = 0;
        whitespaceRuns++;
      }
    }
  }
  // Each token's listings, in order.
  const listings = new Map<number, number[]>();
  let repeated = false;
  for (let k = 0; k < n; k++) {
    if (keep[k] === 0) continue;
    const list = listings.get(raw.merged[k]);
    if (list === undefined) listings.set(raw.merged[k], [k]);
    else {
      list.push(k);
      repeated = true;
    }
  }
  let duplicates = 0;
  if (repeated) {
    // Walk the list in order, deciding each repeated token at its first listing.
    const keptRank = new Map<number, number>();
    const formed = new Set<number>();
    const out = { left: raw.left.slice(), right: raw.right.slice() };
    for (let k = 0; k < n; k++) {
      if (keep[k] === 0) continue;
      const token = raw.merged[k];
      const list = listings.get(token) as number[];
      if (list[0] !== k) {
        keep[k] = 0;
        duplicates++;
        continue;
      }
      let chosen = k;
      if (list.length > 1) chosen = choose(list, raw, keptRank, formed, options.symbolsOf(token));
      out.left[k] = raw.left[chosen];
      out.right[k] = raw.right[chosen];
      const pair = key(raw.left[chosen], raw.right[chosen]);
      if (!keptRank.has(pair)) keptRank.set(pair, k);
      formed.add(token);
    }
    return compact(
      { left: out.left, right: out.right, merged: raw.merged },
      keep,
      duplicates,
      whitespaceRuns,
    );
  }
  return compact(raw, keep, duplicates, whitespaceRuns);
}

/** The listing of a repeated token to keep (see {@link cleanMerges}). */
function choose(
  list: readonly number[],
  raw: RawMerges,
  keptRank: ReadonlyMap<number, number>,
  formed: ReadonlySet<number>,
  symbols: number[],
): number {
  // BPE over the token's own symbols with the merges kept so far (lowest rank first).
  const parts = symbols.slice();
  for (;;) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = keptRank.get(key(parts[i], parts[i + 1]));
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) break;
    parts.splice(best, 2, raw.merged[bestRank]);
  }
  if (parts.length === 2) {
    for (const k of list) if (raw.left[k] === parts[0] && raw.right[k] === parts[1]) return k;
  }
  const exists = (id: number) => formed.has(id) || !isMerged(id, raw);
  for (const k of list) if (exists(raw.left[k]) && exists(raw.right[k])) return k;
  return list[0];
}

/** Whether some merge of the list makes `id` (else it is a base symbol). */
function isMerged(id: number, raw: RawMerges): boolean {
  let set = mergedSets.get(raw);
  if (set === undefined) {
    set = new Set(raw.merged);
    mergedSets.set(raw, set);
  }
  return set.has(id);
}
const mergedSets = new WeakMap<RawMerges, Set<number>>();

function compact(
  raw: RawMerges,
  keep: Uint8Array,
  duplicates: number,
  whitespaceRuns: number,
): CleanedMerges {
  let m = 0;
  for (let k = 0; k < keep.length; k++) m += keep[k];
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const merged = new Int32Array(m);
  let j = 0;
  for (let k = 0; k < keep.length; k++) {
    if (keep[k] === 0) continue;
    left[j] = raw.left[k];
    right[j] = raw.right[k];
    merged[j] = raw.merged[k];
    j++;
  }
  return { left, right, merged, duplicates, whitespaceRuns };
}
