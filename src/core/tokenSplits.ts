import { BytePairMerger } from "./bpe.js";
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
  /** Runs BPE over one token's bytes (its own scratch: splits are computed in the middle of an encode). */
  private merger: BytePairMerger | undefined;
  private resolved = 0;

  constructor(vocab: BytePairVocab) {
    this.vocab = vocab;
    this.left = new Int32Array(vocab.size);
    this.right = new Int32Array(vocab.size);
    this.state = new Uint8Array(vocab.size);
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
   * Records in {@link left}/{@link right} the last merge of tiktoken's rule on the bytes of
   * `rank`; false when the run does not end in `rank`, or only through a merge that ranks after
   * it (a merge tree that is not monotone: the token is unusable either way).
   *
   * Only parts ranked below `rank` are formed before the last merge of a monotone tree, and the
   * last merge is the only one that spans the whole token: so BPE restricted to ranks below
   * `rank` ends in exactly the split pair when the token is usable, and in more than two parts
   * otherwise. That restricted run is the merger's own scan with a rank limit.
   */
  private split(rank: number): boolean {
    const { vocab } = this;
    const from = vocab.offsets[rank];
    const to = vocab.offsets[rank + 1];
    const { blob, byteRank } = vocab;
    // A byte that is no token makes every tree containing it unusable (and the merger refuses it).
    for (let i = from; i < to; i++) if (byteRank[blob[i]] === NO_RANK) return false;
    this.merger ??= new BytePairMerger(vocab);
    const merger = this.merger;
    if (merger.mergeBelow(blob.subarray(from, to), to - from, rank) !== 2) return false;
    this.left[rank] = merger.out[0];
    this.right[rank] = merger.out[1];
    return true;
  }
}
