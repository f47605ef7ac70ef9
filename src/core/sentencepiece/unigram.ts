import { CodeUnitTrie, NONE } from "../models/trie.js";
import { SentencePieceModel } from "./model.js";
import { charUnits } from "./prefix.js";
import type { SentencePieceVocab } from "./vocab.js";

/** SentencePiece's `kUnkPenalty`: an unknown character scores this much below the worst piece. */
const UNK_PENALTY = 10;
/** C's `FLT_MIN` and `FLT_MAX`, SentencePiece's starting max and min scores. */
const FLT_MIN = 1.1754943508222875e-38;
const FLT_MAX = 3.4028234663852886e38;

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * SentencePiece's unigram model (`unigram::Model::EncodeOptimized`), exactly: the Viterbi best
 * path over the pieces that match at each character, in SentencePiece's arithmetic. That
 * differs from Hugging Face's Unigram in ways that change tokens on some inputs:
 *
 * - path scores are 32-bit floats (`float` in C++), rounded after each addition;
 * - only normal and user-defined pieces match (HF also matches control pieces like `<s>` and
 *   unused ones written in the text);
 * - a user-defined piece scores `bytes × max_score − 0.1`, where `max_score` is the highest
 *   normal score but at least `FLT_MIN` (SentencePiece starts the maximum there, so for the usual
 *   all-negative scores the bonus is about -0.1, not "always taken" as its comment says);
 * - a character with no one-character piece offers the unknown piece at `min_score − 10`.
 *
 * A candidate replaces the best path ending at a position only when strictly better, so on a
 * tie the path found first stays: the one whose last piece starts earliest.
 *
 * @example
 * ```ts
 * const vocab = new SentencePieceVocab([
 *   { piece: "<unk>", score: 0, type: "unknown" },
 *   { piece: "a", score: -1, type: "normal" }, { piece: "b", score: -2, type: "normal" },
 *   { piece: "ab", score: -2.5, type: "normal" },
 * ], false);
 * new SentencePieceUnigram(vocab).tokenize("abx").map((t) => t.id); // [3, 0]
 * ```
 */
export class SentencePieceUnigram extends SentencePieceModel {
  readonly kind = "unigram";
  private readonly trie = new CodeUnitTrie();
  /** Per id: the score the lattice uses (user-defined pieces get their bonus here). */
  private readonly latticeScore: Float64Array;
  private readonly unkScore: number;

  private bestScore = new Float32Array(0);
  private bestFrom = new Int32Array(0);
  private bestId = new Int32Array(0);

  constructor(vocab: SentencePieceVocab) {
    super(vocab);
    let min = FLT_MAX;
    let max = FLT_MIN;
    vocab.types.forEach((t, id) => {
      if (t !== "normal") return;
      min = Math.min(min, vocab.scores[id]);
      max = Math.max(max, vocab.scores[id]);
    });
    this.unkScore = Math.fround(min - UNK_PENALTY);
    this.latticeScore = new Float64Array(vocab.pieces.length);
    for (const [piece, id] of vocab.matchable) {
      const type = vocab.types[id];
      // Unused pieces are in SentencePiece's trie but skipped when matched: leaving them out
      // of ours is the same.
      if (type === "unused") continue;
      this.trie.insert(piece, id);
      this.latticeScore[id] =
        type === "user-defined" ? Math.fround(utf8Length(piece) * max) - 0.1 : vocab.scores[id];
    }
  }

  protected segment(text: string, start: number, end: number): void {
    const n = end - start;
    if (this.bestFrom.length < n + 1) {
      const cap = Math.max(n + 1, 2 * this.bestFrom.length);
      this.bestScore = new Float32Array(cap);
      this.bestFrom = new Int32Array(cap);
      this.bestId = new Int32Array(cap);
    }
    const { bestScore, bestFrom, bestId, trie, latticeScore } = this;
    bestFrom.fill(NONE, 0, n + 1);
    bestScore[0] = 0;
    const unkId = this.vocab.unkId;
    for (let i = 0; i < n; ) {
      const here = bestScore[i];
      const charLen = Math.min(charUnits(text, start + i), n - i);
      let single = false;
      let node = CodeUnitTrie.ROOT;
      for (let j = start + i; j < end; ) {
        node = trie.child(node, text.charCodeAt(j++));
        if (node === NONE) break;
        const id = trie.value(node);
        if (id === NONE) continue;
        const k = j - start;
        // A double sum compared with the stored float, then stored as a float: C++'s
        // `double + float`, compared and assigned to a `float` field.
        const score = latticeScore[id] + here;
        if (bestFrom[k] === NONE || score > bestScore[k]) {
          bestScore[k] = score;
          bestFrom[k] = i;
          bestId[k] = id;
        }
        if (k - i === charLen) single = true;
      }
      if (!single) {
        const k = i + charLen;
        const score = Math.fround(this.unkScore + here);
        if (bestFrom[k] === NONE || score > bestScore[k]) {
          bestScore[k] = score;
          bestFrom[k] = i;
          bestId[k] = unkId;
        }
      }
      i += charLen;
    }
    // Walk the best path back, then emit it forwards (the path reuses `bestFrom` as links).
    const path: number[] = [];
    for (let e = n; e > 0; e = bestFrom[e]) path.push(e);
    let s = 0;
    for (let p = path.length - 1; p >= 0; p--) {
      const e = path[p];
      this.piece(text, start + s, start + e, bestId[e]);
      s = e;
    }
  }
}
