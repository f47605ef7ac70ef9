import type { SegmenterName } from "./segment/types.js";

/**
 * The one interface every tokenizer toklab runs implements, whatever file it came from: a
 * tiktoken encoding ({@link Encoding}), a Hugging Face tokenizer.json ({@link HfTokenizer}), and
 * every format added later. Everything above the runtime (measurement, analyses, reports, chat
 * counting, the CLI, the benchmarks) takes a `Tokenizer` and never asks which format it is.
 *
 * Ids are plain numbers in `number[]`; text positions are UTF-16 indices (JavaScript string
 * indices); bytes are UTF-8.
 */

/**
 * How `encode` and `count` treat text that spells a special (control) token, with tiktoken's
 * semantics and defaults, for every format:
 *
 * - `allowedSpecial` (default: none): special tokens that become their id when they occur in
 *   the text; `"all"` allows every one. Names that are not special tokens are ignored.
 * - `disallowedSpecial` (default `"all"`: every special token that is not allowed): strings whose
 *   presence anywhere in the text makes `encode` throw. Pass `[]` to encode them as ordinary text
 *   (tiktoken's `encode_ordinary`, Hugging Face's `encode_special_tokens`).
 *
 * So by default a text that contains `<|endoftext|>` (or `<s>`, `[CLS]`) is an error rather than
 * a silent choice; say `{ allowedSpecial: "all" }` or `{ disallowedSpecial: [] }`.
 *
 * Tokens a Hugging Face tokenizer adds without marking them special (Gemma's runs of tabs, user
 * added words) are vocabulary, not control tokens: they are always recognised.
 */
export interface SpecialTokenOptions {
  readonly allowedSpecial?: "all" | Iterable<string>;
  readonly disallowedSpecial?: "all" | Iterable<string>;
}

/** Options of {@link Tokenizer.encode} and {@link Tokenizer.count}. */
export interface EncodeOptions extends SpecialTokenOptions {
  /**
   * Add the tokens the model's template puts around a text (Hugging Face's post-processor:
   * `<s>`, `[CLS] … [SEP]`). Default `false`. tiktoken encodings have no template.
   */
  readonly addSpecialTokens?: boolean;
  /**
   * Called with the UTF-16 position reached, from time to time and at the end: lets a caller
   * show progress on a long text without splitting it (a cut could change the tokens there).
   */
  readonly onProgress?: (position: number) => void;
}

/** Encode options that treat special-token text as ordinary text (tiktoken's `encode_ordinary`). */
export const ORDINARY: EncodeOptions = Object.freeze({ disallowedSpecial: Object.freeze([] as string[]) });

/** Encode options that recognise every special token in the text. */
export const ALL_SPECIAL: EncodeOptions = Object.freeze({ allowedSpecial: "all" as const });

/**
 * Tokens with the part of the text each stands for: token `i` covers
 * `text.slice(starts[i], ends[i])` (UTF-16). A character whose UTF-8 bytes are split across
 * several tokens belongs to each of them, so neighbouring spans may share it; a token that
 * stands for no text of its own (a template token, a normalizer's insertion) has an empty span.
 */
export interface TokenSpans {
  readonly ids: number[];
  readonly starts: number[];
  readonly ends: number[];
}

/** Result of {@link Tokenizer.encodeUpTo}. */
export interface EncodedPrefix {
  /** The first ids of `encode(text)`, at most `maxTokens` of them. */
  readonly ids: number[];
  /** UTF-16 length of the text prefix those ids stand for (never inside a character). */
  readonly prefixLength: number;
}

/**
 * Decodes a stream of ids piece by piece: each `write` returns the text that is final so far,
 * holding back what a later id may still change (the bytes of an unfinished character, a
 * decoder's pending edit); `write`s and the final `end` concatenate to `decode` of all ids.
 */
export interface TokenDecoder {
  write(ids: number | ArrayLike<number>): string;
  /** Flushes what is held back and resets the decoder for a new stream. */
  end(): string;
}

/**
 * Where a token's bytes come from: `text` (an ordinary vocabulary entry), `byte` (a `<0xAB>`
 * byte-fallback token), `added` (a Hugging Face added token that is not special) or `special`.
 */
