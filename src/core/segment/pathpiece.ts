import type { BytePairVocab } from "../vocab.js";
import { byteLevelVocabulary, type Segmenter } from "./types.js";

/**
 * PathPiece (Schmidt et al., 2024): the segmentation of the piece into the fewest tokens, by
 * dynamic programming over byte positions (a shortest path where every token costs 1).
 *
 * Ties: among the minimum segmentations, the one whose first token is longest, then whose second
 * token is longest, and so on (the paper's longest-token tie-break, deterministic). The DP runs
 * from the end so that, at each position, the choice is the longest token that still reaches the
 * minimum.
 *
 * Cost: O(n · L) per piece of n bytes, L the longest token.
 *
 * @example
 * ```ts
 * const seg = new PathPieceSegmenter(vocab);
 * const ids: number[] = [];
 * seg.segment(new TextEncoder().encode(" tokenization"), 0, 13, ids); // never more than BPE's
 * ```
 */
export class PathPieceSegmenter implements Segmenter {
  readonly name = "pathpiece";
  readonly vocabulary: BytePairVocab;
  private readonly found: Int32Array;
  /** `cost[i]`: fewest tokens for `bytes[start + i, end)`; `choice[i]`: the first of them. */
  private cost = new Int32Array(65);
  private choice = new Int32Array(64);

  constructor(vocabulary: BytePairVocab) {
    this.vocabulary = byteLevelVocabulary(vocabulary, this.name);
    this.found = new Int32Array(vocabulary.maxTokenLength + 1);
  }

  reset(): void {}

  segment(bytes: Uint8Array, start: number, end: number, out: number[]): number {
    const n = end - start;
    if (n <= 0) return 0;
    if (this.choice.length < n) {
      this.cost = new Int32Array(n + 1);
      this.choice = new Int32Array(n);
    }
    const { cost, choice, found } = this;
    const tokens = this.vocabulary;
    const { trie } = tokens;
    cost[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      const k = trie.prefixTokens(bytes, start + i, end, found);
      let best = 0x7fffffff;
      let bestId = -1;
      // Shortest first: `<=` lets a longer token win a tie.
      for (let t = 0; t < k; t++) {
        const c = 1 + cost[i + tokens.tokenLength(found[t])];
        if (c <= best) {
          best = c;
          bestId = found[t];
        }
      }
      cost[i] = best;
      choice[i] = bestId;
    }
    for (let i = 0; i < n; i += tokens.tokenLength(choice[i])) out.push(choice[i]);
    return cost[0];
  }
}
