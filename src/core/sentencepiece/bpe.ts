import { heapPop, heapPush } from "../heap.js";
import { SentencePieceModel } from "./model.js";
import { charUnits } from "./prefix.js";
import type { SentencePieceVocab } from "./vocab.js";

/**
 * SentencePiece's BPE (`bpe::Model::Encode`), which has scores where Hugging Face's BPE has
 * merge ranks: the text starts as characters (a user-defined symbol is one frozen symbol that
 * never merges); repeatedly, of all adjacent pairs whose concatenation is a piece (normal,
 * user-defined or unused), the one with the highest score merges, the leftmost on a tie; at the
 * end a symbol that is an unused piece is split back into the two symbols that last formed that
 * string. Deriving merges from scores (what HF's converter does) agrees on real models but not
 * on every tie between two pairs forming the same piece, so this runs the scores directly.
 *
 * Cost: O(n log n) for n characters (a heap of candidate pairs, stale entries skipped).
 *
 * @example
 * ```ts
 * const vocab = new SentencePieceVocab([
 *   { piece: "<unk>", score: 0, type: "unknown" },
 *   { piece: "a", score: -1, type: "normal" }, { piece: "b", score: -2, type: "normal" },
 *   { piece: "ab", score: -0.5, type: "normal" },
 * ], false);
 * new SentencePieceBpe(vocab).tokenize("abc").map((t) => t.id); // [3, 0]
 * ```
 */
export class SentencePieceBpe extends SentencePieceModel {
  readonly kind = "bpe";

  // Scratch reused across calls, grown on demand.
  private symStart = new Int32Array(0);
  private symLen = new Int32Array(0);
  private prev = new Int32Array(0);
  private next = new Int32Array(0);
  private frozen = new Uint8Array(0);
  /** Queued pairs as keys `rank × count + left` (see {@link segment}), a binary min-heap. */
  private heap = new Float64Array(0);
  private heapCount = 0;
  /** Symbols in the text being segmented: the key's multiplier. */
  private count = 0;
  /** Unused piece → the two symbols that last formed it (SentencePiece's `rev_merge`). */
  private revMerge = new Map<string, [string, string]>();

  /** Per id: the rank of its score among the distinct scores, best first (equal scores, equal rank). */
  private readonly rank: Int32Array;

  constructor(vocab: SentencePieceVocab) {
    super(vocab);
    const distinct = [...new Set(vocab.scores)].sort((a, b) => b - a);
    const rankOf = new Map(distinct.map((score, r) => [score, r]));
    this.rank = Int32Array.from(vocab.scores, (score) => rankOf.get(score)!);
  }

  protected segment(text: string, start: number, end: number): void {
    const n = end - start;
    this.grow(n);
    const { symStart, symLen, prev, next, frozen } = this;
    let count = 0;
    for (let i = start; i < end; ) {
      const user = this.matcher.match(text, i, end);
      const len = user > 0 ? user : Math.min(charUnits(text, i), end - i);
      symStart[count] = i;
      symLen[count] = len;
      frozen[count] = user > 0 ? 1 : 0;
      prev[count] = count - 1;
      next[count] = i + len < end ? count + 1 : -1;
      count++;
      i += len;
    }
    this.heapCount = 0;
    this.count = count;
    this.revMerge.clear();
    for (let k = 1; k < count; k++) this.maybeAdd(text, k - 1, k);
    // SentencePiece queues (score, left, right, size) and skips entries made stale by a merge.
    // Here a pair is queued as one number, `rank × count + left` (higher score = lower rank,
    // then leftmost: SentencePiece's order), and on its turn the pair now at `left` is merged
    // if its piece has that rank. That is the same merge: a pair with that key is the one at
    // `left`, and every pair was queued when it formed, so no pair of a smaller key is pending.
    const rank = this.rank;
    const matchable = this.vocab.matchable;
    while (this.heapCount > 0) {
      const key = this.heap[0];
      this.heapCount = heapPop(this.heap, this.heapCount);
      const left = key % count;
      const right = next[left];
      if (symLen[left] === 0 || right < 0) continue;
      const s0 = symStart[left];
      const id = matchable.get(text.slice(s0, s0 + symLen[left] + symLen[right]));
      if (id === undefined || rank[id] !== (key - left) / count || frozen[left] || frozen[right]) continue;
      symLen[left] += symLen[right];
      next[left] = next[right];
      if (next[right] >= 0) prev[next[right]] = left;
      symLen[right] = 0;
      this.maybeAdd(text, prev[left], left);
      this.maybeAdd(text, left, next[left]);
    }
    for (let k = 0; k !== -1 && count > 0; k = next[k]) this.resegment(text, symStart[k], symLen[k]);
  }

  /** Emits a final symbol, splitting an unused piece back into the symbols that formed it. */
  private resegment(text: string, s: number, len: number): void {
    const v = this.vocab;
    const w = text.slice(s, s + len);
    const id = v.pieceToId(w);
    const parts = v.types[id] === "unused" ? this.revMerge.get(w) : undefined;
    if (parts === undefined) {
      this.piece(text, s, s + len, id);
      return;
    }
    this.resegment(text, s, parts[0].length);
    this.resegment(text, s + parts[0].length, parts[1].length);
  }

  private maybeAdd(text: string, left: number, right: number): void {
    if (left < 0 || right < 0 || this.frozen[left] || this.frozen[right]) return;
    const s = this.symStart[left];
    const size = this.symLen[left] + this.symLen[right];
    const w = text.slice(s, s + size);
    const id = this.vocab.matchable.get(w);
    if (id === undefined) return;
    if (this.heapCount >= this.heap.length) {
      const grown = new Float64Array(2 * this.heap.length + 16);
      grown.set(this.heap);
      this.heap = grown;
    }
    this.heapCount = heapPush(this.heap, this.heapCount, this.rank[id] * this.count + left);
    if (this.vocab.types[id] === "unused") {
      this.revMerge.set(w, [
        text.slice(s, s + this.symLen[left]),
        text.slice(s + this.symLen[left], s + size),
      ]);
    }
  }

  private grow(n: number): void {
    if (this.symStart.length >= n) return;
    const cap = Math.max(n, 2 * this.symStart.length);
    this.symStart = new Int32Array(cap);
    this.symLen = new Int32Array(cap);
    this.prev = new Int32Array(cap);
    this.next = new Int32Array(cap);
    this.frozen = new Uint8Array(cap);
  }
}
