import { prefixHashes } from "./hash.js";
import { NO_RANK } from "./rank.js";
import type { BytePairVocab } from "./vocab.js";

/** {@link TokenSplits} states of a rank. */
const UNKNOWN = 0;
/** A single byte: never formed by a merge, present from the start of every merge run. */
const BASE = 1;
/** Formed by merging its split pair, and its whole merge tree is rank-monotone. */
const MERGED = 2;
/** A hole, a token BPE never produces from its own bytes, or one whose merge tree is not monotone. */
const UNUSABLE = 3;

/**
 * The merge tree of each token under tiktoken's rule, computed lazily and memoised in typed arrays
 * (one table of a {@link BytePairVocab}: `vocab.splits`).
 *
 * The split pair of token `T` is the pair of parts whose merge completes BPE on `T`'s own bytes
 * (without the whole-token shortcut). Every part that a merge run ever forms is such a token,
 * built from exactly that pair, because the merges inside one part's bytes are the ones BPE makes
 * on those bytes alone.
 *
 * A token is *usable* by the backtracking encoder when
 * - it is reachable: BPE on its own bytes ends in the token itself (otherwise BPE never outputs
 *   it, except through the whole-piece shortcut, which the caller handles), and
 * - its merge tree is monotone: every merged token in it ranks after both of its parts. Then merge
 *   runs never go back to a lower rank, which the pair test of the backtracking encoder relies on
 *   (see docs/decisions/0008-long-pieces.md).
 */
export class TokenSplits {
  /** Left part of each merged token (valid when its state is {@link MERGED}). */
  readonly left: Int32Array;
  /** Right part of each merged token (valid when its state is {@link MERGED}). */
  readonly right: Int32Array;
  private readonly state: Uint8Array;
  private readonly vocab: BytePairVocab;
  private resolved = 0;
  // Scratch of the small merge run over one token's bytes.
  private readonly prefix: Uint32Array;
  private readonly starts: Int32Array;
  private readonly tok: Int32Array;
  private readonly pair: Int32Array;

  constructor(vocab: BytePairVocab) {
    this.vocab = vocab;
    this.left = new Int32Array(vocab.size);
    this.right = new Int32Array(vocab.size);
    this.state = new Uint8Array(vocab.size);
    const cap = vocab.maxTokenLength + 1;
    this.prefix = new Uint32Array(cap);
    this.starts = new Int32Array(cap);
    this.tok = new Int32Array(cap);
    this.pair = new Int32Array(cap);
  }

  /** Number of tokens whose state is known so far: a measure of the lazy build's work. */
  get size(): number {
    return this.resolved;
  }

  /**
   * True when the backtracking encoder may use token `rank` (see the class comment). Computes
   * the split pairs of its whole merge tree on first use.
   */
  usable(rank: number): boolean {
    const s = this.state[rank];
    if (s === UNKNOWN) return this.resolve(rank);
    return s !== UNUSABLE;
  }

  private resolve(rank: number): boolean {
    const len = this.vocab.tokenLength(rank);
    this.resolved++;
    if (len === 1) {
      this.state[rank] = BASE;
      return true;
    }
    let ok = len > 1 && this.split(rank);
    if (ok) {
      const l = this.left[rank];
      const r = this.right[rank];
      // Parts are reachable (formed by a run), so only monotonicity can fail below.
      ok = l < rank && r < rank && this.usable(l) && this.usable(r);
    }
    this.state[rank] = ok ? MERGED : UNUSABLE;
    return ok;
  }

  /**
   * Runs tiktoken's merge on the bytes of `rank` (quadratic scan: tokens are short) and records
   * the last merge in {@link left}/{@link right}; false when the run does not end in one part.
   */
  private split(rank: number): boolean {
    const { vocab, prefix, starts, tok, pair } = this;
    const bytes = vocab.blob.subarray(vocab.offsets[rank], vocab.offsets[rank + 1]);
    const len = bytes.length;
    prefixHashes(bytes, len, prefix);
    for (let i = 0; i < len; i++) {
      starts[i] = i;
      tok[i] = vocab.byteRank[bytes[i]];
      pair[i] = i + 1 < len ? vocab.pairRank[(bytes[i] << 8) | bytes[i + 1]] : NO_RANK;
    }
    starts[len] = len;
    let m = len;
    while (m > 1) {
      let min = NO_RANK;
      let at = -1;
      for (let i = 0; i < m - 1; i++) {
        if (pair[i] < min) {
          min = pair[i];
          at = i;
        }
      }
      if (at < 0) return false;
      if (m === 2) {
        this.left[rank] = tok[0];
        this.right[rank] = tok[1];
        return min === rank;
      }
      tok[at] = min;
      for (let j = at + 1; j < m - 1; j++) {
        starts[j] = starts[j + 1];
        tok[j] = tok[j + 1];
        pair[j] = pair[j + 1];
      }
      starts[m - 1] = starts[m];
      m--;
      pair[at] = at + 1 < m ? vocab.rankOfHashedRange(bytes, prefix, starts[at], starts[at + 2]) : NO_RANK;
      if (at > 0) pair[at - 1] = vocab.rankOfHashedRange(bytes, prefix, starts[at - 1], starts[at + 1]);
    }
    return false;
  }
}
