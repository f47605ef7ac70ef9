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
import { type AddedToken, AddedVocabulary } from "./added-tokens.js";
import { type PaddingParams, padEncoding, padTarget } from "./padding.js";
import { type PlainPipeline, plainPipeline } from "./plain-splits.js";
import { forEachSplit } from "./splits.js";
import { type TruncationParams, truncateEncodings } from "./truncation.js";

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
}

/** Options of {@link HfTokenizer.encode}. */
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
 * A Hugging Face tokenizer, exact against the Rust library (`tokenizers` 0.23).
 *
 * @example
 * ```ts
 * const tok = loadTokenizerJson(readFileSync("tokenizer.json", "utf8"));
 * tok.encode("Hello world").ids;               // with the template, as HF's default
 * tok.encode("Hello", "world").typeIds;        // a pair
 * tok.encodeIds("Hello world");                // add_special_tokens=False, ids only (fast)
 * tok.decode([101, 7592, 102], { skipSpecialTokens: true }); // "hello"
 * ```
 */
export class HfTokenizer {
  readonly normalizer: Normalizer | null;
  readonly preTokenizer: HfPreTokenizer | null;
  readonly model: WordModel;
  readonly postProcessor: PostProcessor | null;
  readonly decoder: Decoder | null;
  readonly addedVocabulary: AddedVocabulary;
  /** Truncation settings (tokenizer.json `truncation`); `null`: none. May be changed. */
  truncation: TruncationParams | null;
  /** Padding settings (tokenizer.json `padding`); `null`: none. May be changed. */
  padding: PaddingParams | null;

  private readonly sink: TokenSink = { ids: [], starts: [], ends: [] };
  /** Ids `count` throws away. */
  private readonly scratchIds: number[] = [];
  /** The ids-only front half (no alignments), or `null` if a component has no plain path. */
  private readonly plain: PlainPipeline | null;

  constructor(parts: HfTokenizerParts) {
    this.normalizer = parts.normalizer ?? null;
    this.preTokenizer = parts.preTokenizer ?? null;
    this.model = parts.model;
    this.postProcessor = parts.postProcessor ?? null;
    this.decoder = parts.decoder ?? null;
    this.addedVocabulary = new AddedVocabulary(parts.addedTokens ?? [], this.model, this.normalizer);
    this.truncation = parts.truncation ?? null;
    this.padding = parts.padding ?? null;
    this.plain = plainPipeline(this.addedVocabulary, this.normalizer, this.preTokenizer);
  }

  /**
   * HF `get_vocab_size(true)`: distinct token strings of the model and the added tokens.
   *
   * @example
   * tok.vocabSize; // 30522 for bert-base-uncased
   */
  get vocabSize(): number {
    let extra = 0;
    for (const content of this.addedVocabulary.vocabulary().keys()) {
      if (this.model.tokenToId(content) === undefined) extra++;
    }
    return this.model.vocabSize + extra;
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
   * sequence's own text (UTF-16 units), truncation and padding as configured.
   *
   * @example
   * tok.encode("Hi!", null, { addSpecialTokens: false }).tokens; // e.g. ["hi", "!"]
   */
  encode(text: string, pair: string | null = null, options: HfEncodeOptions = {}): HfEncoding {
    const add = options.addSpecialTokens ?? true;
    const trunc = this.truncation;
    // HF tokenizes only as many words as truncation can keep (`tokenize_with_limit`); this
    // changes nothing but word ids under left truncation, and the overflowing parts.
    const limitFirst = trunc !== null && trunc.strategy !== "only_second" ? trunc : null;
    let first = this.encodeSequence(text, 0, limitFirst);
    let second = pair === null ? null : this.encodeSequence(pair, 1, trunc);
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
        : postProcess(this.postProcessor, first, second, add);
    if (this.padding !== null) {
      const padSequence = this.postProcessor === null && second === null ? 0 : null;
      padEncoding(out, padTarget([out.ids.length], this.padding), this.padding, padSequence);
    }
    return out;
  }

  /**
   * The ids of `encode(text, null, { addSpecialTokens })` without building tokens or offsets
   * when no truncation, padding or template is involved (the fast path the CLI and counting
   * use). Added tokens in the text are recognised, as in HF.
   *
   * @example
   * tok.encodeIds("Hello world"); // add_special_tokens=False
   */
  encodeIds(text: string, options: { addSpecialTokens?: boolean } = {}): number[] {
    const add = options.addSpecialTokens ?? false;
    if (this.truncation !== null || this.padding !== null || (add && this.postProcessor !== null)) {
      return this.encode(text, null, { addSpecialTokens: add }).ids;
    }
    const sink = this.sink;
    const ids: number[] = [];
    const model = this.model;
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
    if (this.plain?.run(text, { addedToken, word })) return ids;
    ids.length = 0;
    forEachSplit(text, this.addedVocabulary, this.normalizer, this.preTokenizer, {
      addedToken,
      word: (ns, s, e) => word(ns.normalized, s, e),
    });
    return ids;
  }

  /**
   * Number of tokens of `text` (without truncation or padding); with `addSpecialTokens`, plus
   * the special tokens the post-processor adds to a single sequence.
   *
   * @example
   * tok.count("Hello world"); // 2
   */
  count(text: string, options: { addSpecialTokens?: boolean } = {}): number {
    const sink = this.sink;
    let n = 0;
    const model = this.model;
    const scratch = this.scratchIds;
    const word =
      model.tokenizeIdsInto !== undefined
        ? (text: string, s: number, e: number) => {
            n += model.tokenizeIdsInto!(text, s, e, scratch);
            if (scratch.length > 4096) scratch.length = 0;
          }
        : (text: string, s: number, e: number) => {
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
    if (!this.plain?.run(text, { addedToken, word })) {
      n = 0;
      forEachSplit(text, this.addedVocabulary, this.normalizer, this.preTokenizer, {
        addedToken,
        word: (ns, s, e) => word(ns.normalized, s, e),
      });
    }
    if (options.addSpecialTokens && this.postProcessor !== null) n += this.postProcessor.addedTokens(false);
    return n;
  }

  /**
   * HF `decode(ids, skip_special_tokens)`: unknown ids are dropped, special added tokens too
   * when asked, and the decoder joins the rest (no decoder: tokens joined with spaces).
   *
   * @example
   * tok.decode(tok.encodeIds("Hello world")); // "hello world" for an uncased BERT
   */
  decode(ids: ArrayLike<number>, options: HfDecodeOptions = {}): string {
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

  /** One sequence through added tokens, normalizer, pre-tokenizer and model (no template). */
  private encodeSequence(text: string, typeId: number, limit: TruncationParams | null): HfEncoding {
    const splits: Split[] = [];
    forEachSplit(text, this.addedVocabulary, this.normalizer, this.preTokenizer, {
      addedToken: (id, value, start, end) => {
        splits.push({ id, value, start, end, ns: null });
      },
      word: (ns, start, end) => {
        splits.push({ id: -1, value: "", start, end, ns });
      },
    });
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
