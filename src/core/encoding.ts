import { BytePairMerger } from "./bpe.js";
import { StreamingDecoder, type TokenByteSource } from "./decoder.js";
import { pretokenizerForPattern } from "./pretokenize/index.js";
import { type Pretokenizer, splitPieces } from "./pretokenize/types.js";
import { createSegmenter } from "./segment/create.js";
import type { Segmenter, SegmenterName } from "./segment/types.js";
import { SpecialTokenSet } from "./special.js";
import {
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
} from "./tokenizer.js";
import type { EncodingSpec } from "./types.js";
import { encodeUtf8Into, utf16LengthOfUtf8 } from "./utf8.js";
import { BytePairVocab, HASH_BASE, hashBytes, NO_RANK } from "./vocab.js";

export type { EncodedPrefix, EncodeOptions, TokenSpans } from "./tokenizer.js";

/** Options of {@link Encoding.count} (the same as {@link EncodeOptions}). */
export type CountOptions = EncodeOptions;

/** Receives the output of a walk over the text; returning false stops the walk. */
interface TokenSink {
  /** Piece `text[start, end)` with UTF-8 `bytes[0, len)` encoded to `ranks[0, n)`. */
  piece(start: number, end: number, ranks: Int32Array, n: number, bytes: Uint8Array, len: number): boolean;
  /** Special token `id` spelled by `text[start, end)`. */
  special(id: number, start: number, end: number): boolean;
}

/**
 * A tiktoken-compatible byte-level BPE encoding: special-token split → pretokenizer → merge.
 * Token ids are plain `number`s in `number[]` arrays (not `Uint32Array` as in the `tiktoken`
 * package), which is what most callers store and pass on.
 *
 * An `Encoding` is not re-entrant across threads (it owns scratch buffers) but is safe to use
 * from any number of call sites in one thread.
 *
 * @example
 * ```ts
 * const enc = new Encoding(spec); // e.g. o200k_base
 * enc.encode("hello world"); // [24912, 2375]
 * enc.decode([24912, 2375]); // "hello world"
 * ```
 */
export class Encoding implements Tokenizer, TokenByteSource {
  readonly name: string;
  readonly format = "tiktoken";
  readonly byteScheme = "bytes";
  readonly unknownId = null;
  readonly chat: ChatFormat;
  /** The pretokenization pattern, in tiktoken syntax. */
  readonly pattern: string;
  readonly pretokenizer: Pretokenizer;
  readonly vocab: BytePairVocab;
  /** Special token text → id. */
  readonly specialTokens: Readonly<Record<string, number>>;
  /** The largest token id (mergeable or special). */
  readonly maxTokenValue: number;
  /** `maxTokenValue + 1`: tiktoken's `n_vocab` (see {@link Tokenizer.vocabSize}). */
  readonly vocabSize: number;

  private readonly spec: EncodingSpec;
  private readonly merger: BytePairMerger;
  /** Cuts pieces instead of the merger (see {@link withSegmenter}); `null`: BPE. */
  private readonly segmenter: Segmenter | null;
  private readonly segmented: number[] = [];
  private bytes = new Uint8Array(1024);
  private readonly specials: SpecialTokenSet;
  private readonly specialBytes = new Map<number, Uint8Array>();
  private readonly utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly utf8Encoder = new TextEncoder();

