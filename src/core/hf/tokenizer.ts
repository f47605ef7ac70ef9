/**
 * {@link HfTokenizer}: a whole Hugging Face tokenizer pipeline — added tokens, normalizer,
 * pre-tokenizer, model, truncation, post-processor, padding, and the decoder on the way back —
 * giving what `tokenizers`' `Tokenizer.encode` / `decode` give (offsets in UTF-16 units).
 */
import { type Decoder, decodeTokens } from "../hf-decode/index.js";
import { type HfEncoding, type PostProcessor, postProcess } from "../hf-postprocess/index.js";
import type { HfPreTokenizer } from "../hf-pretokenize/types.js";
import type { TokenSink, WordModel } from "../models/types.js";
import type { NormalizedString } from "../normalize/normalized.js";
import type { Normalizer } from "../normalize/types.js";
import { emptyRecord, plainRecord } from "../record.js";
import { createSegmenter } from "../segment/create.js";
import { hfSegmentVocabulary, SegmentedModel } from "../segment/hf.js";
import type { SegmenterName } from "../segment/types.js";
import { SpecialTokenSet } from "../special.js";
import {
  type ByteSchemeKind,
  type ChatFormat,
  type EncodedPrefix,
  type EncodeOptions,
  invalidTokenId,
  type SegmenterSpec,
  segmenterSpec,
  type TokenDecoder,
  type TokenInfo,
  type Tokenizer,
  type TokenizerDescription,
  type TokenSpans,
} from "../tokenizer.js";
import { type AddedToken, AddedVocabulary } from "./added-tokens.js";
import { type ByteScheme, byteSchemeOf } from "./byte-scheme.js";
import { DecodeStream } from "./decode-stream.js";
import { describeComponent } from "./describe.js";
import { type PaddingParams, padEncoding, padTarget } from "./padding.js";
import { type PlainPipeline, plainPipeline } from "./plain-splits.js";
import { forEachSplit } from "./splits.js";
import { addedTokenInfo, modelTokenInfo } from "./token-info.js";
import { checkTruncationParams, type TruncationParams, truncateEncodings } from "./truncation.js";

/** The components of an {@link HfTokenizer}, as tokenizer.json names them. */
export interface HfTokenizerParts {
  normalizer?: Normalizer | null;
  preTokenizer?: HfPreTokenizer | null;
  model: WordModel;
  postProcessor?: PostProcessor | null;
  decoder?: Decoder | null;
  /** In tokenizer.json order; ids are assigned as HF does (see {@link AddedVocabulary}). */
  addedTokens?: readonly AddedToken[];
  truncation?: TruncationParams | null;
  padding?: PaddingParams | null;
  /** A name for reports and messages (the file or id it came from); default "tokenizer.json". */
  name?: string;
  /** How the model lays out conversations (its tokenizer_config.json); default none known. */
  chat?: ChatFormat;
  /** The file format, for display (default `huggingface`; a SentencePiece .model says `sentencepiece`). */
  format?: string;
}

/** Options of {@link HfTokenizer.encodeFull}. */
export interface HfEncodeOptions {
  /** Apply the post-processor's template (`[CLS] … [SEP]`). Default `true`, as in HF. */
  addSpecialTokens?: boolean;
}

/** Options of {@link HfTokenizer.decode}. */
export interface HfDecodeOptions {
  /** Drop special added tokens. Default `false`. */
  skipSpecialTokens?: boolean;
}

interface Split {
  /** Added-token id, or -1 for a word. */
  id: number;
  value: string;
  start: number;
  end: number;
  ns: NormalizedString | null;
}

/**
 * A Hugging Face tokenizer, exact against the Rust library (`tokenizers` 0.23), and a
 * {@link Tokenizer} like every other format.
 *
 * Two ways in: {@link HfTokenizer.encode} (the {@link Tokenizer} call: ids, special tokens by an
 * explicit option, no truncation or padding) and {@link HfTokenizer.encodeFull} (HF's own
 * `encode`: an {@link HfEncoding} with tokens, offsets and masks, a pair, truncation and padding
 * as configured).
 *
 * @example
 * ```ts
 * const tok = loadTokenizerJson(readFileSync("tokenizer.json", "utf8"));
 * tok.encode("Hello world");                     // ids, no template
 * tok.encode("<s>Hi", { allowedSpecial: "all" }); // special tokens in the text recognised
 * tok.encodeFull("Hello world").ids;              // with the template, as HF's default
 * tok.encodeFull("Hello", "world").typeIds;       // a pair
 * tok.decode([101, 7592, 102], { skipSpecialTokens: true }); // "hello"
 * ```
 */
