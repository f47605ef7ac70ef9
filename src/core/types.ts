import type { ChatFormat } from "./tokenizer.js";

/**
 * The mergeable tokens of a byte-level BPE vocabulary, ordered by rank.
 *
 * Token `r` is `blob.subarray(offsets[r], offsets[r + 1])`. Ranks double as token ids (as in
 * tiktoken). A rank with an empty slice has no token (some vocabularies have holes).
 */
export interface RankTable {
  readonly blob: Uint8Array;
  /** `length = size + 1`; non-decreasing. */
  readonly offsets: Uint32Array;
}

/** Everything needed to build a tiktoken-style encoding. */
export interface EncodingSpec {
  /** e.g. `"o200k_base"`. */
  readonly name: string;
  /** The pretokenization pattern in tiktoken (Rust regex) syntax. */
  readonly pattern: string;
  readonly ranks: RankTable;
  /** Special token text → id. */
  readonly specialTokens: Readonly<Record<string, number>>;
  /** When given, the vocabulary size tiktoken asserts (mergeable + special). */
  readonly explicitNVocab?: number;
  /** How the model lays out conversations; default the OpenAI Cookbook accounting. */
  readonly chat?: ChatFormat;
}