  /**
   * Builds the encoding; throws when `spec.explicitNVocab` disagrees with the vocabulary.
   * `options.pretokenizer` replaces the one chosen for `spec.pattern` (for experiments and for
   * differential tests of pretokenizers).
   */
  constructor(
    spec: EncodingSpec,
    options?: {
      readonly pretokenizer?: Pretokenizer;
      /** The vocabulary of `spec.ranks`, already built (shared with another encoding). */
      readonly vocab?: BytePairVocab;
      /** A segmenter over `vocab` that replaces BPE merging (see {@link withSegmenter}). */
      readonly segmenter?: Segmenter;
    },
  ) {
    this.spec = spec;
    this.segmenter = options?.segmenter ?? null;
    this.name = spec.name;
    this.pattern = spec.pattern;
    this.chat = spec.chat ?? { kind: "openai" };
    this.pretokenizer = options?.pretokenizer ?? pretokenizerForPattern(spec.pattern, spec.name);
    this.vocab = options?.vocab ?? new BytePairVocab(spec.ranks, { name: spec.name });
    this.merger = new BytePairMerger(this.vocab);
    this.specialTokens = Object.freeze({ ...spec.specialTokens });
    this.specials = new SpecialTokenSet(this.specialTokens);
    const { names, ids } = this.specials;
    names.forEach((name, i) => {
      this.specialBytes.set(ids[i], this.utf8Encoder.encode(name));
    });

    let max = -1;
    for (let r = this.vocab.size - 1; r >= 0; r--) {
      if (this.vocab.hasRank(r)) {
        max = r;
        break;
      }
    }
    for (const id of ids) if (id > max) max = id;
    this.maxTokenValue = max;
    this.vocabSize = max + 1;
    const n = spec.explicitNVocab;
    if (n !== undefined) {
      const total = this.vocab.tokenCount + names.length;
      if (total !== n || max !== n - 1) {
        throw new Error(
          `${spec.name}: explicitNVocab is ${n} but the vocabulary has ${total} tokens ` +
            `(${this.vocab.tokenCount} mergeable + ${names.length} special) ` +
            `and max token value ${max}`,
        );
      }
    }
  }

  /**
   * Encodes text, handling special tokens as tiktoken does (see {@link EncodeOptions}): throws
   * an `Error` naming the first disallowed special token found in the text.
   *
   * @example
   * ```ts
   * enc.encode("hi<|endoftext|>", { allowedSpecial: "all" }); // [..., 199999]
   * enc.encode("hi<|endoftext|>"); // throws: special token not allowed
   * ```
   */
  encode(text: string, opts?: EncodeOptions): number[] {
    const out: number[] = [];
    this.walk(text, opts, new ArraySink(out));
    return out;
  }

  /**
   * Encodes text ignoring special tokens: `<|endoftext|>` is ordinary text here.
   *
   * @example
   * ```ts
   * enc.encodeOrdinary("<|endoftext|>").length > 1; // true
   * ```
   */
  encodeOrdinary(text: string): number[] {
    const out: number[] = [];
    this.walkSegment(text, 0, text.length, new ArraySink(out));
    return out;
  }

  /**
   * The number of tokens `encode(text, opts)` returns, without building the array.
   *
   * @example
   * ```ts
   * enc.count("hello world"); // 2
   * ```
   */
  count(text: string, opts?: CountOptions): number {
    const sink = new CountSink(Number.POSITIVE_INFINITY);
    this.walk(text, opts, sink);
    return sink.count;
  }

  /**
   * `false` when `text` encodes to more than `limit` tokens, else the token count. Stops
   * encoding as soon as the limit is exceeded, so it is cheap on long texts.
   *
   * @example
   * ```ts
   * enc.isWithinTokenLimit("hello world", 5); // 2
   * enc.isWithinTokenLimit("hello world", 1); // false
   * ```
   */
  isWithinTokenLimit(text: string, limit: number, opts?: EncodeOptions): false | number {
    const sink = new CountSink(limit);
    this.walk(text, opts, sink);
    return sink.count > limit ? false : sink.count;
  }

  /**
   * The longest prefix of `encode(text, opts)` with at most `maxTokens` tokens that ends on a
   * character boundary, and the length of the text it spells: `decode(ids)` equals
   * `text.slice(0, prefixLength)` (for well-formed text). Tokens are cut where the full
   * encoding puts them, which can differ from `encode(text.slice(0, prefixLength))`.
   *
   * @example
   * ```ts
   * const { ids, prefixLength } = enc.encodeUpTo(longText, 100);
   * const head = longText.slice(0, prefixLength); // what the 100 tokens say
   * ```
   */
  encodeUpTo(text: string, maxTokens: number, opts?: EncodeOptions): EncodedPrefix {
    const sink = new UpToSink(maxTokens, this.vocab);
    this.walk(text, opts, sink);
    if (!sink.stopped) sink.prefixLength = text.length;
    return { ids: sink.tokens, prefixLength: sink.prefixLength };
  }

