import { BacktrackEncoder } from "./backtrack.js";
import { pairKey, prefixHashes } from "./hash.js";
import { heapPop, heapPush } from "./heap.js";
import { NO_RANK } from "./rank.js";
import type { BytePairVocab } from "./vocab.js";

/**
 * Pieces up to this many bytes merge with tiktoken's quadratic scan, which is the fastest for
 * the short pieces that make up nearly all text; longer pieces use the linear backtracking
 * encoder ({@link BacktrackEncoder}), and the O(n log n) heap merge only where that declines.
 * (The name predates the backtracking encoder.) Measured: backtracking wins from about 32 bytes
 * on CJK, Thai and emoji pieces and breaks even on random ASCII (docs/decisions/0008-long-pieces.md).
 */
export const HEAP_MERGE_THRESHOLD = 32;

/** The token trie's edge keys (`node * 256 + byte`) must stay below 2^31. */
const MAX_BACKTRACK_BLOB = 1 << 23;

const TWO_32 = 4294967296;

/** Slots of the pair cache (a power of two): big enough for a language's frequent pairs. */
const PAIR_CACHE_SIZE = 1 << 16;

/**
 * Byte-level BPE merging with tiktoken's rule: repeatedly merge the adjacent pair of parts whose
 * concatenated bytes have the lowest rank, the leftmost one on ties, until no pair is a token.
 *
 * One merger owns reusable scratch arrays, so merging allocates nothing once they have grown to
 * the longest piece seen. Not re-entrant: results live in {@link out} until the next call.
 */
export class BytePairMerger {
  readonly vocab: BytePairVocab;
  /** The ranks produced by the last call, in order (`out[0, count)`). */
  out: Int32Array = new Int32Array(64);

  private prefix = new Uint32Array(129);
  /** Quadratic path: start byte of each part (plus a sentinel), its token, its pair rank. */
  private starts = new Int32Array(129);
  private tok = new Int32Array(128);
  private pair = new Int32Array(128);
  /** Heap path: doubly linked list over part start bytes. */
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  /** Heap keys `rank * 2^32 + start`: ordering by key is ordering by (rank, leftmost). */
  private heap = new Float64Array(0);
  /**
   * Direct-mapped cache of (left token, right token) → merged rank (or NO_RANK). The merged rank
   * depends only on the two tokens, so a hit skips hashing and comparing bytes.
   */
  private readonly cacheLeft = new Int32Array(PAIR_CACHE_SIZE).fill(-1);
  private readonly cacheRight = new Int32Array(PAIR_CACHE_SIZE);
  private readonly cacheRank = new Int32Array(PAIR_CACHE_SIZE);
  /** Built on the first long piece, so that loading an encoding stays cheap. */
  private backtrack: BacktrackEncoder | undefined;

  constructor(vocab: BytePairVocab) {
    // Heap keys must stay exact doubles: rank * 2^32 + start < 2^53.
    if (vocab.size > 1 << 21) throw new RangeError(`vocabularies over 2^21 ranks are not supported`);
    this.vocab = vocab;
  }

  /**
   * Encodes `bytes[0, len)` (one piece) into ranks, written to {@link out}; returns their count.
   * A piece that is itself a token is emitted as that token without merging (tiktoken's rule).
   *
   * @example
   * ```ts
   * const n = merger.encodePiece(new TextEncoder().encode(" tokenizer"), 10);
   * Array.from(merger.out.subarray(0, n)); // [47058] in cl100k_base: the piece is one token
   * ```
   */
  encodePiece(bytes: Uint8Array, len: number): number {
    const whole = this.vocab.rankOfRange(bytes, 0, len);
    if (whole !== NO_RANK) {
      this.out[0] = whole;
      return 1;
    }
    return this.merge(bytes, len);
  }

  /** Merges `bytes[0, len)` from single bytes up; the caller has checked the whole piece. */
  merge(bytes: Uint8Array, len: number): number {
    if (len === 0) return 0;
    if (this.out.length < len) this.out = new Int32Array(Math.max(len, this.out.length * 2));
    if (this.prefix.length < len + 1)
      this.prefix = new Uint32Array(Math.max(len + 1, this.prefix.length * 2));
    prefixHashes(bytes, len, this.prefix);
    if (len <= HEAP_MERGE_THRESHOLD) return this.mergeByScan(bytes, len, NO_RANK);
    if (this.vocab.blob.length < MAX_BACKTRACK_BLOB) {
      this.backtrack ??= new BacktrackEncoder(this.vocab);
      const n = this.backtrack.encode(bytes, len, this.prefix, this.out);
      if (n >= 0) return n;
    }
    return this.mergeByHeap(bytes, len);
  }

  /**
   * The heap merge of `bytes[0, len)`, whatever its length: the reference the long-piece
   * encoder is tested against.
   */
  mergeWithHeap(bytes: Uint8Array, len: number): number {
    if (len === 0) return 0;
    if (this.out.length < len) this.out = new Int32Array(Math.max(len, this.out.length * 2));
    if (this.prefix.length < len + 1)
      this.prefix = new Uint32Array(Math.max(len + 1, this.prefix.length * 2));
    prefixHashes(bytes, len, this.prefix);
    return this.mergeByHeap(bytes, len);
  }

