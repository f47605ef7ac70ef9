import type { SegmentVocabulary } from "./vocabulary.js";

/** The segmenters toklab has, by the name `--segmenter` takes. */
export const SEGMENTER_NAMES = ["bpe", "lbpe", "pathpiece", "dropout", "greedy"] as const;

/**
 * - `bpe`: merge-rank BPE, the tokenizer's own rule;
 * - `lbpe`: longest token first (LBPE);
 * - `pathpiece`: fewest tokens (PathPiece);
 * - `dropout`: BPE-dropout, seeded;
 * - `greedy`: longest prefix first (maximal munch, as WordPiece).
 */
export type SegmenterName = (typeof SEGMENTER_NAMES)[number];

/**
 * The model step alone: one pretokenized piece (UTF-8 bytes) in, token ids out, over the tokens
 * of a {@link SegmentVocabulary}. Every segmenter covers the piece exactly: the bytes of its
 * tokens concatenate to the piece, so decoding gives the text back.
 *
 * A segmenter owns scratch arrays (not re-entrant), and a random stream for `dropout`.
 *
 * @example
 * ```ts
 * const seg = createSegmenter("pathpiece", SegmentVocabulary.fromEncoding(enc));
 * const ids: number[] = [];
 * seg.segment(new TextEncoder().encode(" tokenization"), 0, 13, ids); // the fewest tokens
 * ```
 */
export interface Segmenter {
  readonly name: SegmenterName;
  readonly vocabulary: SegmentVocabulary;
  /** Appends the ids of `bytes[start, end)` to `out`; returns how many it appended. */
  segment(bytes: Uint8Array, start: number, end: number, out: number[]): number;
  /**
   * Restarts the random stream from the seed (BPE-dropout), so that a text segments the same
   * way whenever it is encoded; a no-op for the deterministic segmenters.
   */
  reset(): void;
}

/** Options of {@link createSegmenter}. */
export interface SegmenterOptions {
  /** BPE-dropout probability in `[0, 1]` (only for `dropout`; default 0.1). */
  readonly dropout?: number;
  /** Seed of the dropout's random stream (default 0). */
  readonly seed?: number;
}

/**
 * The error for a vocabulary a segmenter cannot work on.
 *
 * @example
 * ```ts
 * throw byteLevelError("pathpiece", "the model is WordPiece");
 * ```
 */
export function byteLevelError(segmenter: string, reason: string): Error {
  return new Error(`segmenter ${segmenter} needs a byte-level BPE vocabulary (${reason})`);
}
