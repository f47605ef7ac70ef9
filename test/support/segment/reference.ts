/**
 * Naive reference segmenters, written straight from the definitions in docs/metrics.md with no
 * trie, heap or bucketing: what the fast segmenters in src/core/segment are checked against.
 */
import { seededRandom } from "../../../src/core/random.js";
import type { RankTable } from "../../../src/core/types.js";

/** The id of the token spelled by `bytes[start, end)`, or undefined. */
export type Lookup = (bytes: Uint8Array, start: number, end: number) => number | undefined;

/** LBPE by its definition: the longest token occurring in the piece (leftmost), then recurse. */
export function naiveLbpe(bytes: Uint8Array, idOf: Lookup): number[] {
  const rec = (s: number, e: number): number[] => {
    for (let len = e - s; len >= 1; len--) {
      for (let i = s; i + len <= e; i++) {
        const id = idOf(bytes, i, i + len);
        if (id !== undefined) return [...rec(s, i), id, ...rec(i + len, e)];
      }
    }
    if (s < e) throw new Error("unsegmentable");
    return [];
  };
  return rec(0, bytes.length);
}

/**
 * Every segmentation of the piece into tokens (exponential: small pieces only), as lists of
 * [start, end] ranges.
 */
export function allSegmentations(bytes: Uint8Array, idOf: Lookup): number[][][] {
  const out: number[][][] = [];
  const walk = (i: number, acc: number[][]) => {
    if (i === bytes.length) {
      out.push(acc.slice());
      return;
    }
    for (let j = i + 1; j <= bytes.length; j++) {
      if (idOf(bytes, i, j) === undefined) continue;
      acc.push([i, j]);
      walk(j, acc);
      acc.pop();
    }
  };
  walk(0, []);
  return out;
}

/**
 * PathPiece by enumeration: among all segmentations with the fewest tokens, the one whose token
 * lengths, read from the left, are largest at the first difference.
 */
export function naivePathPiece(bytes: Uint8Array, idOf: Lookup): number[] {
  const all = allSegmentations(bytes, idOf);
  let best: number[][] | undefined;
  for (const seg of all) {
    if (best === undefined || seg.length < best.length) {
      best = seg;
      continue;
    }
    if (seg.length > best.length) continue;
    for (let k = 0; k < seg.length; k++) {
      const a = seg[k][1] - seg[k][0];
      const b = best[k][1] - best[k][0];
      if (a !== b) {
        if (a > b) best = seg;
        break;
      }
    }
  }
  return (best ?? []).map(([s, e]) => idOf(bytes, s, e)!);
}

/** The minimum token count by a plain O(n²) DP (for pieces too long to enumerate). */
export function minTokens(bytes: Uint8Array, idOf: Lookup, maxLen: number): number {
  const n = bytes.length;
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = Math.max(0, j - maxLen); i < j; i++) {
      if (best[i] + 1 < best[j] && idOf(bytes, i, j) !== undefined) best[j] = best[i] + 1;
    }
  }
  return best[n];
}

/** Greedy longest prefix: from the left, the longest token the rest starts with. */
export function naiveGreedy(bytes: Uint8Array, idOf: Lookup, maxLen: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    for (let len = Math.min(maxLen, bytes.length - i); len >= 1; len--) {
      const id = idOf(bytes, i, i + len);
      if (id !== undefined) {
        out.push(id);
        i += len;
        break;
      }
      if (len === 1) throw new Error("unsegmentable");
    }
  }
  return out;
}

/**
 * tiktoken's BPE by rescanning: a piece that is a token is that token (when `wholePieceFirst`);
 * otherwise merge the adjacent pair whose bytes form the lowest-ranked token, leftmost on ties.
 */
export function naiveBpe(bytes: Uint8Array, idOf: Lookup, wholePieceFirst = true): number[] {
  if (bytes.length === 0) return [];
  const whole = idOf(bytes, 0, bytes.length);
  if (wholePieceFirst && whole !== undefined) return [whole];
  const parts: number[] = [];
  for (let i = 0; i <= bytes.length; i++) parts.push(i);
  for (;;) {
    let bestRank = Number.POSITIVE_INFINITY;
    let at = -1;
    for (let k = 0; k + 2 < parts.length; k++) {
      const r = idOf(bytes, parts[k], parts[k + 2]);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        at = k;
      }
    }
    if (at < 0) break;
    parts.splice(at + 1, 1);
  }
  const out: number[] = [];
  for (let k = 0; k + 1 < parts.length; k++) out.push(idOf(bytes, parts[k], parts[k + 1])!);
  return out;
}

/** A small random byte-level vocabulary: the 256 bytes, then random strings over `alphabet`. */
export interface ToyVocab {
  readonly table: RankTable;
  readonly idOf: Lookup;
  readonly maxLen: number;
}

/**
 * The 256 single bytes (ids 0–255), then `count` distinct random strings of 2–`maxLen` bytes
 * over `alphabet`, in random rank order, with a hole (an unused id) now and then.
 */
export function toyVocab(seed: number, alphabet: string, count: number, maxLen = 6): ToyVocab {
  const rnd = seededRandom(seed);
  const seen = new Set<string>();
  const tokens: (Uint8Array | null)[] = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
  const byKey = new Map<string, number>();
  for (let b = 0; b < 256; b++) byKey.set(String.fromCharCode(b), b);
  let guard = 0;
  while (seen.size < count && guard++ < count * 50) {
    const len = 2 + Math.floor(rnd() * (maxLen - 1));
    let s = "";
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    if (seen.has(s)) continue;
    seen.add(s);
    if (rnd() < 0.05) tokens.push(null);
    byKey.set(s, tokens.length);
    tokens.push(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  }
  const offsets = new Uint32Array(tokens.length + 1);
  let n = 0;
  tokens.forEach((t, i) => {
    offsets[i] = n;
    n += t?.length ?? 0;
  });
  offsets[tokens.length] = n;
  const blob = new Uint8Array(n);
  tokens.forEach((t, i) => {
    if (t !== null) blob.set(t, offsets[i]);
  });
  const idOf: Lookup = (bytes, start, end) => byKey.get(String.fromCharCode(...bytes.subarray(start, end)));
  return { table: { blob, offsets }, idOf, maxLen };
}

/** A random piece of `0..maxLen` bytes, mostly from `alphabet`, sometimes any byte. */
export function randomPiece(rnd: () => number, alphabet: string, maxLen: number): Uint8Array {
  const len = Math.floor(rnd() * (maxLen + 1));
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    out[i] = rnd() < 0.9 ? alphabet.charCodeAt(Math.floor(rnd() * alphabet.length)) : Math.floor(rnd() * 256);
  }
  return out;
}
