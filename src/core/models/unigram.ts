import { encodeUtf8Into } from "../utf8.js";
import {
  charLength,
  isHighSurrogate,
  isLowSurrogate,
  REPLACEMENT,
  wellFormed,
  wellFormedSlice,
} from "./text.js";
import { CodeUnitTrie, NONE } from "./trie.js";
import { collectTokens, type ModelToken, type TokenSink, type WordModel } from "./types.js";

/** Options of {@link Unigram}, with HF's defaults. */
export interface UnigramOptions {
  /** Id of the unknown piece; without it an unknown character is an error. */
  readonly unkId?: number;
  /** Spell unknown spans as `<0xAB>` byte pieces when the vocabulary has them all. */
  readonly byteFallback?: boolean;
}

/** HF's `K_UNK_PENALTY`: an unknown character scores this much below the worst piece. */
export const UNK_PENALTY = 10;

const HEX = "0123456789ABCDEF";

/**
 * HF's Unigram model (SentencePiece's unigram language model), exact to HF's optimized Viterbi:
 *
 * - positions are characters (code points); at each, every piece of the trie that matches
 *   there, shortest first, offers a path ending after it with score `best(here) + score(piece)`;
 *   a candidate replaces the best only if strictly greater, so the earliest wins ties;
 * - a character with no single-character piece also offers the unknown piece, scored
 *   `min(scores) - 10` (this throws if the unknown piece would be taken and `unkId` is unset);
 * - on the best path, consecutive unknown-id tokens fuse into one span (`fuse_unk`);
 * - a span that is not itself a piece becomes its UTF-8 bytes `<0xAB>` when `byteFallback` is
 *   on and all those byte pieces exist (each byte token spans the whole span, as in HF), else the
 *   unknown id with the span's text as its value.
 *
 * Cost: O(length × longest piece) trie probes and O(length) memory in reused typed arrays, so a
 * 1 MB segment without spaces (SentencePiece models treat a segment as one word) is fine.
 *
 * @example
 * ```ts
 * const ug = new Unigram([["<unk>", 0], ["a", -1], ["b", -2], ["ab", -2.5]], { unkId: 0 });
 * ug.tokenize("abx").map((t) => t.value); // ["ab", "x"]   ("x" has the unknown id 0)
 * ```
 */
export class Unigram implements WordModel {
  readonly unkId: number | undefined;
  readonly byteFallback: boolean;
  /** Lowest piece score (`Infinity` for an empty vocabulary), the base of the unknown score. */
  readonly minScore: number;
  private readonly pieces: string[];
  private readonly scores: Float64Array;
  /** Piece → id; a repeated piece maps to its last id, as HF's `token_to_ids`. */
  private readonly ids = new Map<string, number>();
  private readonly trie = new CodeUnitTrie();
  /** Id of `<0xAB>` for each byte, {@link NONE} if absent. */
  private readonly byteIds = new Int32Array(256).fill(NONE);

  // Lattice scratch, reused across calls (grown on demand) so long segments allocate once.
  private bestScore = new Float64Array(0);
  /** Start of the best path's last token ending here, {@link NONE} when nothing ends here yet. */
  private bestFrom = new Int32Array(0);
  private bestId = new Int32Array(0);
  private utf8 = new Uint8Array(0);

  constructor(vocab: ReadonlyArray<readonly [string, number]>, options: UnigramOptions = {}) {
    const { unkId, byteFallback = false } = options;
    if (unkId !== undefined) {
      if (!Number.isInteger(unkId) || unkId < 0)
        throw new RangeError(`unkId must be a non-negative integer: ${unkId}`);
      if (vocab.length === 0) throw new Error("The vocabulary is empty but at least <unk> is needed");
      if (unkId >= vocab.length) throw new Error("The `unk_id` is larger than vocabulary size");
    }
    this.unkId = unkId;
    this.byteFallback = byteFallback;
    this.pieces = new Array(vocab.length);
    this.scores = new Float64Array(vocab.length);
    let minScore = Infinity;
    for (let id = 0; id < vocab.length; id++) {
      const [raw, score] = vocab[id];
      if (typeof score !== "number" || Number.isNaN(score))
        throw new RangeError(`score of piece ${id} must be a number`);
      const piece = wellFormed(raw);
      this.pieces[id] = piece;
      this.scores[id] = score;
      this.ids.set(piece, id);
      this.trie.insert(piece, id);
      if (score < minScore) minScore = score;
    }
    this.minScore = minScore;
    for (let b = 0; b < 256; b++) {
      this.byteIds[b] = this.ids.get(`<0x${HEX[b >> 4]}${HEX[b & 15]}>`) ?? NONE;
    }
  }

  /** Number of pieces, repeats included (HF's `vocab.len()`). */
  get vocabSize(): number {
    return this.pieces.length;
  }

  get maxId(): number {
    return this.pieces.length - 1;
  }

  tokenToId(token: string): number | undefined {
    return this.ids.get(token) ?? this.ids.get(wellFormed(token));
  }

