import type { BytePairVocab } from "../vocab.js";
import { GreedySegmenter } from "./greedy.js";
import { LbpeSegmenter } from "./lbpe.js";
import { MergeSegmenter } from "./merge.js";
import { PathPieceSegmenter } from "./pathpiece.js";
import { SEGMENTER_NAMES, type Segmenter, type SegmenterName, type SegmenterOptions } from "./types.js";

/** BPE-dropout's probability when none is given (the paper's recommended 0.1). */
export const DEFAULT_DROPOUT = 0.1;

/**
 * True when `name` is one of {@link SEGMENTER_NAMES}.
 *
 * @example
 * ```ts
 * isSegmenterName("pathpiece"); // true
 * ```
 */
export function isSegmenterName(name: string): name is SegmenterName {
  return (SEGMENTER_NAMES as readonly string[]).includes(name);
}

/**
 * A segmenter by name over `vocabulary`. `bpe` is dropout with p = 0 (the tokenizer's own
 * merges); `dropout` takes `options.dropout` (default {@link DEFAULT_DROPOUT}) and `options.seed`.
 *
 * @example
 * ```ts
 * const seg = createSegmenter("dropout", (await getEncoding("cl100k_base")).vocab, { dropout: 0.1, seed: 7 });
 * ```
 */
export function createSegmenter(
  name: SegmenterName,
  vocabulary: BytePairVocab,
  options: SegmenterOptions = {},
): Segmenter {
  switch (name) {
    case "bpe":
      return new MergeSegmenter(vocabulary, 0, 0, "bpe");
    case "dropout":
      return new MergeSegmenter(vocabulary, options.dropout ?? DEFAULT_DROPOUT, options.seed ?? 0, "dropout");
    case "lbpe":
      return new LbpeSegmenter(vocabulary);
    case "pathpiece":
      return new PathPieceSegmenter(vocabulary);
    case "greedy":
      return new GreedySegmenter(vocabulary);
    default:
      throw new Error(`unknown segmenter "${name}"; expected one of ${SEGMENTER_NAMES.join(", ")}`);
  }
}
