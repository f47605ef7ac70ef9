/**
 * From a merges list (either tokenizer.json spelling) to the merge table, with HF's checks:
 * what `convert_merges_to_hashmap` and `BpeBuilder::build` do in tokenizers/src/models/bpe.
 */
import { MergeTable } from "./bpe-merges.js";
import { NOT_FOUND, type RangeIndex } from "./bpe-vocab.js";
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
 * with the prefix). A pair listed twice keeps its last rank. With `index` (the vocabulary's
 * {@link RangeIndex}) and no prefix, lookups hash the strings in place instead.
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
  index?: RangeIndex,
): ResolvedMerges {
  const prefixBytes = prefix === null ? 0 : utf8Length(prefix, 0, prefix.length);
  if (index !== undefined && prefixBytes === 0) return resolveInPlace(merges, index);
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

/**
 * {@link resolveMerges} without a prefix to strip: every lookup hashes the merge's strings in
 * place through the vocabulary's {@link RangeIndex}, so loading 280k merges (Llama 3) splits,
 * concatenates and allocates no string. Same ranks, ids and errors (in the same order) as the
 * string path.
 */
function resolveInPlace(merges: ReadonlyArray<MergeInput>, index: RangeIndex): ResolvedMerges {
  // Legacy lines: where each splits, all checked before any is resolved (as the string path).
  let legacy = 0;
  const cut = new Int32Array(merges.length);
  for (let i = 0; i < merges.length; i++) {
    const merge = merges[i];
    if (typeof merge !== "string") continue;
    legacy++;
    if (merge.startsWith("#version")) {
      cut[i] = -1;
      continue;
    }
    const sp = merge.indexOf(" ");
    if (sp < 0 || merge.indexOf(" ", sp + 1) >= 0) {
      const line = i + 1 - countVersionLines(merges, i);
      throw new BpeMergeError(i, `Merges text file invalid at line ${line}`);
    }
    cut[i] = sp;
  }
  const count = legacy === 0 ? merges.length : merges.length - countVersionLines(merges, merges.length);
  if (count > MAX_MERGES) throw new RangeError(`more than ${MAX_MERGES} merges are not supported`);
  const table = new MergeTable(count);
  const newIdOfRank = new Int32Array(count);
  let rank = 0;
  for (let i = 0; i < merges.length; i++) {
    const merge = merges[i];
    let a: string;
    let aEnd: number;
    let b: string;
    let bStart: number;
    if (typeof merge === "string") {
      const sp = cut[i];
      if (sp < 0) continue;
      a = merge;
      aEnd = sp;
      b = merge;
      bStart = sp + 1;
    } else {
      a = merge[0];
      aEnd = a.length;
      b = merge[1];
      bStart = 0;
    }
    const aId = index.idOf(a, 0, aEnd);
    if (aId === NOT_FOUND) throw missing(a.slice(0, aEnd), i);
    const bId = index.idOf(b, bStart, b.length);
    if (bId === NOT_FOUND) throw missing(b.slice(bStart), i);
    const newId = index.idOfConcat(a, 0, aEnd, b, bStart, b.length);
    if (newId === NOT_FOUND) throw missing(a.slice(0, aEnd) + b.slice(bStart), i);
    table.add(aId, bId, rank, newId);
    newIdOfRank[rank++] = newId;
  }
  return { table, newIdOfRank };
}

function missing(token: string, index: number): BpeMergeError {
  return new BpeMergeError(index, `Token \`${token}\` out of vocabulary`);
}

/** Legacy `#version` lines among `merges[0, end)` (they take no rank and no line number). */
function countVersionLines(merges: ReadonlyArray<MergeInput>, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const m = merges[i];
    if (typeof m === "string" && m.startsWith("#version")) n++;
  }
  return n;
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