  /**
   * BPE of `bytes[0, len)` by the scan, making only merges of rank below `limit`, whatever the
   * length: a token's split pair is its own bytes merged below its rank ({@link TokenSplits}).
   */
  mergeBelow(bytes: Uint8Array, len: number, limit: number): number {
    if (len === 0) return 0;
    if (this.out.length < len) this.out = new Int32Array(Math.max(len, this.out.length * 2));
    if (this.prefix.length < len + 1)
      this.prefix = new Uint32Array(Math.max(len + 1, this.prefix.length * 2));
    if (this.starts.length < len + 1) {
      const cap = Math.max(len + 1, this.starts.length * 2);
      this.starts = new Int32Array(cap);
      this.tok = new Int32Array(cap);
      this.pair = new Int32Array(cap);
    }
    prefixHashes(bytes, len, this.prefix);
    return this.mergeByScan(bytes, len, limit);
  }

  /**
   * The rank of the concatenation of adjacent parts `left` = `bytes[start, mid)` and `right` =
   * `bytes[mid, end)`, via the pair cache.
   */
  private mergedRank(left: number, right: number, bytes: Uint8Array, start: number, end: number): number {
    const slot = pairKey(left, right) >>> 16;
    if (this.cacheLeft[slot] === left && this.cacheRight[slot] === right) return this.cacheRank[slot];
    const r = this.vocab.rankOfHashedRange(bytes, this.prefix, start, end);
    this.cacheLeft[slot] = left;
    this.cacheRight[slot] = right;
    this.cacheRank[slot] = r;
    return r;
  }

  /**
   * tiktoken's algorithm: rescan all pairs for the minimum after every merge. O(n^2). Only merges
   * of rank below `limit` are made ({@link NO_RANK}: all).
   */
  private mergeByScan(bytes: Uint8Array, len: number, limit: number): number {
    const { vocab, starts, tok, pair, out } = this;
    const { byteRank, pairRank } = vocab;
    for (let i = 0; i < len; i++) {
      starts[i] = i;
      const r = byteRank[bytes[i]];
      if (r === NO_RANK) throw new Error(`byte 0x${bytes[i].toString(16)} is not a token`);
      tok[i] = r;
      pair[i] = i + 1 < len ? pairRank[(bytes[i] << 8) | bytes[i + 1]] : NO_RANK;
    }
    starts[len] = len;
    let m = len;
    for (;;) {
      let min = limit;
      let at = -1;
      for (let i = 0; i < m - 1; i++) {
        if (pair[i] < min) {
          min = pair[i];
          at = i;
        }
      }
      if (at < 0) break;
      tok[at] = min;
      // Drop part at + 1 by shifting the tail left.
      for (let j = at + 1; j < m - 1; j++) {
        starts[j] = starts[j + 1];
        tok[j] = tok[j + 1];
        pair[j] = pair[j + 1];
      }
      starts[m - 1] = starts[m];
      m--;
      pair[at] = at + 1 < m ? this.mergedRank(min, tok[at + 1], bytes, starts[at], starts[at + 2]) : NO_RANK;
      if (at > 0) pair[at - 1] = this.mergedRank(tok[at - 1], min, bytes, starts[at - 1], starts[at + 1]);
    }
    for (let i = 0; i < m; i++) out[i] = tok[i];
    return m;
  }

  /**
   * The same merge order as {@link mergeByScan}, found with a min-heap of (rank, start) over a
   * linked list of parts. Stale heap entries are skipped lazily: an entry is live only while its
   * part is alive and still has that pair rank (a part's pair only ever grows, so a rank never
   * comes back). O(n log n).
   */
  private mergeByHeap(bytes: Uint8Array, len: number): number {
    const { vocab, out } = this;
    const { byteRank, pairRank } = vocab;
    if (this.next.length < len + 1) {
      const cap = Math.max(len + 1, this.next.length * 2);
      this.next = new Int32Array(cap);
      this.prev = new Int32Array(cap);
    }
    if (this.tok.length < len) {
      const cap = Math.max(len, this.tok.length * 2);
      this.tok = new Int32Array(cap);
      this.pair = new Int32Array(cap);
    }
    // Every merge pushes at most two entries on top of the initial len - 1.
    if (this.heap.length < 3 * len) this.heap = new Float64Array(Math.max(3 * len, this.heap.length * 2));
    const { next, prev, tok, pair, heap } = this;

    let size = 0;
    for (let i = 0; i < len; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      const r = byteRank[bytes[i]];
      if (r === NO_RANK) throw new Error(`byte 0x${bytes[i].toString(16)} is not a token`);
      tok[i] = r;
      const p = i + 1 < len ? pairRank[(bytes[i] << 8) | bytes[i + 1]] : NO_RANK;
      pair[i] = p;
      if (p !== NO_RANK) size = heapPush(heap, size, p * TWO_32 + i);
    }

    while (size > 0) {
      const key = heap[0];
      size = heapPop(heap, size);
      const rank = Math.floor(key / TWO_32);
      const at = key - rank * TWO_32;
      if (pair[at] !== rank) continue; // stale (or dead: pair = -1)
      const gone = next[at];
      const after = next[gone];
      tok[at] = rank;
      next[at] = after;
      if (after < len) prev[after] = at;
      pair[gone] = -1;
      const p = after < len ? this.mergedRank(rank, tok[after], bytes, at, next[after]) : NO_RANK;
      pair[at] = p;
      if (p !== NO_RANK) size = heapPush(heap, size, p * TWO_32 + at);
      const before = prev[at];
      if (before >= 0) {
        const q = this.mergedRank(tok[before], rank, bytes, before, after);
        pair[before] = q;
        if (q !== NO_RANK) size = heapPush(heap, size, q * TWO_32 + before);
      }
    }

    let n = 0;
    for (let i = 0; i < len; i = next[i]) out[n++] = tok[i];
    return n;
  }
}