export class HfTokenizer implements Tokenizer {
  readonly name: string;
  readonly format: string;
  readonly chat: ChatFormat;
  readonly normalizer: Normalizer | null;
  readonly preTokenizer: HfPreTokenizer | null;
  readonly model: WordModel;
  readonly postProcessor: PostProcessor | null;
  readonly decoder: Decoder | null;
  readonly addedVocabulary: AddedVocabulary;
  /** Truncation settings (tokenizer.json `truncation`) for {@link encodeFull}; `null`: none. May be changed. */
  truncation: TruncationParams | null;
  /** Padding settings (tokenizer.json `padding`) for {@link encodeFull}; `null`: none. May be changed. */
  padding: PaddingParams | null;

  private readonly sink: TokenSink = { ids: [], starts: [], ends: [] };
  /** Ids `count` throws away. */
  private readonly scratchIds: number[] = [];
  /** The ids-only front half (no alignments), or `null` if a component has no plain path. */
  private readonly plain: PlainPipeline | null;
  private readonly specials: SpecialTokenSet;
  /** Ids of every special added token: what "no special token allowed" skips. */
  private readonly allSpecialIds: ReadonlySet<number>;
  private scheme: ByteScheme | null = null;
  private maxIdPlusOne = -1;

  constructor(parts: HfTokenizerParts) {
    this.name = parts.name ?? "tokenizer.json";
    this.format = parts.format ?? "huggingface";
    this.chat = parts.chat ?? { kind: "none" };
    this.normalizer = parts.normalizer ?? null;
    this.preTokenizer = parts.preTokenizer ?? null;
    this.model = parts.model;
    this.postProcessor = parts.postProcessor ?? null;
    this.decoder = parts.decoder ?? null;
    this.addedVocabulary = new AddedVocabulary(parts.addedTokens ?? [], this.model, this.normalizer);
    this.truncation = parts.truncation ?? null;
    this.padding = parts.padding ?? null;
    this.plain = plainPipeline(this.addedVocabulary, this.normalizer, this.preTokenizer);
    const specialTokens: Record<string, number> = emptyRecord<number>();
    for (const { id, token } of this.addedVocabulary.entries()) {
      if (token.special) specialTokens[token.content] = id;
    }
    this.specialTokens = Object.freeze(plainRecord(specialTokens));
    this.specials = new SpecialTokenSet(specialTokens);
    this.allSpecialIds = new Set(this.specials.ids);
  }

  /** Special added token content → id. */
  readonly specialTokens: Readonly<Record<string, number>>;

  /**
   * One more than the largest id of the model or the added tokens (see
   * {@link Tokenizer.vocabSize}); HF's own count is {@link getVocabSize}.
   *
   * @example
   * tok.vocabSize; // 30522 for bert-base-uncased
   */
  get vocabSize(): number {
    if (this.maxIdPlusOne < 0) {
      let max = this.model.maxId;
      for (const { id } of this.addedVocabulary.entries()) if (id > max) max = id;
      this.maxIdPlusOne = max + 1;
    }
    return this.maxIdPlusOne;
  }

  /**
   * HF `get_vocab_size(with_added_tokens)`: distinct token strings of the model, plus (by
   * default) the added tokens the model does not know.
   */
  getVocabSize(withAddedTokens = true): number {
    if (!withAddedTokens) return this.model.vocabSize;
    let extra = 0;
    for (const content of this.addedVocabulary.vocabulary().keys()) {
      if (this.model.tokenToId(content) === undefined) extra++;
    }
    return this.model.vocabSize + extra;
  }

  /** How the vocabulary's token strings spell bytes (read off the decoder, see byte-scheme.ts). */
  get byteScheme(): ByteSchemeKind {
    return this.byteConvention().kind;
  }

