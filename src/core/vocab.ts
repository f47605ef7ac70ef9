import { fmix32, HASH_BASE, hashBytes } from "./hash.js";
import { ConcatMergeRule, type MergeRule } from "./merge-rule.js";
import { NO_RANK } from "./rank.js";
import { TokenSplits } from "./tokenSplits.js";
import { TokenTrie } from "./tokenTrie.js";
import type { RankTable } from "./types.js";

export { HASH_BASE, hashBytes, prefixHashes } from "./hash.js";
export { NO_RANK } from "./rank.js";

/** Spreads a polynomial hash over all bits before it picks a slot (its low bits are weak). */
const mix = fmix32;

/** Options of {@link BytePairVocab}. */
export interface BytePairVocabOptions {
  /** Names the vocabulary in error messages (e.g. `o200k_base`). Default `vocabulary`. */
  readonly name?: string;
  /**
   * How BPE merges over these tokens, for the `bpe` and `dropout` segmenters: by default
   * tiktoken's rule ({@link ConcatMergeRule}); Hugging Face's merge-list rule for a
   * tokenizer.json model; `null` when unknown (those two segmenters are then refused).
   */
  readonly merges?: MergeRule | null;
  /**
   * A piece that is itself a token is that token, before any merging (tiktoken's rule, HF's
   * `ignore_merges`), for the `bpe` and `dropout` segmenters. Default `true`.
   */
  readonly wholePieceFirst?: boolean;
}

/**
 * A byte-level BPE vocabulary (token bytes by rank = id) with every table that encoding and
 * segmenting it needs, built once per vocabulary and shared by everything that runs on it: the
 * `Encoding` and its merger, the backtracking encoder for long pieces, and the segmenters
 * (LBPE, PathPiece, greedy, BPE-dropout), as rust-gems' `BytePairEncoding` holds every table of
 * its vocabulary and each way of segmenting is a method over it in a file of its own.
 *
 * Built eagerly (cheap, and every encode needs them): the bytes → rank hash of tiktoken's
 * `encoder`, an open-addressing table in typed arrays keyed by the polynomial hash of a token's
 * bytes and verified against the blob, so lookups never build a string; single bytes and byte
 * pairs, the most frequent lookups, in direct-indexed arrays. tiktoken's merge rule needs only
 * this: the merged rank of two adjacent parts is the rank of their concatenated bytes.
 *
 * Built lazily, on first use (costly, and most texts never need them): the byte trie over the
 * tokens ({@link trie}: "which tokens start here", for the backtracking encoder and the
 * segmenters; itself built one two-byte prefix at a time) and each token's split pair and
 * usability ({@link splits}: the backtracking encoder's merge trees, computed per token).
 *
 * Not a byte-level vocabulary: Hugging Face's string-keyed vocabularies (`TokenVocab`, for
 * WordPiece, WordLevel and HF's BPE loop) and the trainer's growing `TokenTable`; see
 * docs/decisions/0028-byte-level-vocabulary.md.
 */
export class BytePairVocab {
  /** Token bytes, concatenated in rank order. */
  readonly blob: Uint8Array;
  /** Token `r` is `blob[offsets[r], offsets[r + 1])`; an empty slice is a hole. */
  readonly offsets: Uint32Array;
  /** Number of ranks, holes included (`offsets.length - 1`). */
  readonly size: number;
  /** Number of ranks that have a token (holes excluded). */
  readonly tokenCount: number;
  /** Length in bytes of the longest token; no longer range can be a token. */
  readonly maxTokenLength: number;
  /** Rank of each single byte, or {@link NO_RANK}. */
  readonly byteRank: Int32Array;
  /** Rank of each two-byte string `(b0 << 8) | b1`, or {@link NO_RANK}. */
  readonly pairRank: Int32Array;
  /** `B^k mod 2^32` for `k <= maxTokenLength`, to derive range hashes from prefix hashes. */
  readonly powers: Uint32Array;
  /** Names the vocabulary in error messages. */
  readonly name: string;
  /** Every single byte is a token: then every piece can be segmented, and BPE is defined on it. */
  readonly byteComplete: boolean;
  /** How BPE merges over this vocabulary (see {@link BytePairVocabOptions.merges}); `null`: unknown. */
  readonly merges: MergeRule | null;
  /** See {@link BytePairVocabOptions.wholePieceFirst}. */
  readonly wholePieceFirst: boolean;

  private readonly slotHash: Uint32Array;
  /** Rank in each slot, -1 when empty. */
  private readonly slotRank: Int32Array;
  private readonly mask: number;
  private tokenTrie: TokenTrie | undefined;
  private tokenSplits: TokenSplits | undefined;

