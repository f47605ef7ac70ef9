import { heapPop, heapPush } from "../heap.js";
import { encodeUtf8Into } from "../utf8.js";
import { wellFormedSlice } from "./text.js";
import { collectTokens, type ModelToken, type TokenSink, type WordModel } from "./types.js";

/** Options of {@link LlamaSpm}. */
export interface LlamaSpmOptions {
  /** Id used for a byte that has neither a `<0xAB>` piece nor a one-character piece. */
  readonly unkId?: number;
}

const HEX = "0123456789ABCDEF";
/** Heap keys are `scoreRank * 2^31 + position`: exact below 2^53 for up to 2^22 distinct scores. */
const POSITION_SPAN = 2 ** 31;

/**
 * llama.cpp's SentencePiece-style tokenizer (`llm_tokenizer_spm`, GGUF `tokenizer.ggml.model`
 * "llama"), which is not SentencePiece's BPE nor Hugging Face's: the word starts as its
 * characters; repeatedly, of all adjacent pairs whose concatenation is a piece of the
 * vocabulary (any piece, control and byte pieces included), the one whose piece has the highest
 * score is merged, the leftmost among equal scores; no merge list is consulted. A final symbol
 * that is not a piece (a character missing from the vocabulary) becomes its UTF-8 bytes as
 * `<0xAB>` pieces.
 *
 * Hugging Face's Llama tokenizer.json runs the same vocabulary as BPE with merges derived from
 * the scores, which agrees on ordinary text but not everywhere (docs/decisions/0038), so GGUF
 * files get this model.
 *
 * Cost: O(n log n) per word of n characters (a binary heap of candidate pairs).
 *
 * @example
 * ```ts
 * const spm = new LlamaSpm(["<unk>", "▁", "a", "b", "ab", "▁ab"], [0, -1, -2, -3, -1.5, -1]);
 * spm.tokenize("▁ab").map((t) => t.value); // ["▁ab"]
 * ```
 */
export class LlamaSpm implements WordModel {
  readonly unkId: number | undefined;
  private readonly pieces: readonly string[];
  private readonly scores: Float64Array;
  /** Piece → id (a repeated piece maps to its last id, as llama.cpp's `token_to_id`). */
  private readonly ids = new Map<string, number>();
  /** Per id, the rank of its score among the distinct scores, highest first. */
  private readonly scoreRank: Int32Array;
  /** The longest piece in UTF-16 units: a longer pair cannot be a piece, and needs no lookup. */
  private readonly maxPieceLength: number;
  /** Id for each byte, -1 when the vocabulary has none. */
  private readonly byteIds = new Int32Array(256).fill(-1);

  // Scratch reused across words: symbol start, length (0 once merged away), previous and next.
  private symStart = new Int32Array(0);
  private symLen = new Int32Array(0);
  private symPrev = new Int32Array(0);
  private symNext = new Int32Array(0);
  private heap = new Float64Array(0);
  private utf8 = new Uint8Array(16);

  constructor(pieces: readonly string[], scores: ArrayLike<number>, options: LlamaSpmOptions = {}) {
    if (scores.length !== pieces.length) {
      throw new RangeError(`${pieces.length} pieces but ${scores.length} scores`);
    }
    this.pieces = pieces;
    this.scores = Float64Array.from(scores);
    let longest = 0;
    for (let id = 0; id < pieces.length; id++) {
      this.ids.set(pieces[id], id);
      if (pieces[id].length > longest) longest = pieces[id].length;
    }
    this.maxPieceLength = longest;
    const distinct = [...new Set(this.scores)].sort((a, b) => b - a);
    const rankOf = new Map(distinct.map((s, i) => [s, i]));
    this.scoreRank = Int32Array.from(this.scores, (s) => rankOf.get(s)!);
    this.unkId = options.unkId;
    for (let b = 0; b < 256; b++) {
      const id =
        this.ids.get(`<0x${HEX[b >> 4]}${HEX[b & 15]}>`) ??
        (b < 0x80 ? this.ids.get(String.fromCharCode(b)) : undefined);
      this.byteIds[b] = id ?? options.unkId ?? -1;
    }
  }

  get vocabSize(): number {
    return this.pieces.length;
  }

  get maxId(): number {
    return this.pieces.length - 1;
  }

  tokenToId(token: string): number | undefined {
    return this.ids.get(token);
  }