  /** The model's unknown-token id: WordPiece/WordLevel/BPE name it, Unigram numbers it. */
  get unknownId(): number | null {
    const model = this.model as { unkToken?: string | null; unkId?: number | null };
    if (typeof model.unkId === "number") return model.unkId;
    if (typeof model.unkToken === "string") return this.tokenToId(model.unkToken) ?? null;
    return null;
  }

  /** HF `token_to_id`: added tokens first, then the model. */
  tokenToId(token: string): number | undefined {
    return this.addedVocabulary.tokenToId(token) ?? this.model.tokenToId(token);
  }

  /** HF `id_to_token`: added tokens (normalized form, as HF) first, then the model. */
  idToToken(id: number): string | undefined {
    return this.addedVocabulary.idToToken(id) ?? this.model.idToToken(id);
  }

  /**
   * HF `encode(text, pair, add_special_tokens)`: the full encoding with offsets into each
   * sequence's own text (UTF-16 units), truncation and padding as configured. Special tokens in
   * the text are recognised, as in HF.
   *
   * @example
   * tok.encodeFull("Hi!", null, { addSpecialTokens: false }).tokens; // e.g. ["hi", "!"]
   */
  encodeFull(text: string, pair: string | null = null, options: HfEncodeOptions = {}): HfEncoding {
    return this.encodeAligned(
      text,
      pair,
      options.addSpecialTokens ?? true,
      null,
      this.truncation,
      this.padding,
    );
  }