  idToToken(id: number): string | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.pieces.length ? this.pieces[id] : undefined;
  }

  /** Score of piece `id` (its log-probability in the unigram language model). */
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

  private run(text: string, start: number, end: number, out: TokenSink, values: string[] | null): number {
    const n = end - start;
    if (n <= 0) return 0;
    this.viterbi(text, start, end);
    const from = this.bestFrom;
    const bestId = this.bestId;
    // Walk the best path back from the end, then emit it forwards. The path is stored in place:
    // `bestFrom[e]` for each end `e` on the path stays valid, and `next` links are written into
    // `bestScore`'s slots, which are no longer needed.
    const next = this.bestScore;
    let e = n;
    next[e] = -1;
    while (e > 0) {
      const s = from[e];
      // Unreachable: every char boundary is reached by a piece or the unknown node (or threw).
      if (s === NONE) throw new Error("Unigram: lattice has no path (internal error)");
      next[s] = e;
      e = s;
    }
    const first = out.ids.length;
    const unk = this.unkId ?? NONE;
    let runStart = -1; // start of a run of unknown-id tokens being fused
    for (let s = 0; s < n; ) {
      const t = next[s];
      const id = bestId[t];
      if (id === unk) {
        if (runStart < 0) runStart = s;
      } else {
        if (runStart >= 0) this.emitSpan(text, start + runStart, start + s, out, values);
        runStart = -1;
        out.ids.push(id);
        out.starts.push(start + s);
        out.ends.push(start + t);
        values?.push(this.pieces[id]);
      }
      s = t;
    }
    if (runStart >= 0) this.emitSpan(text, start + runStart, end, out, values);
    return out.ids.length - first;
  }

  /**
   * Fills the lattice for `text[start, end)`: `bestFrom[i]`, `bestId[i]`, `bestScore[i]` for
   * each char boundary `i` (relative to `start`).
   */
  private viterbi(text: string, start: number, end: number): void {
    const n = end - start;
    if (this.bestFrom.length < n + 1) {
      const cap = Math.max(n + 1, 2 * this.bestFrom.length);
      this.bestScore = new Float64Array(cap);
      this.bestFrom = new Int32Array(cap);
      this.bestId = new Int32Array(cap);
    }
    const bestScore = this.bestScore;
    const from = this.bestFrom;
    const bestId = this.bestId;
    const trie = this.trie;
    const scores = this.scores;
    const unkScore = this.minScore - UNK_PENALTY;
    from.fill(NONE, 0, n + 1);
    bestScore[0] = 0;
    for (let i = 0; i < n; ) {
      const here = bestScore[i];
      const charLen = charLength(text, start + i, end);
      let hasSingleChar = false;
      let node = CodeUnitTrie.ROOT;
      let j = start + i;
      while (j < end) {
        const c = text.charCodeAt(j);
        if ((c & 0xf800) !== 0xd800) {
          node = trie.child(node, c);
          j++;
        } else if (isHighSurrogate(c) && j + 1 < end && isLowSurrogate(text.charCodeAt(j + 1))) {
          node = trie.child(node, c);
          if (node !== NONE) node = trie.child(node, text.charCodeAt(j + 1));
          j += 2;
        } else {
          node = trie.child(node, REPLACEMENT);
          j++;
        }
        if (node === NONE) break;
        const id = trie.value(node);
        if (id === NONE) continue;
        const k = j - start;
        const score = scores[id] + here;
        if (from[k] === NONE || score > bestScore[k]) {
          bestScore[k] = score;
          from[k] = i;
          bestId[k] = id;
        }
        if (k - i === charLen) hasSingleChar = true;
      }
      if (!hasSingleChar) {
        const k = i + charLen;
        const score = unkScore + here;
        if (from[k] === NONE || score > bestScore[k]) {
          if (this.unkId === undefined)
            throw new Error("Encountered an unknown token but `unk_id` is missing");
          bestScore[k] = score;
          from[k] = i;
          bestId[k] = this.unkId;
        }
      }
      i += charLen;
    }
  }

  /** Emits a fused unknown span: itself if it is a piece, else its bytes, else the unknown id. */
  private emitSpan(text: string, s: number, e: number, out: TokenSink, values: string[] | null): void {
    const surface = wellFormedSlice(text, s, e);
    let id = this.ids.get(surface);
    if (id === undefined && this.byteFallback && this.pushBytes(text, s, e, out, values)) return;
    if (id === undefined) id = this.unkId;
    if (id === undefined) throw new Error("Encountered an unknown token but `unk_id` is missing");
    out.ids.push(id);
    out.starts.push(s);
    out.ends.push(e);
    values?.push(surface);
  }

  /** Pushes one `<0xAB>` token per UTF-8 byte of `text[s, e)`, each spanning it all; false if one is missing. */
  private pushBytes(text: string, s: number, e: number, out: TokenSink, values: string[] | null): boolean {
    if (this.utf8.length < 3 * (e - s))
      this.utf8 = new Uint8Array(Math.max(3 * (e - s), 2 * this.utf8.length));
    const bytes = this.utf8;
    const len = encodeUtf8Into(text, s, e, bytes);
    const byteIds = this.byteIds;
    for (let b = 0; b < len; b++) if (byteIds[bytes[b]] === NONE) return false;
    for (let b = 0; b < len; b++) {
      const id = byteIds[bytes[b]];
      out.ids.push(id);
      out.starts.push(s);
      out.ends.push(e);
      values?.push(this.pieces[id]);
    }
    return true;
  }
}
