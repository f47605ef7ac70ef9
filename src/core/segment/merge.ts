import { heapPop, heapPush } from "../heap.js";
import type { MergeRule } from "../merge-rule.js";
import { seededRandom } from "../random.js";
import { NO_RANK } from "../rank.js";
import type { BytePairVocab } from "../vocab.js";
import { byteLevelVocabulary, type Segmenter } from "./types.js";

const TWO_32 = 4294967296;

/**
 * BPE by the vocabulary's merge rule, with optional BPE-dropout (Provilkov et al., 2020).
 *
 * Without dropout (`bpe`): start from single bytes; repeatedly merge the adjacent pair of lowest
 * merge priority, the leftmost on ties, until no pair merges. With `wholePieceFirst`, a piece
 * that is a token is that token. This is the tokenizer's own result (tested against
 * `Encoding.encodeOrdinary` and an HF byte-level BPE), by one more implementation that exists so
 * that dropout has the exact p = 0 limit.
 *
 * With dropout `p`: at every merge step each candidate merge is dropped with probability `p`
 * and the best surviving one is applied; when every candidate is dropped the piece is done.
 * Candidates are tested lazily in priority order (a dropped one is set aside and offered again at
 * the next step), which draws the same distribution as dropping every candidate at every step.
 * The whole-piece rule counts as the first merge and is dropped with probability `p` too, so p = 0
 * is exactly `bpe` and small p changes little (HF instead turns `ignore_merges` off under any
 * dropout).
 *
 * Cost: O(n log n) per piece of n bytes (a heap of candidate merges over a linked list of parts).
 *
 * @example
 * ```ts
 * const seg = new MergeSegmenter(vocab, 0.1, 42);
 * const ids: number[] = [];
 * seg.segment(new TextEncoder().encode(" tokenization"), 0, 13, ids);
 * ```
 */
export class MergeSegmenter implements Segmenter {
  readonly name: "bpe" | "dropout";
  readonly vocabulary: BytePairVocab;
  readonly dropout: number;
  readonly seed: number;
  private readonly merges: MergeRule;
  private random: () => number;
  /** Per byte offset of the piece: the id of the part starting there, and the linked list. */
  private id = new Int32Array(64);
  private next = new Int32Array(64);
  private prev = new Int32Array(64);
  private alive = new Uint8Array(64);
  private heap = new Float64Array(256);
  private readonly skipped: number[] = [];

  constructor(vocabulary: BytePairVocab, dropout = 0, seed = 0, name?: "bpe" | "dropout") {
    if (!(dropout >= 0 && dropout <= 1)) throw new RangeError(`dropout must be in [0, 1], got ${dropout}`);
    this.name = name ?? (dropout === 0 ? "bpe" : "dropout");
    this.vocabulary = byteLevelVocabulary(vocabulary, this.name);
    if (vocabulary.merges === null) {
      throw new Error(`segmenter ${this.name} needs the merges of ${vocabulary.name} (none were given)`);
    }
    this.merges = vocabulary.merges;
    this.dropout = dropout;
    this.seed = seed;
    this.random = seededRandom(seed);
  }

  reset(): void {
    this.random = seededRandom(this.seed);
  }

  segment(bytes: Uint8Array, start: number, end: number, out: number[]): number {
    const n = end - start;
    if (n <= 0) return 0;
    const tokens = this.vocabulary;
    const merges = this.merges;
    const p = this.dropout;
    if (tokens.wholePieceFirst) {
      const whole = tokens.rankOfRange(bytes, start, end);
      if (whole !== NO_RANK && (p === 0 || this.random() >= p)) {
        out.push(whole);
        return 1;
      }
    }
    this.ensure(n);
    const { id, next, prev, alive } = this;
    for (let i = 0; i < n; i++) {
      id[i] = tokens.byteRank[bytes[start + i]];
      next[i] = i + 1;
      prev[i] = i - 1;
      alive[i] = 1;
    }
    let heap = this.heap;
    let size = 0;
    const push = (key: number) => {
      if (size === heap.length) {
        const grown = new Float64Array(heap.length * 2);
        grown.set(heap);
        heap = grown;
        this.heap = grown;
      }
      size = heapPush(heap, size, key);
    };
    /** Offers the merge of the part at `i` with the next one, if they merge. */
    const offer = (i: number) => {
      const j = next[i];
      if (j >= n) return;
      const r = merges.mergeRank(id[i], id[j], bytes, start + i, start + next[j]);
      if (r !== NO_RANK) push(r * TWO_32 + i);
    };
    for (let i = 0; i + 1 < n; i++) offer(i);
    const skipped = this.skipped;
    skipped.length = 0;
    while (size > 0) {
      const key = heap[0];
      size = heapPop(heap, size);
      const r = Math.floor(key / TWO_32);
      const i = key - r * TWO_32;
      const j = next[i];
      // Stale: the part is gone or has changed (a priority names one merged token, so an
      // unchanged priority means an unchanged pair).
      if (alive[i] === 0 || j >= n) continue;
      if (merges.mergeRank(id[i], id[j], bytes, start + i, start + next[j]) !== r) continue;
      if (p > 0 && this.random() < p) {
        skipped.push(key);
        continue;
      }
      id[i] = merges.mergedId(r);
      alive[j] = 0;
      next[i] = next[j];
      if (next[i] < n) prev[next[i]] = i;
      for (const k of skipped) push(k);
      skipped.length = 0;
      if (prev[i] >= 0) offer(prev[i]);
      offer(i);
    }
    let count = 0;
    for (let i = 0; i < n; i = next[i]) {
      out.push(id[i]);
      count++;
    }
    return count;
  }

  private ensure(n: number): void {
    if (this.id.length >= n) return;
    const cap = Math.max(n, 2 * this.id.length);
    this.id = new Int32Array(cap);
    this.next = new Int32Array(cap);
    this.prev = new Int32Array(cap);
    this.alive = new Uint8Array(cap);
  }
}
