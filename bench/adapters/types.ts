/** The encodings the benchmark knows how to ask every library for. */
export const ENCODINGS = ["o200k_base", "cl100k_base", "r50k_base"] as const;
export type EncodingName = (typeof ENCODINGS)[number];

/**
 * One library, loaded for one encoding, reduced to the three calls we time.
 *
 * `encode` must treat its input as ordinary text (no special-token recognition) so that every
 * library does the same work; `count` is absent when the library has no count API of its own
 * (we do not fake one with `encode().length`, which would only re-measure encode).
 */
export interface SyncTokenizer {
  readonly kind: "sync";
  encode(text: string): ArrayLike<number>;
  count?(text: string): number;
  decode(ids: ArrayLike<number>): string;
}

/** Hugging Face's Node binding only exposes Promise-returning encode/decode. */
export interface AsyncTokenizer {
  readonly kind: "async";
  encode(text: string): Promise<ArrayLike<number>>;
  count?(text: string): Promise<number>;
  decode(ids: ArrayLike<number>): Promise<string>;
}

export type Tokenizer = SyncTokenizer | AsyncTokenizer;

export interface Adapter {
  /** Short name used on the command line and in the report. */
  readonly name: string;
  /** npm package whose package.json gives the version (undefined for toklab itself). */
  readonly packageName?: string;
  readonly encodings: readonly EncodingName[];
  /** How the library's caches were set, for the report. */
  readonly cacheNote: string;
  /**
   * Import the library and build the encoding. Imports must happen in here (dynamically), not at
   * module top level, so that cold-load timing covers them and a missing library only fails its
   * own adapter.
   */
  load(encoding: EncodingName): Promise<Tokenizer>;
}
