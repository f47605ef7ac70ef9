import type { BytePairVocab } from "../vocab.js";
import { byteLevelVocabulary, type Segmenter } from "./types.js";

/**
 * LBPE, long-token-first (Lian et al., 2024, "LBPE: Long-token-first Tokenization to Improve
 * Large Language Models"): tokens are chosen by the reverse rank of their length, not by their
 * merge rank. Here, precisely: take the longest token that occurs in the piece (the leftmost
 * occurrence on ties), then segment the bytes on its left and on its right the same way, each on
 * its own. See docs/decisions/0018-segmenters.md for why this reading.
 *
 * How: list every occurrence of every token in the piece (a trie walk from each position), bucket
 * them by length, and accept them longest first, left to right, when their range is still free.
 * That equals the recursion: an accepted token lies inside one free gap, and it is the longest,
 * leftmost occurrence there. The range test needs only its two end bytes, since every token
 * accepted before is at least as long and so cannot fit strictly inside.
 *
 * Cost: O(n · L) per piece of n bytes, L the longest token.
 *
 * @example
 * ```ts
 * const seg = new LbpeSegmenter(vocab);
 * const ids: number[] = [];
 * seg.segment(new TextEncoder().encode("unhappiness"), 0, 11, ids);
 * ```
 */
export class LbpeSegmenter implements Segmenter {
  readonly name = "lbpe";
  readonly vocabulary: BytePairVocab;
  private readonly found: Int32Array;
  /** Occurrences: position (relative to the piece) and token id, in position order. */
  private occPos = new Int32Array(256);
  private occId = new Int32Array(256);
  /** Occurrence indices bucketed by token length (counting sort). */
  private order = new Int32Array(256);
  private readonly bucket: Int32Array;
  private covered = new Uint8Array(64);
  /** Id of the accepted token starting at each position, or -1. */
  private startId = new Int32Array(64);

  constructor(vocabulary: BytePairVocab) {
    this.vocabulary = byteLevelVocabulary(vocabulary, this.name);
    const maxLen = vocabulary.maxTokenLength;
    this.found = new Int32Array(maxLen + 1);
    this.bucket = new Int32Array(maxLen + 2);
  }

  reset(): void {}

  segment(bytes: Uint8Array, start: number, end: number, out: number[]): number {
    const n = end - start;
    if (n <= 0) return 0;
    const tokens = this.vocabulary;
    const { trie } = tokens;
    const { found, bucket } = this;
    if (this.covered.length < n) {
      this.covered = new Uint8Array(n);
      this.startId = new Int32Array(n);
    }
    const { covered, startId } = this;
    covered.fill(0, 0, n);
    startId.fill(-1, 0, n);
    bucket.fill(0);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const k = trie.prefixTokens(bytes, start + i, end, found);
      if (m + k > this.occPos.length) this.grow(m + k);
      for (let t = 0; t < k; t++) {
        this.occPos[m] = i;
        this.occId[m] = found[t];
        bucket[tokens.tokenLength(found[t])]++;
        m++;
      }
    }
    const { occPos, occId } = this;
    // Bucket starts, longest length first; within a bucket, occurrences stay in position order.
    let at = 0;
    for (let len = bucket.length - 1; len >= 1; len--) {
      const c = bucket[len];
      bucket[len] = at;
      at += c;
    }
    if (this.order.length < m) this.order = new Int32Array(this.occPos.length);
    const order = this.order;
    for (let o = 0; o < m; o++) order[bucket[tokens.tokenLength(occId[o])]++] = o;
    for (let q = 0; q < m; q++) {
      const o = order[q];
      const pos = occPos[o];
      const len = tokens.tokenLength(occId[o]);
      if (covered[pos] !== 0 || covered[pos + len - 1] !== 0) continue;
      covered.fill(1, pos, pos + len);
      startId[pos] = occId[o];
    }
    let count = 0;
    for (let i = 0; i < n; i += tokens.tokenLength(startId[i])) {
      out.push(startId[i]);
      count++;
    }
    return count;
  }

  private grow(need: number): void {
    const cap = Math.max(need, 2 * this.occPos.length);
    const pos = new Int32Array(cap);
    const id = new Int32Array(cap);
    pos.set(this.occPos);
    id.set(this.occId);
    this.occPos = pos;
    this.occId = id;
  }
}
