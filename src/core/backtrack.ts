import { pairKey } from "./hash.js";
import { NO_RANK } from "./rank.js";
import type { BytePairVocab } from "./vocab.js";

/** Slots of the direct-mapped cache of pair verdicts (a power of two). */
const PAIR_CACHE_BITS = 14;

/**
 * Linear-time BPE for long pieces: the backtracking encoder of rust-gems `bpe`
 * (github/rust-gems, crates/bpe), adapted to tiktoken's merge rule.
 *
 * BPE's output is the only sequence of tokens that spells the piece, whose tokens are each
 * their own BPE encoding, and whose adjacent pairs are each their own BPE encoding
 * ({@link validPair}). The encoder searches for that sequence greedily: it appends the longest
 * token that matches at the current position and forms a valid pair with the previous token,
 * tries shorter matches when none does, and pops the previous token when no match at all works.
 * A position where every continuation failed is remembered in a bitfield and never tried again;
 * since the valid encoding of each prefix is unique, so is the last token at a reachable position,
 * so a failure there is final. Every position fails at most once, so each position is visited at
 * most twice and the work is linear in the piece (times a factor bounded by the longest token).
 * Why this equals tiktoken's result: docs/decisions/0008-long-pieces.md.
 *
 * Unlike rust-gems, there is no next-prefix table: after popping a token the encoder walks the
 * trie again from its start, capped one byte shorter, which yields the same candidates.
 *
 * Its tables are the vocabulary's, shared with every other encoder and segmenter of it, and built
 * lazily: the token trie ({@link BytePairVocab.trie}) one two-byte prefix at a time, the merge
 * trees ({@link BytePairVocab.splits}) of only the tokens the encoder meets. The encoder itself
 * holds scratch arrays and a cache of pair verdicts: not re-entrant.
 */
export class BacktrackEncoder {
  readonly vocab: BytePairVocab;
  /** Bit `p` set: no encoding of the rest of the piece starts at byte `p`. */
  private dead = new Int32Array(64);
  /** Tokens that are prefixes of the text at the position being extended, shortest first. */
  private readonly candidates: Int32Array;
  /**
   * Direct-mapped cache of {@link validPair}: per slot the left token, the right token and the
   * verdict (1 valid, 0 not), side by side so that a probe touches one cache line.
   */
  private readonly pairCache = new Int32Array(3 << PAIR_CACHE_BITS).fill(-1);

  constructor(vocab: BytePairVocab) {
    this.vocab = vocab;
    this.candidates = new Int32Array(vocab.maxTokenLength + 1);
  }

  /**
   * Encodes `bytes[0, len)` into `out` (room for `len` ranks) and returns the token count, or -1
   * when no encoding was found, which happens only if BPE's output needs a token outside the
   * proven case (see `TokenSplits.usable`) or some byte is not a token; the caller then
   * merges another way.
   * `prefix` holds the {@link prefixHashes} of the bytes.
   */
  encode(bytes: Uint8Array, len: number, prefix: Uint32Array, out: Int32Array): number {
    // Every byte is a token: BPE is defined only then (the heap merge throws otherwise).
    if (!this.vocab.byteComplete) return -1;
    const words = (len >> 5) + 1;
    if (this.dead.length < words) this.dead = new Int32Array(Math.max(words, this.dead.length * 2));
    const { dead, candidates } = this;
    const { offsets, maxTokenLength, trie, splits } = this.vocab;
    dead.fill(0, 0, words);

    let n = 0;
    let pos = 0;
    // Longest candidate to try at `pos`: shorter than the token just popped from there.
    let cap = maxTokenLength;
    while (pos < len) {
      const end = Math.min(pos + cap, len);
      let k = trie.prefixTokens(bytes, pos, end, candidates);
      let next = -1;
      while (--k >= 0) {
        const t = candidates[k];
        const after = pos + offsets[t + 1] - offsets[t];
        if ((dead[after >> 5] >>> (after & 31)) & 1) continue;
        if (!splits.usable(t)) continue;
        if (n > 0 && !this.validPair(out[n - 1], t, bytes, prefix, pos)) continue;
        next = t;
        break;
      }
      if (next >= 0) {
        out[n++] = next;
        pos += offsets[next + 1] - offsets[next];
        cap = maxTokenLength;
        continue;
      }
      // Nothing continues from here: remember, and retry the previous token's shorter prefixes.
      dead[pos >> 5] |= 1 << (pos & 31);
      if (n === 0) return -1;
      const last = out[--n];
      const lastLen = offsets[last + 1] - offsets[last];
      pos -= lastLen;
      cap = lastLen - 1;
    }
    return n;
  }

  /**
   * True when BPE on the bytes of tokens `a` then `b` (which meet at byte `at` of `bytes`) ends
   * in exactly `a`, `b`: no merge ever crosses their boundary.
   *
   * Without a crossing merge, each side is merged as on its own, so the part left of the
   * boundary runs down the right spine of `a`'s merge tree and the part right of it down the left
   * spine of `b`'s. The walk replays the spine events backwards, latest first. Between two events
   * the boundary pair (p, q) stays put; BPE merges it (a crossing) iff its rank beats the event
   * that ends the interval: an event on the left wins ties (leftmost rule), one on the right loses
   * them. Merge runs never go down in rank for monotone merge trees, so nothing in between matters.
   */
  private validPair(a: number, b: number, bytes: Uint8Array, prefix: Uint32Array, at: number): boolean {
    const cache = this.pairCache;
    const slot = 3 * (pairKey(a, b) >>> (32 - PAIR_CACHE_BITS));
    if (cache[slot] === a && cache[slot + 1] === b) return cache[slot + 2] === 1;
    const valid = this.crossingFree(a, b, bytes, prefix, at);
    cache[slot] = a;
    cache[slot + 1] = b;
    cache[slot + 2] = valid ? 1 : 0;
    return valid;
  }

  private crossingFree(a: number, b: number, bytes: Uint8Array, prefix: Uint32Array, at: number): boolean {
    const { vocab } = this;
    const { offsets, trie } = vocab;
    const { left, right } = vocab.splits;
    let p = a;
    let q = b;
    // The final state (a, b) has no event after it: any merge of the boundary pair crosses.
    let limit = NO_RANK;
    for (;;) {
      const from = at - (offsets[p + 1] - offsets[p]);
      const to = at + (offsets[q + 1] - offsets[q]);
      // Most boundary ranges are no token at all; the length bound rules many out unhashed.
      if (
        (to - from < 3 || to - from <= trie.maxLengthAt(bytes, from)) &&
        vocab.rankOfHashedRange(bytes, prefix, from, to) < limit
      )
        return false;
      // When each part formed; single bytes exist from the start.
      const bornP = offsets[p + 1] - offsets[p] === 1 ? -1 : p;
      const bornQ = offsets[q + 1] - offsets[q] === 1 ? -1 : q;
      if (bornP < 0 && bornQ < 0) return true;
      if (bornP > bornQ) {
        // `p` formed last (on equal ranks the left pair merges first, so `q` did).
        limit = p;
        p = right[p];
      } else {
        limit = q + 1; // the boundary pair is left of q's pair: it wins a tie
        q = left[q];
      }
    }
  }
}
