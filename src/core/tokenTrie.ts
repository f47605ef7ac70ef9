import { fibonacciSlot, GOLDEN } from "./hash.js";
import { NO_RANK } from "./rank.js";
import type { BytePairVocab } from "./vocab.js";

/** Slots of the length bound by three-byte prefix: 64 KB, small enough to stay in cache. */
const BOUND_BITS = 16;

function boundSlot(b0: number, b1: number, b2: number): number {
  return fibonacciSlot((b0 << 16) | (b1 << 8) | b2, BOUND_BITS);
}

/**
 * A byte trie over the tokens of a vocabulary, for "which tokens are prefixes of the text here"
 * (the longest-match step of the backtracking encoder).
 *
 * Nodes are integers; an edge `(node, byte) → child` lives in one open-addressing hash table in
 * typed arrays, so the trie costs two `Int32Array`s and one per-node rank, and a step is one
 * multiply and, nearly always, one probe. Single bytes and the first two bytes are looked up
 * directly. It is built lazily one two-byte prefix at a time: the first walk that starts with
 * bytes `b0 b1` inserts every token that starts with them, so a long piece builds only the part
 * of the vocabulary its text can match (a run of `a` only the tokens that start with `aa`).
 */
export class TokenTrie {
  private readonly vocab: BytePairVocab;
  /**
   * Node of each two-byte prefix `(b0 << 8) | b1` (node ids start at 1): 0 before its bucket is
   * built, -1 when no token starts with those two bytes.
   */
  private readonly pairNode = new Int32Array(65536);
  /** Ranks grouped by their first two bytes: bucket `k` is `byPair[bucketStart[k], bucketStart[k + 1])`. */
  private byPair: Int32Array | undefined;
  private bucketStart: Int32Array | undefined;
  /**
   * Upper bound on the length of a token that starts with three given bytes, by a hash of those
   * bytes (see {@link maxLengthAt}); 255 means "unknown". Built with the buckets.
   */
  private lengthBound = new Uint8Array(0);
  /** Rank of the token spelled by each node, or -1. */
  private nodeRank = new Int32Array(1024).fill(-1);
  private nodeCount = 1; // node 0 stands for "none"
  /** Edge keys `node * 256 + byte + 1` (0 = empty slot) and their child nodes. */
  private edgeKey = new Int32Array(1 << 12);
  private edgeChild = new Int32Array(1 << 12);
  private edgeShift = 32 - 12;
  private edgeCount = 0;

  constructor(vocab: BytePairVocab) {
    this.vocab = vocab;
  }

  /** Number of nodes built so far: a measure of the lazy build's work. */
  get size(): number {
    return this.nodeCount - 1;
  }

  /**
   * Writes to `out` the ranks of the tokens that are prefixes of `bytes[start, end)`, shortest
   * first, and returns their count. `out` needs room for `vocab.maxTokenLength` ranks.
   */
  prefixTokens(bytes: Uint8Array, start: number, end: number, out: Int32Array): number {
    if (start >= end) return 0;
    let n = 0;
    const single = this.vocab.byteRank[bytes[start]];
    if (single !== NO_RANK) out[n++] = single;
    if (start + 1 === end) return n;
    const pair = (bytes[start] << 8) | bytes[start + 1];
    let node = this.pairNode[pair];
    if (node === 0) node = this.buildBucket(pair);
    if (node < 0) return n;
    const { nodeRank, edgeKey, edgeChild, edgeShift } = this;
    const mask = (1 << (32 - edgeShift)) - 1;
    let i = start + 2;
    for (;;) {
      const r = nodeRank[node];
      if (r >= 0) out[n++] = r;
      if (i === end) return n;
      const key = node * 256 + bytes[i++] + 1;
      let slot = Math.imul(key, GOLDEN) >>> edgeShift;
      for (;;) {
        const k = edgeKey[slot];
        if (k === key) break;
        if (k === 0) return n;
        slot = (slot + 1) & mask;
      }
      node = edgeChild[slot];
    }
  }

