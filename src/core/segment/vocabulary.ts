import type { Encoding } from "../encoding.js";
import { TokenTrie } from "../tokenTrie.js";
import type { RankTable } from "../types.js";
import { BytePairVocab, NO_RANK } from "../vocab.js";
import { byteLevelError } from "./types.js";

/**
 * Which adjacent parts BPE may merge, and in what order: what separates tiktoken's rule (any two
 * parts whose bytes together are a token, by the rank of that token) from Hugging Face's (only
 * the pairs in the merges list, by their position there).
 */
export interface MergeRule {
  /**
   * The priority of merging part `left` = `bytes[start, mid)` with part `right` =
   * `bytes[mid, end)` (lower merges first), or {@link NO_RANK} when they do not merge. Must
   * stay below 2^21 (heap keys are `priority * 2^32 + position`).
   */
  mergeRank(left: number, right: number, bytes: Uint8Array, start: number, end: number): number;
  /** The id of the token a merge of priority `rank` makes. */
  mergedId(rank: number): number;
}

/**
 * tiktoken's rule: parts merge into the token spelled by their bytes, lowest rank first.
 *
 * @example
 * ```ts
 * const rule = new ConcatMergeRule(enc.vocab);
 * rule.mergeRank(left, right, bytes, start, end); // rank of bytes[start, end), or NO_RANK
 * ```
 */
export class ConcatMergeRule implements MergeRule {
  constructor(readonly tokens: BytePairVocab) {}
  mergeRank(_left: number, _right: number, bytes: Uint8Array, start: number, end: number): number {
    return this.tokens.rankOfRange(bytes, start, end);
  }
  mergedId(rank: number): number {
    return rank;
  }
}

/** The parts of a {@link SegmentVocabulary}. */
export interface SegmentVocabularyParts {
  /** Names the vocabulary in errors (e.g. `o200k_base`). */
  readonly name: string;
  /** Token bytes by id (ids are ranks; holes allowed). Every single byte must be a token. */
  readonly tokens: BytePairVocab | RankTable;
  /**
   * How BPE merges (for `bpe` and `dropout`): default tiktoken's {@link ConcatMergeRule}; `null`
   * when unknown (those two segmenters are then refused).
   */
  readonly merges?: MergeRule | null;
  /**
   * A piece that is itself a token is that token, before any merging (tiktoken's rule, HF's
   * `ignore_merges`). Default `true`.
   */
  readonly wholePieceFirst?: boolean;
}

/**
 * One byte-level vocabulary as every segmenter sees it: token bytes by id, a byte trie over them
 * (for "which tokens start here", the step of LBPE, PathPiece and greedy), and the BPE merge rule
 * (for `bpe` and `dropout`). Build it once per tokenizer; segmenters share it.
 *
 * @example
 * ```ts
 * const vocab = SegmentVocabulary.fromEncoding(await getEncoding("o200k_base"));
 * vocab.tokens.rankOfRange(new TextEncoder().encode("hello"), 0, 5); // 24912
 * ```
 */
export class SegmentVocabulary {
  readonly name: string;
  readonly tokens: BytePairVocab;
  readonly trie: TokenTrie;
  /** `null`: the merge rule is unknown, so `bpe` and `dropout` cannot run. */
  readonly merges: MergeRule | null;
  readonly wholePieceFirst: boolean;

  /** Throws (naming `segmenter` when given) unless every byte is a token. */
  constructor(parts: SegmentVocabularyParts, segmenter = "any") {
    this.name = parts.name;
    this.tokens = parts.tokens instanceof BytePairVocab ? parts.tokens : new BytePairVocab(parts.tokens);
    for (let b = 0; b < 256; b++) {
      // Single bytes are what makes every piece segmentable (and LBPE/PathPiece total).
      if (this.tokens.byteRank[b] === NO_RANK) {
        throw byteLevelError(
          segmenter,
          `${parts.name}: byte 0x${b.toString(16).padStart(2, "0")} is not a token`,
        );
      }
    }
    this.trie = new TokenTrie(this.tokens);
    this.merges = parts.merges === undefined ? new ConcatMergeRule(this.tokens) : parts.merges;
    this.wholePieceFirst = parts.wholePieceFirst ?? true;
  }

  /**
   * The vocabulary of a tiktoken-style encoding (its mergeable ranks; special tokens are not
   * segments), with tiktoken's merge rule.
   *
   * @example
   * ```ts
   * const vocab = SegmentVocabulary.fromEncoding(enc);
   * ```
   */
  static fromEncoding(enc: Encoding, segmenter = "any"): SegmentVocabulary {
    let cached = fromEncodingCache.get(enc);
    if (cached === undefined) {
      cached = new SegmentVocabulary({ name: enc.name, tokens: enc.vocab }, segmenter);
      fromEncodingCache.set(enc, cached);
    }
    return cached;
  }
}

/** One vocabulary (and trie) per encoding: segmenters of the same encoding share them. */
const fromEncodingCache = new WeakMap<Encoding, SegmentVocabulary>();