  /**
   * Encodes text and reports the span of text each token stands for (see {@link TokenSpans}):
   * a token that starts or ends inside a character (its bytes cut a multi-byte UTF-8 sequence)
   * covers that whole character, so spans never cut a character and starts never decrease.
   *
   * @example
   * ```ts
   * enc.encodeWithOffsets("hello world"); // { ids: [24912, 2375], starts: [0, 5], ends: [5, 11] }
   * ```
   */
  encodeWithOffsets(text: string, opts?: EncodeOptions): TokenSpans {
    const sink = new OffsetSink(this.vocab);
    this.walk(text, opts, sink);
    return { ids: sink.ids, starts: sink.starts, ends: sink.ends };
  }

  /**
   * Decodes tokens to text; bytes that are not valid UTF-8 (a character split across the end,
   * or invalid sequences) become U+FFFD as `TextDecoder` replaces them. Throws a `RangeError`
   * naming the first id that is not a token.
   *
   * @example
   * ```ts
   * enc.decode(enc.encode("héllo")); // "héllo"
   * ```
   */
  decode(tokens: ArrayLike<number>): string {
    return this.utf8Decoder.decode(this.decodeBytes(tokens));
  }

  /**
   * The concatenated bytes of `tokens`. Throws a `RangeError` on an id that is not a token.
   *
   * @example
   * ```ts
   * enc.decodeBytes([24912]); // Uint8Array [104, 101, 108, 108, 111]
   * ```
   */
  decodeBytes(tokens: ArrayLike<number>): Uint8Array {
    const { offsets, blob, size } = this.vocab;
    let total = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      // `(t | 0) === t` keeps strings, fractions and NaN off the typed-array lookup.
      if ((t | 0) === t && t >= 0 && t < size && offsets[t + 1] > offsets[t])
        total += offsets[t + 1] - offsets[t];
      else total += this.specialBytesOf(t).length;
    }
    const out = new Uint8Array(total);
    let n = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if ((t | 0) === t && t >= 0 && t < size && offsets[t + 1] > offsets[t]) {
        const s = offsets[t];
        const e = offsets[t + 1];
        if (e - s < 8) for (let j = s; j < e; j++) out[n++] = blob[j];
        else {
          out.set(blob.subarray(s, e), n);
          n += e - s;
        }
      } else {
        const b = this.specialBytesOf(t);
        out.set(b, n);
        n += b.length;
      }
    }
    return out;
  }

  /**
   * The bytes of one token (a copy). Throws on unknown ids.
   *
   * @example
   * ```ts
   * enc.tokenBytes(24912); // Uint8Array of "hello"
   * ```
   */
  tokenBytes(id: number): Uint8Array {
    if ((id | 0) === id && this.vocab.hasRank(id)) return this.vocab.tokenBytes(id).slice();
    return this.specialBytesOf(id).slice();
  }

  /**
   * The token with id `id` (its piece is its bytes as UTF-8, lossily), or `undefined`.
   *
   * @example
   * ```ts
   * enc.token(24912); // { id: 24912, piece: "hello", bytes, form: "text", continuation: false }
   * ```
   */
  token(id: number): TokenInfo | undefined {
    let bytes: Uint8Array | undefined;
    let form: TokenInfo["form"] = "text";
    if ((id | 0) === id && this.vocab.hasRank(id)) bytes = this.vocab.tokenBytes(id).slice();
    else {
      bytes = this.specialBytes.get(id)?.slice();
      form = "special";
    }
    if (bytes === undefined) return undefined;
    return { id, piece: this.utf8Decoder.decode(bytes), bytes, form, continuation: false };
  }

  /**
   * The id of the token whose bytes are the UTF-8 of `piece` (special tokens too), if any.
   *
   * @example
   * ```ts
   * enc.tokenId("hello"); // 24912
   * ```
   */
  tokenId(piece: string): number | undefined {
    const bytes = this.utf8Encoder.encode(piece);
    const r = this.vocab.rankOfRange(bytes, 0, bytes.length);
    if (r !== NO_RANK) return r;
    const i = this.specials.indexOf(piece);
    return i === undefined ? undefined : this.specials.ids[i];
  }

  /** Whether `id` is one of the special tokens. */
  isSpecial(id: number): boolean {
    return this.specialBytes.has(id);
  }

  /**
   * The pieces the pretokenizer cuts `text` into (special-token text is ordinary text here).
   *
   * @example
   * ```ts
   * enc.pretokenize("hello world"); // ["hello", " world"]
   * ```
   */
  pretokenize(text: string): string[] {
    return splitPieces(this.pretokenizer, text);
  }

  /** The pattern and model, for display (`toklab inspect`). */
  describe(): TokenizerDescription {
    return {
      pipeline: { pattern: this.pattern, model: "BPE (tiktoken ranks)" },
      addedTokens: {},
      settings: {},
    };
  }

  /**
   * The id of the token spelled exactly by `textOrBytes` (mergeable tokens first, then special
   * tokens, as tiktoken-python). Throws when it is not a single token.
   *
   * @example
   * ```ts
   * enc.encodeSingleToken("hello"); // 24912
   * enc.encodeSingleToken("<|endoftext|>"); // 199999
   * ```
   */
  encodeSingleToken(textOrBytes: string | Uint8Array): number {
    const bytes = typeof textOrBytes === "string" ? this.utf8Encoder.encode(textOrBytes) : textOrBytes;
    const r = this.vocab.rankOfRange(bytes, 0, bytes.length);
    if (r !== NO_RANK) return r;
    const text = typeof textOrBytes === "string" ? textOrBytes : this.utf8Decoder.decode(bytes);
    const i = this.specials.indexOf(text);
    if (i !== undefined && this.specialBytes.get(this.specials.ids[i])!.length === bytes.length) {
      return this.specials.ids[i];
    }
    throw new Error(`${JSON.stringify(text)} is not a single token of ${this.name}`);
  }

  /**
   * A new streaming decoder for one token stream (see {@link StreamingDecoder}).
   *
   * @example
   * ```ts
   * const d = enc.createDecoder();
   * d.write(tokens.slice(0, 3)) + d.write(tokens.slice(3)) + d.end(); // decode(tokens)
   * ```
   */
  createDecoder(): TokenDecoder {
    return new StreamingDecoder(this);
  }

  /**
   * The segmenter that cuts pieces instead of BPE merging ({@link withSegmenter}), or `"bpe"`.
   *
   * @example
   * ```ts
   * enc.segmenterName; // "bpe"
   * enc.withSegmenter("pathpiece").segmenterName; // "pathpiece"
   * ```
   */
  get segmenterName(): SegmenterName {
    return this.segmenter?.name ?? "bpe";
  }

  /**
   * This encoding with another segmenter in place of BPE merging, over the same vocabulary (see
   * {@link Tokenizer.withSegmenter}); `bpe` returns this encoding.
   *
   * @example
   * ```ts
   * enc.withSegmenter("pathpiece").count(text) <= enc.count(text); // fewest tokens per piece
   * ```
   */
  withSegmenter(spec: SegmenterSpec | SegmenterName): Encoding {
    const { name, dropout, seed } = segmenterSpec(spec);
    if (name === "bpe") return this;
    // The segmenter works on this encoding's own vocabulary object: its trie is the backtracking
    // encoder's, built once for both.
    const segmenter = createSegmenter(name, this.vocab, { dropout, seed });
    return new Encoding(this.spec, { pretokenizer: this.pretokenizer, vocab: this.vocab, segmenter });
  }

  /**
   * This encoding under another name (for reports that name tokenizers as their users did),
   * sharing the vocabulary.
   *
   * @example
   * ```ts
   * (await getEncoding("o200k_base")).withName("gpt-4o").name; // "gpt-4o"
   * ```
   */
  withName(name: string): Encoding {
    const spec = { ...this.spec, name };
    return new Encoding(spec, {
      pretokenizer: this.pretokenizer,
      vocab: this.vocab,
      segmenter: this.segmenter ?? undefined,
    });
  }

  private specialBytesOf(id: number): Uint8Array {
    const b = this.specialBytes.get(id);
    if (b === undefined) throw invalidTokenId(id, this.name);
    return b;
  }

  /** Splits the text at allowed special tokens and walks each ordinary segment on its own. */
  private walk(text: string, opts: EncodeOptions | undefined, sink: TokenSink): void {
    const onProgress = opts?.onProgress;
    if (onProgress === undefined) {
      this.walkText(text, opts, sink);
      return;
    }
    this.walkText(text, opts, new ProgressSink(sink, onProgress));
    onProgress(text.length);
  }

  private walkText(text: string, opts: EncodeOptions | undefined, sink: TokenSink): void {
    this.segmenter?.reset();
    const allowed = this.specials.allowedIn(text, opts);
    if (allowed === undefined) {
      this.walkSegment(text, 0, text.length, sink);
      return;
    }
    const { matcher, ids } = this.specials;
    let pos = 0;
    let going = true;
    matcher.forEachMatch(text, 0, text.length, allowed, (index, at, end) => {
      going = this.walkSegment(text, pos, at, sink) && sink.special(ids[index], at, end);
      pos = end;
      return going;
    });
    if (going) this.walkSegment(text, pos, text.length, sink);
  }

  /** Pretokenizes `text[start, end)` and merges each piece; false when the sink stopped. */
  private walkSegment(text: string, start: number, end: number, sink: TokenSink): boolean {
    const pre = this.pretokenizer;
    const merger = this.merger;
    const vocab = this.vocab;
    let bytes = this.bytes;
    let pos = start;
    while (pos < end) {
      const pieceEnd = pre.next(text, pos, end);
      const need = 3 * (pieceEnd - pos);
      if (bytes.length < need) {
        bytes = new Uint8Array(Math.max(need, 2 * bytes.length));
        this.bytes = bytes;
      }
      // UTF-8 bytes and their hash in one pass for ASCII pieces (most pieces of most text).
      let len = 0;
      let h = 0;
      let i = pos;
      for (; i < pieceEnd; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        bytes[len++] = c;
        h = (Math.imul(h, HASH_BASE) + c) | 0;
      }
      if (i < pieceEnd) {
        len = encodeUtf8Into(text, pos, pieceEnd, bytes);
        h = hashBytes(bytes, 0, len);
      }
      let n = 1;
      if (this.segmenter !== null) n = this.segmentPiece(bytes, len);
      else {
        const whole = vocab.rankOfHashed(h >>> 0, bytes, len);
        if (whole !== NO_RANK) merger.out[0] = whole;
        else n = merger.merge(bytes, len);
      }
      if (!sink.piece(pos, pieceEnd, merger.out, n, bytes, len)) return false;
      pos = pieceEnd;
    }
    return true;
  }

  /** A piece cut by the segmenter, its ids left in `merger.out` as the merger leaves them. */
  private segmentPiece(bytes: Uint8Array, len: number): number {
    const ids = this.segmented;
    ids.length = 0;
    const n = this.segmenter!.segment(bytes, 0, len, ids);
    if (this.merger.out.length < n) this.merger.out = new Int32Array(2 * n);
    const out = this.merger.out;
    for (let i = 0; i < n; i++) out[i] = ids[i];
    return n;
  }
}