export type TokenForm = "text" | "byte" | "added" | "special";

/** One token of a vocabulary. */
export interface TokenInfo {
  readonly id: number;
  /**
   * The token as the vocabulary spells it (`Ġthe`, `▁the`, `<0x0A>`, `##ing`; tiktoken: its
   * bytes decoded as UTF-8, lossily).
   */
  readonly piece: string;
  /** The bytes it stands for in text (`Ġthe` → " the", `<0x0A>` → 0x0A, `##ing` → "ing"). */
  readonly bytes: Uint8Array;
  readonly form: TokenForm;
  /** A WordPiece continuation piece (`##ing`): it attaches to the token before it. */
  readonly continuation: boolean;
}

/**
 * How token strings spell bytes, as the tokenizer's files say:
 * - `bytes`: tokens are byte strings (tiktoken rank files);
 * - `byte-level`: GPT-2's printable byte alphabet (`Ġ` = space);
 * - `sentencepiece`: `▁` stands for a space, `<0xAB>` tokens for bytes (with byte fallback);
 * - `wordpiece`: a `##` prefix marks a piece that continues a word;
 * - `plain`: token strings are their own text.
 *
 * In the first two, an ordinary token's bytes are exactly the bytes of the text it matched.
 */
export type ByteSchemeKind = "bytes" | "byte-level" | "sentencepiece" | "wordpiece" | "plain";

/**
 * How a model lays out a conversation, as its files say: a Jinja chat template (Hugging Face
 * tokenizer_config.json or chat_template.jinja), OpenAI's harmony format, or the Chat
 * Completions accounting of the OpenAI Cookbook (the other OpenAI encodings).
 */
export type ChatFormat =
  | {
      readonly kind: "template";
      /** tokenizer_config.json, parsed (its `chat_template`, `bos_token`, ...), if any. */
      readonly config: Readonly<Record<string, unknown>> | null;
      /** A template found outside the config (chat_template.jinja), if any. */
      readonly template?: string;
    }
  | { readonly kind: "harmony" }
  | { readonly kind: "openai" }
  | { readonly kind: "none" };

/**
 * A segmenter and its settings: how {@link Tokenizer.withSegmenter} cuts pieces into tokens
 * (a type alias, so that it fits records of settings such as the report's).
 */
export type SegmenterSpec = {
  readonly name: SegmenterName;
  /** BPE-dropout probability in `[0, 1]` (default 0.1). */
  readonly dropout?: number;
  /** BPE-dropout seed (default 0). */
  readonly seed?: number;
};

/** What `toklab inspect` shows of a tokenizer. */
export interface TokenizerDescription {
  /** Stage → component (nested sequences in parentheses); `null` for an absent stage. */
  readonly pipeline: Readonly<Record<string, string | null>>;
  /** Added tokens that are not special (Hugging Face), text → id. */
  readonly addedTokens: Readonly<Record<string, number>>;
  /** Settings that change `encode` beyond the pipeline (truncation, padding), when present. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * A tokenizer of any format.
 *
 * @example
 * ```ts
 * import { loadTokenizer } from "toklab/node";
 * const tok = await loadTokenizer("o200k_base"); // or "./tokenizer.json", "hf:Qwen/Qwen3-8B", ...
 * tok.encode("hello world"); // [24912, 2375]
 * tok.count("hello world"); // 2
 * tok.decode([24912, 2375]); // "hello world"
 * tok.token(24912)?.piece; // "hello"
 * ```
 */
export interface Tokenizer {
  /** A short name: the encoding's (`o200k_base`), or the file or id it was loaded from. */
  readonly name: string;
  /** The file format it was loaded from: `tiktoken`, `huggingface`, ... (for display). */
  readonly format: string;
  /**
   * One more than the largest token id: ids run from 0 to `vocabSize - 1`, with holes in some
   * vocabularies (cl100k_base has 100,261 tokens in 100,277 ids). The size of an embedding
   * matrix for this vocabulary.
   */
  readonly vocabSize: number;
  /** Special (control) token text → id: never produced from ordinary text. */
  readonly specialTokens: Readonly<Record<string, number>>;
  /** The model's unknown token, if it has one (WordPiece's `[UNK]`, SentencePiece's `<unk>`). */
  readonly unknownId: number | null;
  /** How token strings spell bytes (see {@link ByteSchemeKind}). */
  readonly byteScheme: ByteSchemeKind;
  /** How the model lays out conversations (see {@link ChatFormat}). */
  readonly chat: ChatFormat;

