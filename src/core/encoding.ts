import { BytePairMerger } from "./bpe.js";
import { StreamingDecoder, type TokenByteSource } from "./decoder.js";
import { pretokenizerForPattern } from "./pretokenize/index.js";
import type { Pretokenizer } from "./pretokenize/types.js";
import { SpecialTokenMatcher } from "./special.js";
import type { EncodingSpec } from "./types.js";
import { encodeUtf8Into, utf16LengthOfUtf8 } from "./utf8.js";
import { BytePairVocab, HASH_BASE, hashBytes, NO_RANK } from "./vocab.js";

/**
 * Which special tokens `encode` may meet, with tiktoken's semantics and defaults.
 *
 * - `allowedSpecial` (default: none): specials that are emitted as their id when they occur in
 *   the text; `"all"` allows every special token. Strings that are not special tokens are
 *   ignored.
 * - `disallowedSpecial` (default `"all"`, meaning every special token that is not allowed):
 *   strings whose presence anywhere in the text makes `encode` throw. Pass `[]` to encode
 *   non-allowed specials as ordinary text. An explicit list may name any non-empty strings and
 *   is checked even for tokens that are also allowed, as in tiktoken.
 */
export interface EncodeOptions {
  readonly allowedSpecial?: "all" | Iterable<string>;
  readonly disallowedSpecial?: "all" | Iterable<string>;
  /**
   * Called with the UTF-16 position reached, about every million code units and at the end:
   * lets a caller show progress on a long text without splitting it (splitting could change
   * the tokens at the cut).
   */
  readonly onProgress?: (position: number) => void;
}

/** Options of {@link Encoding.count} (the same as {@link EncodeOptions}). */
export type CountOptions = EncodeOptions;

/** Result of {@link Encoding.encodeUpTo}. */
export interface EncodedPrefix {
  /** The first tokens of `encode(text)`, at most `maxTokens` of them. */
  readonly tokens: number[];
  /** Length in UTF-16 code units of the text prefix that `tokens` cover exactly. */
  readonly prefixLength: number;
}

/** Result of {@link Encoding.encodeWithOffsets}. */
export interface EncodedWithOffsets {
  readonly tokens: number[];
  /**
   * `offsets[i]` is the UTF-16 index in the text where token `i` starts. A token that starts in
   * the middle of a character (its first byte continues a multi-byte UTF-8 sequence) gets the
   * start of that character, so offsets never point inside a character and never decrease.
   */
  readonly offsets: number[];
}

/** Receives the output of a walk over the text; returning false stops the walk. */
interface TokenSink {
  /** Piece `text[start, end)` with UTF-8 `bytes[0, len)` encoded to `ranks[0, n)`. */
  piece(start: number, end: number, ranks: Int32Array, n: number, bytes: Uint8Array, len: number): boolean;
  /** Special token `id` spelled by `text[start, end)`. */
  special(id: number, start: number, end: number): boolean;
}

const ERROR_PREFIX = "The text contains a special token that is not allowed: ";

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
export class Encoding implements TokenByteSource {
  readonly name: string;
  /** The pretokenization pattern, in tiktoken syntax. */
  readonly pattern: string;
  readonly pretokenizer: Pretokenizer;
  readonly vocab: BytePairVocab;
  /** Special token text → id. */
  readonly specialTokens: Readonly<Record<string, number>>;
  /** The largest token id (mergeable or special). */
  readonly maxTokenValue: number;
  /** `maxTokenValue + 1`, as tiktoken's `n_vocab`. */
  readonly nVocab: number;

  private readonly merger: BytePairMerger;
  private bytes = new Uint8Array(1024);
  private readonly specialNames: string[];
  private readonly specialIds: number[];
  private readonly specialMatcher: SpecialTokenMatcher;
  private readonly specialBytes = new Map<number, Uint8Array>();
  private readonly specialIndex = new Map<string, number>();
  private readonly allFlags: Uint8Array;
  private readonly utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly utf8Encoder = new TextEncoder();