class ArraySink implements TokenSink {
  constructor(readonly out: number[]) {}
  piece(_s: number, _e: number, ranks: Int32Array, n: number): boolean {
    const out = this.out;
    for (let i = 0; i < n; i++) out.push(ranks[i]);
    return true;
  }
  special(id: number): boolean {
    this.out.push(id);
    return true;
  }
}

/** Counts tokens; stops once the count exceeds `limit`. */
class CountSink implements TokenSink {
  count = 0;
  constructor(readonly limit: number) {}
  piece(_s: number, _e: number, _r: Int32Array, n: number): boolean {
    this.count += n;
    return this.count <= this.limit;
  }
  special(): boolean {
    this.count++;
    return this.count <= this.limit;
  }
}

/** Passes everything to `inner`, reporting the position reached every {@link PROGRESS_STEP} units. */
class ProgressSink implements TokenSink {
  private nextReport = PROGRESS_STEP;
  constructor(
    readonly inner: TokenSink,
    readonly report: (position: number) => void,
  ) {}
  piece(start: number, end: number, ranks: Int32Array, n: number, bytes: Uint8Array, len: number): boolean {
    if (end >= this.nextReport) {
      this.nextReport = end + PROGRESS_STEP;
      this.report(end);
    }
    return this.inner.piece(start, end, ranks, n, bytes, len);
  }
  special(id: number, start: number, end: number): boolean {
    return this.inner.special(id, start, end);
  }
}

