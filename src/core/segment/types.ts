import { NO_RANK } from "../rank.js";
import type { BytePairVocab } from "../vocab.js";

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
 * of a {@link BytePairVocab} (whose trie and merge rule it uses; every byte must be a token). Every segmenter covers the piece exactly: the bytes of its
 * tokens concatenate to the piece, so decoding gives the text back.
 *
 * A segmenter owns scratch arrays (not re-entrant), and a random stream for `dropout`.
 *
 * @example
 * ```ts
 * const seg = createSegmenter("pathpiece", enc.vocab);
 * const ids: number[] = [];
 * seg.segment(new TextEncoder().encode(" tokenization"), 0, 13, ids); // the fewest tokens
 * ```
 */
export interface Segmenter {
  readonly name: SegmenterName;
  readonly vocabulary: BytePairVocab;
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

/**
 * `vocabulary`, after checking that every single byte is a token: what makes every piece
 * segmentable (and LBPE and PathPiece total). Throws {@link byteLevelError} otherwise.
 *
 * @example
 * ```ts
 * this.vocabulary = byteLevelVocabulary(vocabulary, "lbpe");
 * ```
 */
export function byteLevelVocabulary(vocabulary: BytePairVocab, segmenter: string): BytePairVocab {
  if (!vocabulary.byteComplete) {
    const b = vocabulary.byteRank.indexOf(NO_RANK);
    throw byteLevelError(
      segmenter,
      `${vocabulary.name}: byte 0x${b.toString(16).padStart(2, "0")} is not a token`,
    );
  }
  return vocabulary;
}
