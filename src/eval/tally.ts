/**
 * A {@link CorpusCounts} being accumulated, in typed arrays indexed by token id and token length
 * instead of Maps: counting a token is an array increment, and merging a document into its
 * category and into the corpus walks only the ids the document used. A 20 MB corpus adds up
 * millions of tokens per tokenizer, and Map entries (and the per-document Maps that were merged
 * afterwards) were a visible share of `compare`'s time.
 */
import type { CorpusCounts } from "./counts.js";

/**
 * Counts of some texts. Scalar fields add up as in {@link CorpusCounts}; token ids and lengths go
 * through {@link CountTally.addToken} and {@link CountTally.addLength}.
 *
 * The order in which ids are first seen is kept: {@link CountTally.toCounts} inserts them into
 * the Map in that order, as per-document Maps merged in document order would, so sums over the
 * Map's values (Rényi entropy) add the same floating-point numbers in the same order.
 *
 * @example
 * const t = new CountTally();
 * t.tokens += 2;
 * t.addToken(7);
 * t.addToken(7);
 * t.toCounts().tokenCounts; // Map { 7 => 2 }
 */
export class CountTally {
  texts = 0;
  tokens = 0;
  bytes = 0;
  chars = 0;
  words = 0;
  wordTokens = 0;
  continuedWords = 0;
  unknownTokens = 0;
  unknownChars = 0;
  byteFallbackTokens = 0;
  roundTripFailures = 0;
  /** Occurrences by id (Float64: exact far beyond 32 bits). */
  private idCounts = new Float64Array(256);
  /** Ids in order of first occurrence; the first `types` entries are used. */
  private order = new Int32Array(256);
  private types = 0;
  private lengthBytes = new Float64Array(32);
  private lengthChars = new Float64Array(32);
  /** One past the largest length seen (the part of the length arrays in use). */
  private maxBytes = 0;
  private maxChars = 0;

  /** Counts one occurrence of token `id` (a non-negative integer). */
  addToken(id: number, times = 1): void {
    if (id >= this.idCounts.length) this.idCounts = grow(this.idCounts, id + 1);
    if (this.idCounts[id] === 0) {
      if (this.types === this.order.length) this.order = grow(this.order, this.types + 1);
      this.order[this.types++] = id;
    }
    this.idCounts[id] += times;
  }

  /** Counts one token `bytes` long in bytes and `chars` long in characters. */
  addLength(bytes: number, chars: number, times = 1): void {
    if (bytes >= this.lengthBytes.length) this.lengthBytes = grow(this.lengthBytes, bytes + 1);
    if (chars >= this.lengthChars.length) this.lengthChars = grow(this.lengthChars, chars + 1);
    this.lengthBytes[bytes] += times;
    this.lengthChars[chars] += times;
    if (bytes >= this.maxBytes) this.maxBytes = bytes + 1;
    if (chars >= this.maxChars) this.maxChars = chars + 1;
  }

  /** Adds everything in `other` to this tally (ids new to this one keep `other`'s order). */
  add(other: CountTally): this {
    this.texts += other.texts;
    this.tokens += other.tokens;
    this.bytes += other.bytes;
    this.chars += other.chars;
    this.words += other.words;
    this.wordTokens += other.wordTokens;
    this.continuedWords += other.continuedWords;
    this.unknownTokens += other.unknownTokens;
    this.unknownChars += other.unknownChars;
    this.byteFallbackTokens += other.byteFallbackTokens;
    this.roundTripFailures += other.roundTripFailures;
    for (let i = 0; i < other.types; i++) {
      const id = other.order[i];
      this.addToken(id, other.idCounts[id]);
    }
    for (let b = 0; b < other.maxBytes; b++) {
      const n = other.lengthBytes[b];
      if (n === 0) continue;
      if (b >= this.lengthBytes.length) this.lengthBytes = grow(this.lengthBytes, b + 1);
      this.lengthBytes[b] += n;
      if (b >= this.maxBytes) this.maxBytes = b + 1;
    }
    for (let c = 0; c < other.maxChars; c++) {
      const n = other.lengthChars[c];
      if (n === 0) continue;
      if (c >= this.lengthChars.length) this.lengthChars = grow(this.lengthChars, c + 1);
      this.lengthChars[c] += n;
      if (c >= this.maxChars) this.maxChars = c + 1;
    }
    return this;
  }

  /** Empties the tally, keeping its arrays (work proportional to what was counted). */
  clear(): void {
    this.texts = this.tokens = this.bytes = this.chars = this.words = 0;
    this.wordTokens = this.continuedWords = this.unknownTokens = this.unknownChars = 0;
    this.byteFallbackTokens = this.roundTripFailures = 0;
    for (let i = 0; i < this.types; i++) this.idCounts[this.order[i]] = 0;
    this.types = 0;
    this.lengthBytes.fill(0, 0, this.maxBytes);
    this.lengthChars.fill(0, 0, this.maxChars);
    this.maxBytes = this.maxChars = 0;
  }

  /** The tally as plain {@link CorpusCounts} (Maps: token ids in order of first occurrence). */
  toCounts(): CorpusCounts {
    const tokenCounts = new Map<number, number>();
    for (let i = 0; i < this.types; i++) tokenCounts.set(this.order[i], this.idCounts[this.order[i]]);
    return {
      texts: this.texts,
      tokens: this.tokens,
      bytes: this.bytes,
      chars: this.chars,
      words: this.words,
      wordTokens: this.wordTokens,
      continuedWords: this.continuedWords,
      unknownTokens: this.unknownTokens,
      unknownChars: this.unknownChars,
      byteFallbackTokens: this.byteFallbackTokens,
      roundTripFailures: this.roundTripFailures,
      tokenCounts,
      tokenBytes: lengthMap(this.lengthBytes, this.maxBytes),
      tokenChars: lengthMap(this.lengthChars, this.maxChars),
    };
  }
}

function lengthMap(counts: Float64Array, end: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let k = 0; k < end; k++) if (counts[k] !== 0) m.set(k, counts[k]);
  return m;
}

/** A copy of `a` with room for at least `need` entries (doubling, so growth is amortised). */
function grow<T extends Float64Array | Int32Array>(a: T, need: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  bigger.set(a);
  return bigger;
}