const PROGRESS_STEP = 1 << 20;

/** Keeps tokens up to `max`, cut back to the last character boundary. */
class UpToSink implements TokenSink {
  readonly tokens: number[] = [];
  prefixLength = 0;
  stopped = false;
  constructor(
    readonly max: number,
    readonly vocab: BytePairVocab,
  ) {}
  piece(start: number, end: number, ranks: Int32Array, n: number, bytes: Uint8Array, len: number): boolean {
    const tokens = this.tokens;
    if (tokens.length + n <= this.max) {
      for (let i = 0; i < n; i++) tokens.push(ranks[i]);
      this.prefixLength = end;
      return true;
    }
    // Take as many of this piece's tokens as fit and end on a character boundary.
    this.stopped = true;
    const room = this.max - tokens.length;
    let b = 0;
    let good = 0;
    let goodBytes = 0;
    for (let i = 0; i < room; i++) {
      b += this.vocab.tokenLength(ranks[i]);
      if (b >= len || (bytes[b] & 0xc0) !== 0x80) {
        good = i + 1;
        goodBytes = b;
      }
    }
    for (let i = 0; i < good; i++) tokens.push(ranks[i]);
    this.prefixLength = start + utf16LengthOfUtf8(bytes, 0, goodBytes);
    return false;
  }
  special(_id: number, _s: number, end: number): boolean {
    if (this.tokens.length >= this.max) {
      this.stopped = true;
      return false;
    }
    this.tokens.push(_id);
    this.prefixLength = end;
    return true;
  }
}

