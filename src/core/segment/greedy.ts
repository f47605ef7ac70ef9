import type { BytePairVocab } from "../vocab.js";
import { byteLevelVocabulary, type Segmenter } from "./types.js";

/**
 * Greedy longest prefix (maximal munch, WordPiece's rule over bytes): from the left, take the
 * longest token that the rest of the piece starts with, and go on after it.
 *
 * Cost: O(n · L) per piece of n bytes, L the longest token (one trie walk per token emitted).
 *
 * @example
 * ```ts
 * const seg = new GreedySegmenter(vocab);
 * const ids: number[] = [];
 * seg.segment(new TextEncoder().encode("unhappiness"), 0, 11, ids);
 * ```
 */
export class GreedySegmenter implements Segmenter {
  readonly name = "greedy";
  readonly vocabulary: BytePairVocab;
  private readonly found: Int32Array;

  constructor(vocabulary: BytePairVocab) {
    this.vocabulary = byteLevelVocabulary(vocabulary, this.name);
    this.found = new Int32Array(vocabulary.maxTokenLength + 1);
  }

  reset(): void {}

  segment(bytes: Uint8Array, start: number, end: number, out: number[]): number {
    const tokens = this.vocabulary;
    const { trie } = tokens;
    const found = this.found;
    let count = 0;
    for (let i = start; i < end; ) {
      // Shortest first, so the last one found is the longest; single bytes always match.
      const k = trie.prefixTokens(bytes, i, end, found);
      const id = found[k - 1];
      out.push(id);
      count++;
      i += tokens.tokenLength(id);
    }
    return count;
  }
}