  /**
   * The ids of `text`. Special-token text follows {@link SpecialTokenOptions}: by default it is
   * an error. Throws on a disallowed special token.
   */
  encode(text: string, options?: EncodeOptions): number[];
  /** `encode(text, options).length`, without building the array. */
  count(text: string, options?: EncodeOptions): number;
  /**
   * `false` when `text` has more than `limit` tokens, else its token count; stops early on a
   * long text once the limit is passed.
   */
  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): false | number;
  /**
   * The longest prefix of `encode(text)` with at most `maxTokens` ids that ends on a character
   * boundary, and the length of the text it stands for.
   */
  encodeUpTo(text: string, maxTokens: number, options?: EncodeOptions): EncodedPrefix;
  /** `encode` with the span of text each token stands for (see {@link TokenSpans}). */
  encodeWithOffsets(text: string, options?: EncodeOptions): TokenSpans;
  /**
   * The ids' text, through the format's decoder (Hugging Face's decoder drops SentencePiece's
   * leading space, joins WordPiece pieces...). Throws a `RangeError` naming the first id that
   * is not a token (negative, not an integer, or not in the vocabulary).
   */
  decode(ids: ArrayLike<number>): string;
  /**
   * The ids' bytes, concatenated: exact for byte-level vocabularies (a character cut between
   * tokens is cut here too), with no decoder edits. Throws like {@link decode}.
   */
  decodeBytes(ids: ArrayLike<number>): Uint8Array;
  /** The bytes one token stands for (see {@link TokenInfo.bytes}). Throws like {@link decode}. */
  tokenBytes(id: number): Uint8Array;
  /** The token with id `id`, or `undefined` for an id with no token (a hole or out of range). */
  token(id: number): TokenInfo | undefined;
  /** The id of the token spelled `piece` in the vocabulary (special tokens too), if any. */
  tokenId(piece: string): number | undefined;
  /** Whether `id` is a special (control) token. */
  isSpecial(id: number): boolean;
  /**
   * The pieces the model sees for `text` alone: the pretokenizer's output (Hugging Face: after
   * added tokens are cut out and the normalizer ran; added tokens are pieces of their own).
   */
  pretokenize(text: string): string[];
  /** A new streaming decoder (see {@link TokenDecoder}). */
  createDecoder(): TokenDecoder;
  /** The pipeline, added tokens and settings, for display. */
  describe(): TokenizerDescription;
  /**
   * This tokenizer with its model step done by another segmenter over the same vocabulary
   * (LBPE, PathPiece, BPE-dropout, greedy longest-prefix); special tokens, normalizer,
   * pretokenizer, ids and decoding unchanged. `bpe` returns the tokenizer itself. BPE-dropout's
   * random stream restarts at every call, so results are reproducible for a seed. Throws for a
   * vocabulary that is not byte-level BPE.
   */
  withSegmenter(spec: SegmenterSpec | SegmenterName): Tokenizer;
}

/** A {@link SegmenterSpec} from a spec or a bare name. */
export function segmenterSpec(spec: SegmenterSpec | SegmenterName): SegmenterSpec {
  return typeof spec === "string" ? { name: spec } : spec;
}

/**
 * Throws the `RangeError` {@link Tokenizer.decode} promises for an id that is not a token.
 *
 * @example
 * throw invalidTokenId(-1, "o200k_base"); // RangeError: invalid token id -1 for o200k_base
 */
export function invalidTokenId(id: unknown, name: string): RangeError {
  const shown = typeof id === "string" ? JSON.stringify(id) : String(id);
  return new RangeError(`invalid token id ${shown} for ${name}`);
}
