/**
 * From a merges list (either tokenizer.json spelling) to the merge table, with HF's checks:
 * what `convert_merges_to_hashmap` and `BpeBuilder::build` do in tokenizers/src/models/bpe.
 */
import { MergeTable } from "./bpe-merges.js";
import { wellFormed } from "./text.js";
import type { TokenVocab } from "./vocab.js";

/** One merge: `["a", "b"]` (current tokenizer.json) or `"a b"` (legacy, as in merges.txt). */
export type MergeInput = readonly [string, string] | string;

/** Heap keys `rank * 2^32 + position` stay exact doubles below this many merges. */
export const MAX_MERGES = 1 << 21;

/**
 * A merge that HF would refuse (or, for a few malformed inputs, crash on). `index` is the
 * position in the list as given (legacy `#version` lines included), so loaders can name the JSON
 * path.
 */
export class BpeMergeError extends Error {
  constructor(
    readonly index: number,
    readonly detail: string,
  ) {
    super(`merge ${index}: ${detail}`);
    this.name = "BpeMergeError";
  }
}

/** The resolved merges: pair → (rank, new id), and each rank's new id for the stale test. */
export interface ResolvedMerges {
  readonly table: MergeTable;
  readonly newIdOfRank: Int32Array;
}

/**
 * Resolves `merges` against `vocab`, as HF's builder: ranks are positions in the list after
 * legacy strings starting with `#version` are dropped; a legacy string must split on `" "` into
 * exactly two parts; each part must be a token, and so must `a + b` with the first
 * `prefix`-many UTF-8 bytes of `b` removed (HF strips that many bytes whether or not `b` starts
 * with the prefix). A pair listed twice keeps its last rank.
 *
 * @example
 * ```ts
 * const vocab = new TokenVocab({ a: 0, b: 1, ab: 2 });
 * const { table } = resolveMerges([["a", "b"]], vocab, null);
 * table.newIdAt(table.find(0, 1)); // 2
 * resolveMerges(["a b c"], vocab, null); // BpeMergeError: merge 0: Merges text file invalid at line 1
 * ```
 */
export function resolveMerges(
  merges: ReadonlyArray<MergeInput>,
  vocab: TokenVocab,
  prefix: string | null,
): ResolvedMerges {
  // Legacy lines are all parsed before any is resolved, so a bad line is reported first.
  const pairs: [string, string, number][] = [];
  merges.forEach((merge, index) => {
    if (typeof merge !== "string") {
      pairs.push([merge[0], merge[1], index]);
      return;
    }
    if (merge.startsWith("#version")) return;
    const parts = merge.split(" ");
    if (parts.length !== 2) {
      throw new BpeMergeError(index, `Merges text file invalid at line ${pairs.length + 1}`);
    }
    pairs.push([parts[0], parts[1], index]);
  });
  if (pairs.length > MAX_MERGES) throw new RangeError(`more than ${MAX_MERGES} merges are not supported`);
  const prefixBytes = prefix === null ? 0 : utf8Length(prefix, 0, prefix.length);
  const table = new MergeTable(pairs.length);
  const newIdOfRank = new Int32Array(pairs.length);
  for (let rank = 0; rank < pairs.length; rank++) {
    const [a, b, index] = pairs[rank];
    const aId = tokenId(vocab, a, index);
    const bId = tokenId(vocab, b, index);
    const rest = withoutPrefixBytes(b, prefix, prefixBytes, index);
    const newId = tokenId(vocab, a + rest, index);
    table.add(aId, bId, rank, newId);
    newIdOfRank[rank] = newId;
  }
  return { table, newIdOfRank };
}

function tokenId(vocab: TokenVocab, token: string, index: number): number {
  const id = vocab.id(wellFormed(token));
  if (id === undefined) throw new BpeMergeError(index, `Token \`${token}\` out of vocabulary`);
  return id;
}

/**
 * `b` without its first `bytes` UTF-8 bytes. Where HF's byte slicing would panic (`b` shorter
 * than the prefix) or build invalid UTF-8 (a cut inside a character), this throws instead.
 */
function withoutPrefixBytes(b: string, prefix: string | null, bytes: number, index: number): string {
  if (prefix === null || bytes === 0) return b;
  if (b.startsWith(prefix)) return b.slice(prefix.length);
  let i = 0;
  let n = 0;
  while (i < b.length && n < bytes) {
    const cp = b.codePointAt(i) as number;
    n += utf8Length(b, i, i + (cp > 0xffff ? 2 : 1));
    i += cp > 0xffff ? 2 : 1;
  }
  if (n !== bytes) {
    throw new BpeMergeError(
      index,
      `cannot remove the ${bytes}-byte continuing_subword_prefix from \`${b}\` (HF would panic)`,
    );
  }
  return b.slice(i);
}

/** UTF-8 length of `s[start, end)`, a lone surrogate counting as U+FFFD (3 bytes). */
export function utf8Length(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if ((c & 0xfc00) === 0xd800 && i + 1 < end && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