  /**
   * Builds the encoding; throws when `spec.explicitNVocab` disagrees with the vocabulary.
   * `options.pretokenizer` replaces the one chosen for `spec.pattern` (for experiments and for
   * differential tests of pretokenizers).
   */
  constructor(spec: EncodingSpec, options?: { readonly pretokenizer?: Pretokenizer }) {
    this.name = spec.name;
    this.pattern = spec.pattern;
    this.pretokenizer = options?.pretokenizer ?? pretokenizerForPattern(spec.pattern, spec.name);
    this.vocab = new BytePairVocab(spec.ranks);
    this.merger = new BytePairMerger(this.vocab);
    this.specialTokens = Object.freeze({ ...spec.specialTokens });
    this.specialNames = Object.keys(this.specialTokens);
    this.specialIds = this.specialNames.map((k) => this.specialTokens[k]);
    this.specialNames.forEach((name, i) => {
      this.specialIndex.set(name, i);
      this.specialBytes.set(this.specialIds[i], this.utf8Encoder.encode(name));
    });
    this.specialMatcher = new SpecialTokenMatcher(this.specialNames);
    this.allFlags = new Uint8Array(this.specialNames.length).fill(1);

    let max = -1;
    for (let r = this.vocab.size - 1; r >= 0; r--) {
      if (this.vocab.hasRank(r)) {
        max = r;
        break;
      }
    }
    for (const id of this.specialIds) if (id > max) max = id;
    this.maxTokenValue = max;
    this.nVocab = max + 1;
    const n = spec.explicitNVocab;
    if (n !== undefined) {
      const total = this.vocab.tokenCount + this.specialNames.length;
      if (total !== n || max !== n - 1) {
        throw new Error(
          `${spec.name}: explicitNVocab is ${n} but the vocabulary has ${total} tokens ` +
            `(${this.vocab.tokenCount} mergeable + ${this.specialNames.length} special) ` +
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
   * character boundary, and the length of the text it spells: `decode(tokens)` equals
   * `text.slice(0, prefixLength)` (for well-formed text). Tokens are cut where the full
   * encoding puts them, which can differ from `encode(text.slice(0, prefixLength))`.
   *
   * @example
   * ```ts
   * const { tokens, prefixLength } = enc.encodeUpTo(longText, 100);
   * const head = longText.slice(0, prefixLength); // what the 100 tokens say
   * ```
   */
  encodeUpTo(text: string, maxTokens: number, opts?: EncodeOptions): EncodedPrefix {
    const sink = new UpToSink(maxTokens, this.vocab);
    this.walk(text, opts, sink);
    if (!sink.stopped) sink.prefixLength = text.length;
    return { tokens: sink.tokens, prefixLength: sink.prefixLength };
  }

  /**
   * Encodes text and reports where each token starts (UTF-16 index; see
   * {@link EncodedWithOffsets.offsets} for tokens that start inside a character).
   *
   * @example
   * ```ts
   * enc.encodeWithOffsets("hello world"); // { tokens: [24912, 2375], offsets: [0, 5] }
   * ```
   */
  encodeWithOffsets(text: string, opts?: EncodeOptions): EncodedWithOffsets {
    const sink = new OffsetSink(this.vocab);
    this.walk(text, opts, sink);
    return { tokens: sink.tokens, offsets: sink.offsets };
  }

  /**
   * Decodes tokens to text; bytes that are not valid UTF-8 (a character split across the end,
   * or invalid sequences) become U+FFFD as `TextDecoder` replaces them. Throws on unknown ids.
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
   * The concatenated bytes of `tokens`. Throws on unknown ids.
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
      if (t >= 0 && t < size && offsets[t + 1] > offsets[t]) total += offsets[t + 1] - offsets[t];
      else total += this.specialBytesOf(t).length;
    }
    const out = new Uint8Array(total);
    let n = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t >= 0 && t < size && offsets[t + 1] > offsets[t]) {
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
    if (this.vocab.hasRank(id)) return this.vocab.tokenBytes(id).slice();
    return this.specialBytesOf(id).slice();
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
    const i = this.specialIndex.get(text);
    if (i !== undefined && this.specialBytes.get(this.specialIds[i])!.length === bytes.length) {
      return this.specialIds[i];
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
  createDecoder(): StreamingDecoder {
    return new StreamingDecoder(this);
  }

  private specialBytesOf(id: number): Uint8Array {
    const b = this.specialBytes.get(id);
    if (b === undefined) throw new RangeError(`unknown token id ${id} in ${this.name}`);
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
    const allowed = this.allowedFlags(opts?.allowedSpecial);
    this.checkDisallowed(text, allowed, opts?.disallowedSpecial);
    if (allowed === undefined) {
      this.walkSegment(text, 0, text.length, sink);
      return;
    }
    const matcher = this.specialMatcher;
    let pos = 0;
    for (;;) {
      const at = matcher.find(text, pos, allowed);
      if (at < 0) break;
      if (!this.walkSegment(text, pos, at, sink)) return;
      const end = matcher.matchEnd;
      if (!sink.special(this.specialIds[matcher.matchIndex], at, end)) return;
      pos = end;
    }
    this.walkSegment(text, pos, text.length, sink);
  }

  /** Flags of the allowed specials (by index), or undefined when none is allowed. */
  private allowedFlags(allowedSpecial: EncodeOptions["allowedSpecial"]): Uint8Array | undefined {
    if (allowedSpecial === undefined || this.specialNames.length === 0) return undefined;
    if (allowedSpecial === "all") return this.allFlags;
    let flags: Uint8Array | undefined;
    for (const name of allowedSpecial) {
      const i = this.specialIndex.get(name);
      if (i === undefined) continue;
      flags ??= new Uint8Array(this.specialNames.length);
      flags[i] = 1;
    }
    return flags;
  }

  /** Throws when the text contains a disallowed special token (tiktoken checks the whole text). */
  private checkDisallowed(
    text: string,
    allowed: Uint8Array | undefined,
    disallowedSpecial: EncodeOptions["disallowedSpecial"],
  ): void {
    if (disallowedSpecial === undefined || disallowedSpecial === "all") {
      if (allowed === this.allFlags) return;
      let flags = this.allFlags;
      if (allowed !== undefined) {
        flags = allowed.map((a) => 1 - a);
        if (!flags.includes(1)) return;
      }
      const at = this.specialMatcher.find(text, 0, flags);
      if (at >= 0) throw new Error(ERROR_PREFIX + this.specialNames[this.specialMatcher.matchIndex]);
      return;
    }
    const names = [...new Set(disallowedSpecial)].filter((s) => s.length > 0);
    if (names.length === 0) return;
    const matcher = new SpecialTokenMatcher(names);
    if (matcher.find(text, 0) >= 0) throw new Error(ERROR_PREFIX + names[matcher.matchIndex]);
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
      const whole = vocab.rankOfHashed(h >>> 0, bytes, len);
      let n = 1;
      if (whole !== NO_RANK) merger.out[0] = whole;
      else n = merger.merge(bytes, len);
      if (!sink.piece(pos, pieceEnd, merger.out, n, bytes, len)) return false;
      pos = pieceEnd;
    }
    return true;
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

/** Records each token's UTF-16 start. */
class OffsetSink implements TokenSink {
  readonly tokens: number[] = [];
  readonly offsets: number[] = [];
  constructor(readonly vocab: BytePairVocab) {}
  piece(start: number, _e: number, ranks: Int32Array, n: number, bytes: Uint8Array): boolean {
    let b = 0; // byte where the next token starts
    let i = 0; // bytes scanned so far
    let units = 0; // UTF-16 units of bytes[0, i)
    let charStart = 0; // UTF-16 offset of the last character started before i
    for (let k = 0; k < n; k++) {
      for (; i < b; i++) {
        const x = bytes[i];
        if ((x & 0xc0) !== 0x80) {
          charStart = units;
          units += x >= 0xf0 ? 2 : 1;
        }
      }
      const continues = (bytes[b] & 0xc0) === 0x80;
      this.tokens.push(ranks[k]);
      this.offsets.push(start + (continues ? charStart : units));
      b += this.vocab.tokenLength(ranks[k]);
    }
    return true;
  }
  special(id: number, start: number): boolean {
    this.tokens.push(id);
    this.offsets.push(start);
    return true;
  }
}