/**
 * Records each token's span: from the start of the character holding its first byte to the end
 * of the character holding its last byte.
 */
class OffsetSink implements TokenSink {
  readonly ids: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  constructor(readonly vocab: BytePairVocab) {}
  piece(start: number, _e: number, ranks: Int32Array, n: number, bytes: Uint8Array, len: number): boolean {
    let i = 0; // bytes scanned so far
    let units = 0; // UTF-16 units of the characters that start before byte i
    let charStart = 0; // UTF-16 offset of the last character started before i
    for (let k = 0; k < n; k++) {
      const b = i; // this token's first byte (tokens tile the piece)
      const last = b + this.vocab.tokenLength(ranks[k]) - 1;
      const continues = b < len && (bytes[b] & 0xc0) === 0x80;
      const from = start + (continues ? charStart : units);
      // Scan the token's bytes; units then ends after every character started in it.
      for (; i <= last; i++) {
        const x = bytes[i];
        if ((x & 0xc0) !== 0x80) {
          charStart = units;
          units += x >= 0xf0 ? 2 : 1;
        }
      }
      this.ids.push(ranks[k]);
      this.starts.push(from);
      this.ends.push(start + units);
    }
    return true;
  }
  special(id: number, start: number, end: number): boolean {
    this.ids.push(id);
    this.starts.push(start);
    this.ends.push(end);
    return true;
  }
}