  constructor(table: RankTable, options: BytePairVocabOptions = {}) {
    this.name = options.name ?? "vocabulary";
    this.merges = options.merges === undefined ? new ConcatMergeRule(this) : options.merges;
    this.wholePieceFirst = options.wholePieceFirst ?? true;
    const { blob, offsets } = table;
    this.blob = blob;
    this.offsets = offsets;
    const size = offsets.length - 1;
    this.size = size;
    let count = 0;
    let maxLen = 0;
    for (let r = 0; r < size; r++) {
      const len = offsets[r + 1] - offsets[r];
      if (len > 0) count++;
      if (len > maxLen) maxLen = len;
    }
    this.tokenCount = count;
    this.maxTokenLength = maxLen;

    const powers = new Uint32Array(maxLen + 1);
    powers[0] = 1;
    for (let k = 1; k <= maxLen; k++) powers[k] = Math.imul(powers[k - 1], HASH_BASE);
    this.powers = powers;

    // Load factor below 1/2 keeps probe chains short.
    let cap = 1024;
    while (cap < count * 2) cap *= 2;
    this.mask = cap - 1;
    this.slotHash = new Uint32Array(cap);
    this.slotRank = new Int32Array(cap).fill(-1);
    this.byteRank = new Int32Array(256).fill(NO_RANK);
    this.pairRank = new Int32Array(65536).fill(NO_RANK);

    for (let r = 0; r < size; r++) {
      const start = offsets[r];
      const end = offsets[r + 1];
      const len = end - start;
      if (len === 0) continue;
      if (len === 1) this.byteRank[blob[start]] = r;
      else if (len === 2) this.pairRank[(blob[start] << 8) | blob[start + 1]] = r;
      const h = hashBytes(blob, start, end);
      let slot = mix(h) & this.mask;
      while (this.slotRank[slot] !== -1) {
        // Two ranks with the same bytes would make encoding ambiguous.
        const other = this.slotRank[slot];
        if (this.slotHash[slot] === h && offsets[other + 1] - offsets[other] === len) {
          let i = 0;
          while (i < len && blob[offsets[other] + i] === blob[start + i]) i++;
          if (i === len) throw new Error(`ranks ${other} and ${r} have the same bytes`);
        }
        slot = (slot + 1) & this.mask;
      }
      this.slotHash[slot] = h;
      this.slotRank[slot] = r;
    }
    this.byteComplete = this.byteRank.every((r) => r !== NO_RANK);
  }

  /**
   * The byte trie over the tokens, for "which tokens are prefixes of the text here" (the
   * backtracking encoder, LBPE, PathPiece, greedy). Created on first use, and built lazily one
   * two-byte prefix at a time.
   */
  get trie(): TokenTrie {
    this.tokenTrie ??= new TokenTrie(this);
    return this.tokenTrie;
  }

  /**
   * Each token's split pair under tiktoken's rule and whether the backtracking encoder may use
   * it. Created on first use, and computed lazily token by token.
   */
  get splits(): TokenSplits {
    this.tokenSplits ??= new TokenSplits(this);
    return this.tokenSplits;
  }

  /** Rank of the token with hash `h` and bytes `bytes[start, start + len)`, or -1. */
  private findSlot(h: number, bytes: Uint8Array, start: number, len: number): number {
    const { slotHash, slotRank, offsets, blob, mask } = this;
    let slot = mix(h) & mask;
    for (;;) {
      const r = slotRank[slot];
      if (r === -1) return -1;
      if (slotHash[slot] === h) {
        const t = offsets[r];
        if (offsets[r + 1] - t === len) {
          let i = 0;
          while (i < len && blob[t + i] === bytes[start + i]) i++;
          if (i === len) return r;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The rank of the token whose bytes are `bytes[start, end)`, or {@link NO_RANK}.
   *
   * @example
   * ```ts
   * vocab.rankOfRange(new TextEncoder().encode("hello"), 0, 5); // 15339 in cl100k_base
   * ```
   */
  rankOfRange(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len === 1) return this.byteRank[bytes[start]];
    if (len === 2) return this.pairRank[(bytes[start] << 8) | bytes[start + 1]];
    if (len <= 0 || len > this.maxTokenLength) return NO_RANK;
    const r = this.findSlot(hashBytes(bytes, start, end), bytes, start, len);
    return r < 0 ? NO_RANK : r;
  }

  /**
   * The rank of the token `bytes[0, len)` whose {@link hashBytes} hash the caller already has
   * (computed while producing the bytes), or {@link NO_RANK}.
   */
  rankOfHashed(h: number, bytes: Uint8Array, len: number): number {
    if (len === 1) return this.byteRank[bytes[0]];
    if (len === 2) return this.pairRank[(bytes[0] << 8) | bytes[1]];
    if (len <= 0 || len > this.maxTokenLength) return NO_RANK;
    const r = this.findSlot(h, bytes, 0, len);
    return r < 0 ? NO_RANK : r;
  }

  /**
   * Like {@link rankOfRange}, but with the hash derived from prefix hashes of `bytes`
   * (see {@link prefixHashes}): O(1) before the final byte comparison.
   */
  rankOfHashedRange(bytes: Uint8Array, prefix: Uint32Array, start: number, end: number): number {
    const len = end - start;
    if (len > this.maxTokenLength) return NO_RANK;
    if (len === 2) return this.pairRank[(bytes[start] << 8) | bytes[start + 1]];
    const h = (prefix[end] - Math.imul(prefix[start], this.powers[len])) >>> 0;
    const r = this.findSlot(h, bytes, start, len);
    return r < 0 ? NO_RANK : r;
  }

  /** True when `rank` names a token (in range and not a hole). */
  hasRank(rank: number): boolean {
    return rank >= 0 && rank < this.size && this.offsets[rank + 1] > this.offsets[rank];
  }

  /**
   * The bytes of token `rank` (a view into the blob: do not modify).
   *
   * @example
   * ```ts
   * new TextDecoder().decode(vocab.tokenBytes(15339)); // "hello" in cl100k_base
   * ```
   */
  tokenBytes(rank: number): Uint8Array {
    if (!this.hasRank(rank)) throw new RangeError(`no token with rank ${rank}`);
    return this.blob.subarray(this.offsets[rank], this.offsets[rank + 1]);
  }

  /** Length in bytes of token `rank` (0 for a hole). */
  tokenLength(rank: number): number {
    return this.offsets[rank + 1] - this.offsets[rank];
  }
}