  /**
   * The ids of `text` (see {@link Tokenizer.encode}): special tokens as `options` say (by
   * default an error), the template only with `addSpecialTokens`, never truncated or padded.
   *
   * @example
   * tok.encode("Hello world"); // HF's encode(text, add_special_tokens=False).ids
   */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const skip = this.skipFor(text, options);
    if (options.addSpecialTokens === true && this.postProcessor !== null) {
      const ids = this.encodeAligned(text, null, true, skip, null, null).ids;
      options.onProgress?.(text.length);
      return ids;
    }
    const sink = this.sink;
    const ids: number[] = [];
    const model = this.model;
    model.beginText?.();
    const word =
      model.tokenizeIdsInto !== undefined
        ? (text: string, s: number, e: number) => {
            model.tokenizeIdsInto!(text, s, e, ids);
          }
        : (text: string, s: number, e: number) => {
            sink.ids.length = 0;
            sink.starts.length = 0;
            sink.ends.length = 0;
            model.tokenizeInto(text, s, e, sink);
            for (let i = 0; i < sink.ids.length; i++) ids.push(sink.ids[i]);
          };
    const addedToken = (id: number) => {
      ids.push(id);
    };
    // Offsets are not needed here: plain strings when every component allows it.
    if (!this.plain?.run(text, { addedToken, word }, skip)) {
      ids.length = 0;
      forEachSplit(
        text,
        this.addedVocabulary,
        this.normalizer,
        this.preTokenizer,
        { addedToken, word: (ns, s, e) => word(ns.normalized, s, e) },
        skip,
      );
    }
    options.onProgress?.(text.length);
    return ids;
  }

  /**
   * Number of tokens of `encode(text, options)`, without building the ids.
   *
   * @example
   * tok.count("Hello world"); // 2
   */
  count(text: string, options: EncodeOptions = {}): number {
    const n = this.countUpTo(text, options, Number.POSITIVE_INFINITY);
    options.onProgress?.(text.length);
    return n;
  }

  /**
   * `false` when `text` has more than `limit` tokens, else the count; once past the limit the
   * model stops running (the rest of the text is only split).
   *
   * @example
   * tok.isWithinTokenLimit("Hello world", 1); // false
   */
  isWithinTokenLimit(text: string, limit: number, options: EncodeOptions = {}): false | number {
    const n = this.countUpTo(text, options, limit);
    return n > limit ? false : n;
  }

  /**
   * The first `maxTokens` ids of `encode(text)` (fewer, to end on a character boundary), and the
   * length of the text they stand for.
   *
   * @example
   * tok.encodeUpTo("Hello world", 1); // { ids: [...], prefixLength: 5 }
   */
  encodeUpTo(text: string, maxTokens: number, options: EncodeOptions = {}): EncodedPrefix {
    const { ids, starts, ends } = this.encodeWithOffsets(text, options);
    if (ids.length <= maxTokens) return { ids, prefixLength: text.length };
    let k = Math.max(0, Math.floor(maxTokens));
    // A token that shares a character with the first one left out goes too.
    while (k > 0 && ends[k - 1] > starts[k] && starts[k] < ends[k]) k--;
    let prefixLength = 0;
    for (let i = 0; i < k; i++) if (ends[i] > prefixLength) prefixLength = ends[i];
    return { ids: ids.slice(0, k), prefixLength };
  }

  /**
   * `encode` with the span of the input each token stands for (HF's offsets; template tokens
   * have empty spans).
   *
   * @example
   * tok.encodeWithOffsets("Hi there"); // { ids, starts: [0, 2], ends: [2, 8] } for a GPT-2-like tokenizer
   */
  encodeWithOffsets(text: string, options: EncodeOptions = {}): TokenSpans {
    const skip = this.skipFor(text, options);
    const e = this.encodeAligned(text, null, options.addSpecialTokens === true, skip, null, null);
    options.onProgress?.(text.length);
    return { ids: e.ids, starts: e.offsets.map((o) => o[0]), ends: e.offsets.map((o) => o[1]) };
  }

  /**
   * HF `decode(ids, skip_special_tokens)`: special added tokens dropped when asked, and the
   * decoder joins the rest (no decoder: tokens joined with spaces). Unlike HF, which drops ids it
   * does not know, an id that is not a token is a `RangeError`.
   *
   * @example
   * tok.decode(tok.encode("Hello world")); // "hello world" for an uncased BERT
   */
  decode(ids: ArrayLike<number>, options: HfDecodeOptions = {}): string {
    for (let i = 0; i < ids.length; i++) this.checkId(ids[i]);
    return decodeTokens(
      ids,
      {
        idToToken: (id) => this.idToToken(id),
        isSpecialToken: (t) => this.addedVocabulary.isSpecialToken(t),
      },
      options.skipSpecialTokens ?? false,
      this.decoder,
    );
  }

  /**
   * The tokens' bytes, concatenated (see {@link Tokenizer.decodeBytes}): no decoder edits, so
   * SentencePiece's leading space stays and a character cut between tokens stays cut.
   */
  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      const b = this.tokenBytes(ids[i]);
      parts.push(b);
      total += b.length;
    }
    const out = new Uint8Array(total);
    let n = 0;
    for (const b of parts) {
      out.set(b, n);
      n += b.length;
    }
    return out;
  }

  /** The bytes token `id` stands for (see {@link TokenInfo.bytes}). */
  tokenBytes(id: number): Uint8Array {
    const info = this.token(id);
    if (info === undefined) throw invalidTokenId(id, this.name);
    return info.bytes;
  }

  /**
   * Token `id` with its bytes (the vocabulary's spelling undone, see token-info.ts).
   *
   * @example
   * llama2.token(13); // { piece: "<0x0A>", bytes: Uint8Array [10], form: "byte", ... }
   */
  token(id: number): TokenInfo | undefined {
    if (!Number.isInteger(id)) return undefined;
    const added = this.addedVocabulary.tokenOf(id);
    if (added !== undefined) {
      const special = this.addedVocabulary.isSpecialToken(added.content);
      const info = addedTokenInfo(id, added.content, special);
      // The decoder spells an ordinary added token's space marks as spaces, as for the model's
      // tokens (Gemma's "▁▁" is two spaces, and the model makes it from "  ").
      const scheme = this.byteConvention();
      if (special || scheme.kind !== "sentencepiece" || !added.content.includes(scheme.spaceMark))
        return info;
      return { ...info, bytes: new TextEncoder().encode(added.content.split(scheme.spaceMark).join(" ")) };
    }
    const piece = this.model.idToToken(id);
    return piece === undefined ? undefined : modelTokenInfo(id, piece, this.byteConvention());
  }

  /** HF `token_to_id` (see {@link tokenToId}). */
  tokenId(piece: string): number | undefined {
    return this.tokenToId(piece);
  }

  /** Whether `id` is a special added token. */
  isSpecial(id: number): boolean {
    const token = this.addedVocabulary.tokenOf(id);
    return token !== undefined && this.addedVocabulary.isSpecialToken(token.content);
  }

  /**
   * The words the model sees for `text` (added tokens cut out first and kept as pieces, then the
   * normalizer and the pre-tokenizer), as normalized strings.
   *
   * @example
   * gpt2.pretokenize("Hello world"); // ["Hello", "Ġworld"]
   */
  pretokenize(text: string): string[] {
    const pieces: string[] = [];
    forEachSplit(text, this.addedVocabulary, this.normalizer, this.preTokenizer, {
      addedToken: (_id, value) => {
        pieces.push(value);
      },
      word: (ns, s, e) => {
        pieces.push(ns.normalized.slice(s, e));
      },
    });
    return pieces;
  }

  /**
   * A streaming decoder with HF's `DecodeStream` semantics: each id is decoded together with
   * the few before it, so a decoder's edits at the start (SentencePiece's leading space) and
   * characters cut between byte tokens come out as in one-shot {@link decode}.
   */
  createDecoder(): TokenDecoder {
    return new DecodeStream((ids) => this.decode(ids));
  }

  /** The pipeline's components, the non-special added tokens, truncation and padding. */
  describe(): TokenizerDescription {
    const addedTokens: Record<string, number> = emptyRecord<number>();
    for (const { id, token } of this.addedVocabulary.entries()) {
      if (!token.special) addedTokens[token.content] = id;
    }
    const settings: Record<string, unknown> = emptyRecord<unknown>();
    if (this.truncation !== null) settings.truncation = this.truncation;
    if (this.padding !== null) settings.padding = this.padding;
    return {
      pipeline: {
        normalizer: describeComponent(this.normalizer),
        pre_tokenizer: describeComponent(this.preTokenizer),
        model: this.model.constructor.name,
        post_processor: describeComponent(this.postProcessor),
        decoder: describeComponent(this.decoder),
      },
      addedTokens: plainRecord(addedTokens),
      settings: plainRecord(settings),
    };
  }

  /**
   * This tokenizer with its model step done by another segmenter over its byte-level BPE
   * vocabulary (see {@link Tokenizer.withSegmenter}); everything around the model (added tokens,
   * normalizer, pre-tokenizer, post-processor, decoder, offsets) is unchanged.
   *
   * @example
   * tok.withSegmenter("pathpiece").encode("Hello world");
   */
  withSegmenter(spec: SegmenterSpec | SegmenterName): HfTokenizer {
    const { name, dropout, seed } = segmenterSpec(spec);
    if (name === "bpe") return this;
    const vocabulary = hfSegmentVocabulary(this, { segmenter: name });
    const segmenter = createSegmenter(name, vocabulary, { dropout, seed });
    return this.withModel(new SegmentedModel(this.model, segmenter));
  }

  /**
   * A copy of this tokenizer (added tokens, normalizer, pre-tokenizer, post-processor, decoder,
   * truncation, padding) with another model step, for instance a `SegmentedModel` over a
   * segmenter built by hand. Throws when an added token would change id.
   *
   * @example
   * tok.withModel(new SegmentedModel(tok.model, createSegmenter("lbpe", hfSegmentVocabulary(tok))));
   */
  withModel(model: WordModel): HfTokenizer {
    const entries = this.addedVocabulary.entries();
    const out = new HfTokenizer({
      name: this.name,
      format: this.format,
      chat: this.chat,
      normalizer: this.normalizer,
      preTokenizer: this.preTokenizer,
      model,
      postProcessor: this.postProcessor,
      decoder: this.decoder,
      addedTokens: entries.map((e) => e.token),
      truncation: this.truncation,
      padding: this.padding,
    });
    for (const { id, token } of entries) {
      if (out.addedVocabulary.tokenToId(token.content) !== id) {
        throw new Error(`added token ${JSON.stringify(token.content)} would change id (${id})`);
      }
    }
    return out;
  }

  private byteConvention(): ByteScheme {
    this.scheme ??= byteSchemeOf(this);
    return this.scheme;
  }

  private checkId(id: number): void {
    if (!Number.isInteger(id) || this.idToToken(id) === undefined) throw invalidTokenId(id, this.name);
  }

  /**
   * The special-token ids to read as ordinary text for `options` (`null`: none); throws on a
   * disallowed special token in the text.
   */
  private skipFor(text: string, options: EncodeOptions): ReadonlySet<number> | null {
    if (this.specials.size === 0) return null;
    const allowed = this.specials.allowedIn(text, options);
    if (allowed === undefined) return this.allSpecialIds;
    if (this.specials.allowsAll(allowed)) return null;
    const skip = new Set<number>();
    this.specials.ids.forEach((id, i) => {
      if (allowed[i] === 0) skip.add(id);
    });
    return skip.size === 0 ? null : skip;
  }

  /** Token count of `encode(text, options)`, running the model only until it passes `limit`. */
  private countUpTo(text: string, options: EncodeOptions, limit: number): number {
    const skip = this.skipFor(text, options);
    const add = options.addSpecialTokens === true && this.postProcessor !== null;
    const budget = add ? limit - this.postProcessor!.addedTokens(false) : limit;
    const sink = this.sink;
    let n = 0;
    const model = this.model;
    model.beginText?.();
    const scratch = this.scratchIds;
    const word =
      model.tokenizeIdsInto !== undefined
        ? (text: string, s: number, e: number) => {
            if (n > budget) return;
            n += model.tokenizeIdsInto!(text, s, e, scratch);
            if (scratch.length > 4096) scratch.length = 0;
          }
        : (text: string, s: number, e: number) => {
            if (n > budget) return;
            n += model.tokenizeInto(text, s, e, sink);
            if (sink.ids.length > 4096) {
              sink.ids.length = 0;
              sink.starts.length = 0;
              sink.ends.length = 0;
            }
          };
    const addedToken = () => {
      n++;
    };
    if (!this.plain?.run(text, { addedToken, word }, skip)) {
      n = 0;
      forEachSplit(
        text,
        this.addedVocabulary,
        this.normalizer,
        this.preTokenizer,
        { addedToken, word: (ns, s, e) => word(ns.normalized, s, e) },
        skip,
      );
    }
    if (add) n += this.postProcessor!.addedTokens(false);
    return n;
  }

  /** HF's `encode` with its truncation and padding given explicitly, special tokens in `skip` read as text. */
  private encodeAligned(
    text: string,
    pair: string | null,
    add: boolean,
    skip: ReadonlySet<number> | null,
    trunc: TruncationParams | null,
    padding: PaddingParams | null,
  ): HfEncoding {
    this.model.beginText?.();
    if (trunc !== null) checkTruncationParams(trunc);
    // HF tokenizes only as many words as truncation can keep (`tokenize_with_limit`); this
    // changes nothing but word ids under left truncation, and the overflowing parts.
    const limitFirst = trunc !== null && trunc.strategy !== "only_second" ? trunc : null;
    let first = this.encodeSequence(text, 0, limitFirst, skip);
    let second = pair === null ? null : this.encodeSequence(pair, 1, trunc, skip);
    if (trunc !== null) {
      const added = add && this.postProcessor !== null ? this.postProcessor.addedTokens(second !== null) : 0;
      // HF subtracts in usize; a budget below the special tokens wraps around to "no limit".
      if (added <= trunc.maxLength) {
        [first, second] = truncateEncodings(first, second, { ...trunc, maxLength: trunc.maxLength - added });
      }
    }
    // Without a processor a single sequence passes through unchanged (HF `default_process`).
    const out =
      this.postProcessor === null && second === null
        ? first
        : postProcess(this.postProcessor, first, second, add, trunc === null);
    if (padding !== null) {
      const padSequence = this.postProcessor === null && second === null ? 0 : null;
      padEncoding(out, padTarget([out.ids.length], padding), padding, padSequence);
    }
    return out;
  }

  /** One sequence through added tokens, normalizer, pre-tokenizer and model (no template). */
  private encodeSequence(
    text: string,
    typeId: number,
    limit: TruncationParams | null,
    skip: ReadonlySet<number> | null,
  ): HfEncoding {
    if (limit === null && this.model.tokenizeValuesInto !== undefined)
      return this.encodeWhole(text, typeId, skip);
    const splits: Split[] = [];
    forEachSplit(
      text,
      this.addedVocabulary,
      this.normalizer,
      this.preTokenizer,
      {
        addedToken: (id, value, start, end) => {
          splits.push({ id, value, start, end, ns: null });
        },
        word: (ns, start, end) => {
          splits.push({ id: -1, value: "", start, end, ns });
        },
      },
      skip,
    );
    const enc: HfEncoding = {
      ids: [],
      typeIds: [],
      tokens: [],
      offsets: [],
      specialTokensMask: [],
      attentionMask: [],
      sequenceIds: [],
      wordIds: [],
    };
    // Which splits to tokenize: all, or (HF `tokenize_with_limit`) from the kept end until the
    // running count reaches max_length; the rest is dropped before word ids are numbered.
    const perSplit: { id: number; value: string; start: number; end: number }[][] = new Array(splits.length);
    let from = 0;
    let to = splits.length;
    if (limit === null) {
      for (let i = 0; i < splits.length; i++) perSplit[i] = this.tokenizeSplit(splits[i]);
    } else if (limit.direction === "right") {
      let total = 0;
      to = 0;
      for (let i = 0; i < splits.length; i++) {
        perSplit[i] = this.tokenizeSplit(splits[i]);
        total += perSplit[i].length;
        to = i + 1;
        if (splits[i].id < 0 && total >= limit.maxLength) break;
      }
    } else {
      let total = 0;
      from = splits.length;
      for (let i = splits.length - 1; i >= 0; i--) {
        perSplit[i] = this.tokenizeSplit(splits[i]);
        total += perSplit[i].length;
        from = i;
        if (splits[i].id < 0 && total >= limit.maxLength) break;
      }
    }
    for (let i = from; i < to; i++) {
      for (const t of perSplit[i]) {
        enc.ids.push(t.id);
        enc.tokens.push(t.value);
        enc.offsets.push([t.start, t.end]);
        enc.typeIds.push(typeId);
        enc.specialTokensMask.push(0);
        enc.attentionMask.push(1);
        enc.sequenceIds.push(0);
        enc.wordIds!.push(i - from);
      }
    }
    return enc;
  }

  /**
   * {@link encodeSequence} without truncation, for a model that reads words in place with their
   * values: the tokens go straight from the model into the encoding's arrays, with no object per
   * split or token (the encoding's offset pairs aside).
   */
  private encodeWhole(text: string, typeId: number, skip: ReadonlySet<number> | null): HfEncoding {
    const model = this.model;
    const ids: number[] = [];
    const tokens: string[] = [];
    const offsets: [number, number][] = [];
    const wordIds: number[] = [];
    // A sink of its own that grows over the whole text: emptying one per word costs more.
    const sink: TokenSink = { ids: [], starts: [], ends: [] };
    let split = 0;
    forEachSplit(
      text,
      this.addedVocabulary,
      this.normalizer,
      this.preTokenizer,
      {
        addedToken: (id, value, start, end) => {
          ids.push(id);
          tokens.push(value);
          offsets.push([start, end]);
          wordIds.push(split++);
        },
        word: (ns, start, end) => {
          const from = sink.ids.length;
          const to = from + model.tokenizeValuesInto!(ns.normalized, start, end, sink, tokens);
          const shift = ns.originalShift;
          for (let k = from; k < to; k++) {
            ids.push(sink.ids[k]);
            const range = ns.originalRange(sink.starts[k], sink.ends[k]);
            range[0] += shift;
            range[1] += shift;
            offsets.push(range);
            wordIds.push(split);
          }
          split++;
        },
      },
      skip,
    );
    const n = ids.length;
    const typeIds: number[] = [];
    const zeros: number[] = [];
    const ones: number[] = [];
    const sequenceIds: number[] = [];
    for (let i = 0; i < n; i++) {
      typeIds.push(typeId);
      zeros.push(0);
      ones.push(1);
      sequenceIds.push(0);
    }
    return {
      ids,
      typeIds,
      tokens,
      offsets,
      specialTokensMask: zeros,
      attentionMask: ones,
      sequenceIds,
      wordIds,
    };
  }

  private tokenizeSplit(split: Split): { id: number; value: string; start: number; end: number }[] {
    if (split.id >= 0) return [{ id: split.id, value: split.value, start: split.start, end: split.end }];
    const ns = split.ns!;
    const shift = ns.originalShift;
    const word = ns.normalized.slice(split.start, split.end);
    return this.model.tokenize(word).map((t) => {
      const [s, e] = ns.originalRange(split.start + t.start, split.start + t.end);
      return { id: t.id, value: t.value, start: s + shift, end: e + shift };
    });
  }
}