  /**
   * An upper bound on the length of any token that starts at `bytes[at]` and is at least three
   * bytes long, or 255 when unknown. It lets a caller rule a range out without hashing it: a
   * token of three bytes or more longer than the bound cannot start there.
   */
  maxLengthAt(bytes: Uint8Array, at: number): number {
    if (this.byPair === undefined) this.groupByFirstBytes();
    return this.lengthBound[boundSlot(bytes[at], bytes[at + 1], bytes[at + 2])];
  }

  /** Inserts every token that starts with the two bytes `pair`; returns their node, or -1. */
  private buildBucket(pair: number): number {
    if (this.byPair === undefined) this.groupByFirstBytes();
    const byPair = this.byPair!;
    const bucketStart = this.bucketStart!;
    const from = bucketStart[pair];
    const to = bucketStart[pair + 1];
    if (from === to) {
      this.pairNode[pair] = -1;
      return -1;
    }
    const { blob, offsets } = this.vocab;
    const root = this.newNode();
    this.pairNode[pair] = root;
    for (let j = from; j < to; j++) {
      const rank = byPair[j];
      let node = root;
      for (let i = offsets[rank] + 2; i < offsets[rank + 1]; i++) node = this.childOrNew(node, blob[i]);
      this.nodeRank[node] = rank;
    }
    return root;
  }

  /** Counting sort of the tokens of two bytes or more by their first two bytes. */
  private groupByFirstBytes(): void {
    const { blob, offsets, size } = this.vocab;
    const start = new Int32Array(65537);
    for (let r = 0; r < size; r++) {
      const o = offsets[r];
      if (offsets[r + 1] - o >= 2) start[((blob[o] << 8) | blob[o + 1]) + 1]++;
    }
    for (let k = 0; k < 65536; k++) start[k + 1] += start[k];
    const fill = start.slice(0, 65536);
    const byPair = new Int32Array(start[65536]);
    const bound = new Uint8Array(1 << BOUND_BITS);
    for (let r = 0; r < size; r++) {
      const o = offsets[r];
      const len = offsets[r + 1] - o;
      if (len >= 2) byPair[fill[(blob[o] << 8) | blob[o + 1]]++] = r;
      if (len >= 3) {
        const slot = boundSlot(blob[o], blob[o + 1], blob[o + 2]);
        if (len > bound[slot]) bound[slot] = Math.min(len, 255);
      }
    }
    this.lengthBound = bound;
    this.byPair = byPair;
    this.bucketStart = start;
  }
  private newNode(): number {
    if (this.nodeCount === this.nodeRank.length) {
      const grown = new Int32Array(this.nodeRank.length * 2).fill(-1);
      grown.set(this.nodeRank);
      this.nodeRank = grown;
    }
    return this.nodeCount++;
  }

  private childOrNew(node: number, byte: number): number {
    const key = node * 256 + byte + 1;
    const mask = (1 << (32 - this.edgeShift)) - 1;
    let slot = Math.imul(key, GOLDEN) >>> this.edgeShift;
    for (;;) {
      const k = this.edgeKey[slot];
      if (k === key) return this.edgeChild[slot];
      if (k === 0) break;
      slot = (slot + 1) & mask;
    }
    const child = this.newNode();
    this.edgeKey[slot] = key;
    this.edgeChild[slot] = child;
    // Load factor at most 1/2 keeps probe chains short.
    if (++this.edgeCount * 2 > this.edgeKey.length) this.growEdges();
    return child;
  }

  private growEdges(): void {
    const oldKey = this.edgeKey;
    const oldChild = this.edgeChild;
    const cap = oldKey.length * 2;
    this.edgeKey = new Int32Array(cap);
    this.edgeChild = new Int32Array(cap);
    this.edgeShift--;
    const mask = cap - 1;
    for (let s = 0; s < oldKey.length; s++) {
      const key = oldKey[s];
      if (key === 0) continue;
      let slot = Math.imul(key, GOLDEN) >>> this.edgeShift;
      while (this.edgeKey[slot] !== 0) slot = (slot + 1) & mask;
      this.edgeKey[slot] = key;
      this.edgeChild[slot] = oldChild[s];
    }
  }
}
