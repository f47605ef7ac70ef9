import type { BytePairVocab } from "./vocab.js";

/**
 * Which adjacent parts BPE may merge, and in what order: what separates tiktoken's rule (any two
 * parts whose bytes together are a token, by the rank of that token) from Hugging Face's (only
 * the pairs in the merges list, by their position there). The `bpe` and `dropout` segmenters run
 * BPE by a vocabulary's rule ({@link BytePairVocab.merges}); the encoders have their own merge
 * loops, specialised to one rule each (docs/decisions/0028-byte-level-vocabulary.md).
 */
export interface MergeRule {
  /**
   * The priority of merging part `left` = `bytes[start, mid)` with part `right` =
   * `bytes[mid, end)` (lower merges first), or `NO_RANK` when they do not merge. Must
   * stay below 2^21 (heap keys are `priority * 2^32 + position`).
   */
  mergeRank(left: number, right: number, bytes: Uint8Array, start: number, end: number): number;
  /** The id of the token a merge of priority `rank` makes. */
  mergedId(rank: number): number;
}

/**
 * tiktoken's rule: parts merge into the token spelled by their bytes, lowest rank first. The
 * default rule of a {@link BytePairVocab}.
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