  idToToken(id: number): string | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.pieces.length ? this.pieces[id] : undefined;
  }

  /** Score of piece `id`. */
  scoreOf(id: number): number | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.pieces.length ? this.scores[id] : undefined;
  }

  tokenize(word: string): ModelToken[] {
    return collectTokens(word, (text, start, end, out, values) => this.run(text, start, end, out, values));
  }

  tokenizeInto(text: string, start: number, end: number, out: TokenSink): number {
    return this.run(text, start, end, out, null);
  }

  tokenizeValuesInto(text: string, start: number, end: number, out: TokenSink, values: string[]): number {
    return this.run(text, start, end, out, values);
  }

  private grow(n: number): void {
    if (this.symStart.length >= n) return;
    const size = Math.max(n, this.symStart.length * 2);
    this.symStart = new Int32Array(size);
    this.symLen = new Int32Array(size);
    this.symPrev = new Int32Array(size);
    this.symNext = new Int32Array(size);
    // Each merge pushes at most two pairs, plus the n - 1 seeds.
    this.heap = new Float64Array(3 * size);
  }

  private run(text: string, start: number, end: number, out: TokenSink, values: string[] | null): number {
    if (end <= start) return 0;
    // A lone surrogate is U+FFFD, as llama.cpp sees it after UTF-8 conversion (one unit either way).
    const word = wellFormedSlice(text, start, end);
    const n = word.length;
    this.grow(n);
    const { symStart, symLen, symPrev, symNext } = this;
    let count = 0;
    for (let i = 0; i < n; ) {
      const c = word.charCodeAt(i);
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      symStart[count] = i;
      symLen[count] = w;
      symPrev[count] = count - 1;
      symNext[count] = i + w === n ? -1 : count + 1;
      count++;
      i += w;
    }
    const heap = this.heap;
    let size = 0;
    for (let s = 1; s < count; s++) size = this.push(word, s - 1, size);
    while (size > 0) {
      const key = heap[0];
      size = heapPop(heap, size);
      const left = key % POSITION_SPAN;
      const rank = (key - left) / POSITION_SPAN;
      // A stale entry (a symbol merged away, or a pair that no longer makes a piece of this
      // score) is skipped; the current pair was pushed when it formed, with its own key.
      if (symLen[left] === 0) continue;
      const right = symNext[left];
      if (right < 0 || symLen[left] + symLen[right] > this.maxPieceLength) continue;
      const id = this.ids.get(word.slice(symStart[left], symStart[right] + symLen[right]));
      if (id === undefined || this.scoreRank[id] !== rank) continue;
      symLen[left] += symLen[right];
      symLen[right] = 0;
      symNext[left] = symNext[right];
      if (symNext[right] >= 0) symPrev[symNext[right]] = left;
      if (symPrev[left] >= 0) size = this.push(word, symPrev[left], size);
      size = this.push(word, left, size);
    }
    let pushed = 0;
    for (let s = 0; s >= 0 && count > 0; s = symNext[s]) {
      const from = symStart[s];
      const to = from + symLen[s];
      const piece = word.slice(from, to);
      const id = this.ids.get(piece);
      if (id !== undefined) {
        this.emit(out, values, id, piece, start + from, start + to);
        pushed++;
        continue;
      }
      if (this.utf8.length < 4 * (to - from)) this.utf8 = new Uint8Array(8 * (to - from));
      const len = encodeUtf8Into(word, from, to, this.utf8);
      for (let k = 0; k < len; k++) {
        const b = this.utf8[k];
        const byteId = this.byteIds[b];
        if (byteId < 0) {
          out.ids.length -= pushed;
          out.starts.length -= pushed;
          out.ends.length -= pushed;
          if (values !== null) values.length -= pushed;
          throw new Error(
            `byte 0x${HEX[b >> 4]}${HEX[b & 15]} has no token and the vocabulary names no unknown token`,
          );
        }
        this.emit(out, values, byteId, this.pieces[byteId], start + from, start + to);
        pushed++;
      }
    }
    return pushed;
  }

  /** Queues the pair (left, next of left) if it spells a piece; returns the new heap size. */
  private push(word: string, left: number, size: number): number {
    const right = this.symNext[left];
    if (right < 0 || this.symLen[left] + this.symLen[right] > this.maxPieceLength) return size;
    const id = this.ids.get(word.slice(this.symStart[left], this.symStart[right] + this.symLen[right]));
    if (id === undefined) return size;
    return heapPush(this.heap, size, this.scoreRank[id] * POSITION_SPAN + left);
  }

  private emit(
    out: TokenSink,
    values: string[] | null,
    id: number,
    value: string,
    from: number,
    to: number,
  ): void {
    out.ids.push(id);
    out.starts.push(from);
    out.ends.push(to);
    if (values !== null) values.push(value);
  }
}
