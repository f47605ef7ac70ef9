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
  private heapScore = new Float64Array(0);
  private heapLeft = new Int32Array(0);
  private heapRight = new Int32Array(0);
  private heapSize = new Int32Array(0);
  private heapCount = 0;
  /** Unused piece → the two symbols that last formed it (SentencePiece's `rev_merge`). */
  private revMerge = new Map<string, [string, string]>();

  constructor(vocab: SentencePieceVocab) {
    super(vocab);
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
    this.revMerge.clear();
    for (let k = 1; k < count; k++) this.maybeAdd(text, k - 1, k);
    while (this.heapCount > 0) {
      const left = this.heapLeft[0];
      const right = this.heapRight[0];
      const size = this.heapSize[0];
      this.pop();
      // A stale pair: one side was merged into something else since it was queued.
      if (symLen[left] === 0 || symLen[right] === 0 || symLen[left] + symLen[right] !== size) continue;
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
    this.push(this.vocab.scores[id], left, right, size);
    if (this.vocab.types[id] === "unused") {
      this.revMerge.set(w, [
        text.slice(s, s + this.symLen[left]),
        text.slice(s + this.symLen[left], s + size),
      ]);
    }
  }

  /** True when queued pair `a` comes out before `b`: higher score, then leftmost. */
  private before(a: number, b: number): boolean {
    const sa = this.heapScore[a];
    const sb = this.heapScore[b];
    return sa > sb || (sa === sb && this.heapLeft[a] < this.heapLeft[b]);
  }

  private push(score: number, left: number, right: number, size: number): void {
    let i = this.heapCount++;
    if (i >= this.heapScore.length) this.growHeap(2 * i + 16);
    const { heapScore, heapLeft, heapRight, heapSize } = this;
    heapScore[i] = score;
    heapLeft[i] = left;
    heapRight[i] = right;
    heapSize[i] = size;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private pop(): void {
    const last = --this.heapCount;
    this.swap(0, last);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && this.before(r, l) ? r : l;
      if (!this.before(c, i)) break;
      this.swap(c, i);
      i = c;
    }
  }

  private swap(a: number, b: number): void {
    const { heapScore, heapLeft, heapRight, heapSize } = this;
    const s = heapScore[a];
    heapScore[a] = heapScore[b];
    heapScore[b] = s;
    const l = heapLeft[a];
    heapLeft[a] = heapLeft[b];
    heapLeft[b] = l;
    const r = heapRight[a];
    heapRight[a] = heapRight[b];
    heapRight[b] = r;
    const z = heapSize[a];
    heapSize[a] = heapSize[b];
    heapSize[b] = z;
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

  private growHeap(cap: number): void {
    const copy = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
      b.set(a.subarray(0, this.heapCount));
      return b;
    };
    this.heapScore = copy(this.heapScore, new Float64Array(cap));
    this.heapLeft = copy(this.heapLeft, new Int32Array(cap));
    this.heapRight = copy(this.heapRight, new Int32Array(cap));
    this.heapSize = copy(this.heapSize, new Int32Array(cap));
  }
}
