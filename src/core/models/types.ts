/**
 * The word-level model stage of a Hugging Face-style pipeline (HF's `Model` trait): one
 * pre-tokenized word in, its tokens out.
 *
 * ## Offsets
 *
 * All offsets here are **UTF-16 code-unit** indices (JavaScript string indices). Hugging Face's
 * Rust models return UTF-8 *byte* offsets relative to the word, and the Node binding
 * (`tokenizers` on npm, `encode_char_offsets`) reports *Unicode code point* offsets relative to
 * the input. All three describe the same boundaries because every model boundary falls on a
 * code-point boundary; only the unit differs. A lone surrogate is one UTF-16 unit here and one
 * code point (U+FFFD) there. See docs/decisions/0006-hf-models.md.
 */

/** One token of a word, as HF's `Token { id, value, offsets }`. */
export interface ModelToken {
  /** Vocabulary id. */
  readonly id: number;
  /**
   * The token's text as HF reports it: the vocabulary piece (`"##ing"`), the unknown token
   * (`"[UNK]"` for WordPiece/WordLevel), the surface text of an unknown span (Unigram), or a
   * byte piece (`"<0xE2>"`, Unigram byte fallback).
   */
  readonly value: string;
  /** Start, in UTF-16 code units of the word. */
  readonly start: number;
  /** End (exclusive), in UTF-16 code units of the word. */
  readonly end: number;
}

/**
 * Caller-owned output arrays of {@link WordModel.tokenizeInto}, one entry per token.
 *
 * Plain `number[]` rather than typed arrays: `push` on a packed small-integer array is as fast
 * as a typed-array store and needs no capacity management. The pipeline reuses one sink for a
 * whole text, so a word costs no allocation beyond the pushes.
 */
export interface TokenSink {
  readonly ids: number[];
  /** Absolute UTF-16 start index in the `text` passed to `tokenizeInto`. */
  readonly starts: number[];
  /** Absolute UTF-16 end index (exclusive). */
  readonly ends: number[];
}

/**
 * HF's `Model` trait in TypeScript: WordPiece, WordLevel and Unigram implement it.
 *
 * Two ways to tokenize:
 * - {@link WordModel.tokenize}: readable, returns {@link ModelToken} objects with values;
 * - {@link WordModel.tokenizeInto}: the hot path. It reads the word in place as
 *   `text[start, end)` (no substring) and pushes ids and absolute offsets into a
 *   {@link TokenSink}, building no strings except where HF's semantics need a whole-word lookup
 *   (WordLevel) or an unknown span is looked up (Unigram).
 *
 * Both throw an `Error` exactly where HF's `tokenize` returns `Err` (e.g. a needed unknown token
 * missing from the vocabulary). HF's pipeline never passes an empty word (empty splits are
 * dropped before the model), and callers should not either; the models still answer as HF's
 * would.
 *
 * @example
 * ```ts
 * const model: WordModel = new WordPiece(new Map([["[UNK]", 0], ["un", 1], ["##able", 2]]));
 * model.tokenize("unable"); // [{ id: 1, value: "un", start: 0, end: 2 }, { id: 2, value: "##able", start: 2, end: 6 }]
 * const sink = { ids: [], starts: [], ends: [] };
 * model.tokenizeInto("is unable", 3, 9, sink); // 2; sink.ids = [1, 2], sink.starts = [3, 5]
 * ```
 */
export interface WordModel {
  /** HF's `get_vocab_size`: the number of distinct vocabulary entries. */
  readonly vocabSize: number;
  /** The largest id of the vocabulary (-1 when empty); with holes, larger than `vocabSize - 1`. */
  readonly maxId: number;
  /** HF's `token_to_id`. */
  tokenToId(token: string): number | undefined;
  /** HF's `id_to_token`. */
  idToToken(id: number): string | undefined;
  /** Tokens of one word, offsets relative to the word. */
  tokenize(word: string): ModelToken[];
  /**
   * Tokenizes `text[start, end)` as one word and appends to `out`; returns the number of tokens
   * appended. On error nothing is appended.
   */
  tokenizeInto(text: string, start: number, end: number, out: TokenSink): number;
  /**
   * Optional ids-only hot path: appends the ids {@link WordModel.tokenizeInto} would give for
   * `text[start, end)` to `ids` and returns their number, computing no offsets. Throws where
   * `tokenizeInto` throws, appending nothing.
   */
  tokenizeIdsInto?(text: string, start: number, end: number, ids: number[]): number;
  /**
   * Optional full-encoding hot path: {@link WordModel.tokenizeInto}, plus each token's value
   * (what {@link WordModel.tokenize} reports as `value`) appended to `values`, reading the word
   * in place. Throws where `tokenizeInto` throws, appending nothing.
   */
  tokenizeValuesInto?(text: string, start: number, end: number, out: TokenSink, values: string[]): number;
  /**
   * Called by the pipeline before it tokenizes a new text: a model with a random stream
   * (a BPE-dropout segmenter) restarts it, so that a text always tokenizes the same way.
   */
  beginText?(): void;
}

/**
 * Runs a model's sink-based tokenizer over a whole word and packages the result as
 * {@link ModelToken}s: the shared body of `tokenize` for models whose `run` can also report each
 * token's text (`values`), which only `tokenize` needs.
 */
export function collectTokens(
  word: string,
  run: (text: string, start: number, end: number, out: TokenSink, values: string[]) => number,
): ModelToken[] {
  const sink: TokenSink = { ids: [], starts: [], ends: [] };
  const values: string[] = [];
  const n = run(word, 0, word.length, sink, values);
  const tokens: ModelToken[] = [];
  for (let k = 0; k < n; k++) {
    tokens.push({ id: sink.ids[k], value: values[k], start: sink.starts[k], end: sink.ends[k] });
  }
  return tokens;
}
