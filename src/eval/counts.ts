/**
 * The additive raw counts every corpus metric is derived from. Counting is one pass per text;
 * counts of several texts (or categories) merge by addition, so a corpus of any size and its
 * per-category breakdown come from the same pass.
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { byteFallbackIds } from "./fallback.js";
import { type TokenSpans, tokenSpans } from "./spans.js";
import { CountTally } from "./tally.js";
import { codePointLength, isPairAt, utf8Length } from "./text.js";
import { wordBounds } from "./words.js";

/** Raw counts over some texts. All fields add up across texts. */
export interface CorpusCounts {
  texts: number;
  tokens: number;
  /** UTF-8 bytes of the texts. */
  bytes: number;
  /** Unicode code points of the texts. */
  chars: number;
  /** Word-like segments (see words.ts). */
  words: number;
  /** Sum over words of the tokens attributed to each word (see {@link countText}). */
  wordTokens: number;
  /** Words with two or more attributed tokens. */
  continuedWords: number;
  /** Tokens equal to the model's unknown token. */
  unknownTokens: number;
  /** Characters covered by an unknown token, or dropped (covered by no token; whitespace aside). */
  unknownChars: number;
  /** `<0xAB>` byte-fallback tokens. */
  byteFallbackTokens: number;
  /** Texts where `decode(encode(text)) !== text`. */
  roundTripFailures: number;
  /** Occurrences of each token id. */
  tokenCounts: Map<number, number>;
  /** Token length in bytes → occurrences. */
  tokenBytes: Map<number, number>;
  /** Token length in characters → occurrences. */
  tokenChars: Map<number, number>;
}

/** Counts with nothing in them. */
export function emptyCounts(): CorpusCounts {
  return {
    texts: 0,
    tokens: 0,
    bytes: 0,
    chars: 0,
    words: 0,
    wordTokens: 0,
    continuedWords: 0,
    unknownTokens: 0,
    unknownChars: 0,
    byteFallbackTokens: 0,
    roundTripFailures: 0,
    tokenCounts: new Map(),
    tokenBytes: new Map(),
    tokenChars: new Map(),
  };
}

/**
 * Adds `from` into `into` and returns `into`.
 *
 * @example
 * const all = mergeCounts(emptyCounts(), countText(tok, "a b"));
 */
export function mergeCounts(into: CorpusCounts, from: CorpusCounts): CorpusCounts {
  into.texts += from.texts;
  into.tokens += from.tokens;
  into.bytes += from.bytes;
  into.chars += from.chars;
  into.words += from.words;
  into.wordTokens += from.wordTokens;
  into.continuedWords += from.continuedWords;
  into.unknownTokens += from.unknownTokens;
  into.unknownChars += from.unknownChars;
  into.byteFallbackTokens += from.byteFallbackTokens;
  into.roundTripFailures += from.roundTripFailures;
  addAll(into.tokenCounts, from.tokenCounts);
  addAll(into.tokenBytes, from.tokenBytes);
  addAll(into.tokenChars, from.tokenChars);
  return into;
}

/**
 * Counts one text, encoded once as a whole (ordinary text, no template).
 *
 * A word's tokens are the tokens of the whole-text encoding whose span overlaps the word (see
 * docs/decisions/0016-eval.md): `" hello"` counts for the word `hello`; a token spanning two
 * words counts for both.
 *
 * @param words the text's {@link wordBounds}, when already computed (they do not depend on the
 *   tokenizer, so several tokenizers measured on one text can share them)
 * @example
 * countText(cl100k, "Tokenizers split words.").continuedWords; // 1 ("Tokenizers")
 */
export function countText(tok: Tokenizer, text: string, words?: Int32Array): CorpusCounts {
  const t = new CountTally();
  tallyText(tok, text, t, words);
  return t.toCounts();
}

/**
 * Adds the counts of one text to `into`: what {@link countText} computes, without building Maps.
 *
 * @example
 * const all = new CountTally();
 * for (const text of texts) tallyText(tok, text, all);
 * metricsFromCounts(tok, all.toCounts());
 */
export function tallyText(
  tok: Tokenizer,
  text: string,
  into: CountTally,
  words: Int32Array = wordBounds(text),
): void {
  into.texts += 1;
  into.bytes += utf8Length(text);
  into.chars += codePointLength(text);
  const spans = tokenSpans(tok, text);
  const ids = spans.ids;
  into.tokens += ids.length;
  for (let t = 0; t < ids.length; t++) into.addToken(ids[t]);
  const fallback = byteFallbackIds(tok);
  if (tok.unknownId !== null || fallback.size > 0) {
    for (const id of ids) {
      if (id === tok.unknownId) into.unknownTokens++;
      if (fallback.has(id)) into.byteFallbackTokens++;
    }
  }
  if (tok.decode(ids) !== text) into.roundTripFailures++;
  countWords(words, spans, into);
  countTokenLengths(tok, text, spans, into);
  into.unknownChars += countUnknownChars(tok, text, spans);
}

function countWords(words: Int32Array, spans: TokenSpans, c: CountTally): void {
  c.words += words.length / 2;
  const { starts, ends } = spans;
  const n = starts.length;
  let first = 0;
  for (let w = 0; w < words.length; w += 2) {
    const wStart = words[w];
    const wEnd = words[w + 1];
    while (first < n && ends[first] <= wStart) first++;
    let k = 0;
    for (let t = first; t < n && starts[t] < wEnd; t++) {
      // Empty spans (a template-free "▁" some models emit) stand for no text of the word.
      if (ends[t] > starts[t] && ends[t] > wStart) k++;
    }
    addWord(c, k);
  }
}

function addWord(c: CountTally, tokens: number): void {
  c.wordTokens += tokens;
  if (tokens >= 2) c.continuedWords++;
}

/**
 * Token lengths. A character split across tokens is counted for the first token that touches
 * it, so character lengths add up to the text's length. Bytes are the token's own bytes where
 * they are exactly the text's (ordinary tokens of byte-level vocabularies, byte-fallback tokens),
 * and the UTF-8 of the same claimed text otherwise (a normalizer may have changed the text the
 * model saw).
 */
function countTokenLengths(tok: Tokenizer, text: string, spans: TokenSpans, c: CountTally): void {
  const { ids, starts, ends } = spans;
  const own = ownBytes(tok);
  let claimed = 0;
  for (let t = 0; t < ids.length; t++) {
    const from = Math.max(starts[t], claimed);
    const to = Math.max(ends[t], from);
    claimed = to;
    const chars = codePointLength(text, from, to);
    const id = ids[t];
    let known = id < own.length ? own[id] : UNSEEN;
    if (known === UNSEEN) {
      known = ownBytesOf(tok, id);
      if (id < own.length) own[id] = known;
    }
    c.addLength(known === CLAIMED ? utf8Length(text, from, to) : known, chars);
  }
}

/** In {@link ownBytes}: the token's bytes are those of the text it claims. */
const CLAIMED = -1;
/** In {@link ownBytes}: not looked up yet. */
const UNSEEN = -2;
const ownBytesCache = new WeakMap<Tokenizer, Int32Array>();

/**
 * Per id, the byte length the token stands for when the vocabulary alone says it exactly, else
 * {@link CLAIMED}; filled as ids are met. Memoised: looking the token up per occurrence cost
 * more than counting it.
 */
function ownBytes(tok: Tokenizer): Int32Array {
  let own = ownBytesCache.get(tok);
  if (own === undefined) {
    own = new Int32Array(tok.vocabSize).fill(UNSEEN);
    ownBytesCache.set(tok, own);
  }
  return own;
}

function ownBytesOf(tok: Tokenizer, id: number): number {
  const info = tok.token(id);
  if (info === undefined) return CLAIMED;
  if (info.form === "byte") return 1;
  const exact = tok.byteScheme === "bytes" || tok.byteScheme === "byte-level";
  return exact && (info.form === "text" || tok.byteScheme === "bytes") ? info.bytes.length : CLAIMED;
}

/**
 * Characters that became unknown: covered by the unknown token, or covered by no token at all
 * (a model without an unknown token and without byte fallback drops what it cannot spell).
 * Uncovered whitespace, combining marks and control/format characters are not counted: a
 * pre-tokenizer drops whitespace, and normalizers compose or strip marks (HF's NFC maps
 * `e` + U+0300 to one `è` whose offsets cover only the `e`) and remove controls on purpose.
 * Byte-level encodings never lose a character, so this is 0 for them.
 */
export function countUnknownChars(tok: Tokenizer, text: string, spans: TokenSpans): number {
  const { ids, starts, ends } = spans;
  const state = new Uint8Array(text.length); // 0 uncovered, 1 covered, 2 unknown
  for (let t = 0; t < ids.length; t++) {
    const mark = ids[t] === tok.unknownId ? 2 : 1;
    for (let i = starts[t]; i < ends[t] && i < text.length; i++) if (state[i] < mark) state[i] = mark;
  }
  let unknown = 0;
  for (let i = 0; i < text.length; i++) {
    const width = isPairAt(text, i) ? 2 : 1;
    const s = width === 2 ? Math.max(state[i], state[i + 1]) : state[i];
    if (s === 2 || (s === 0 && !NOT_LOST.test(text.slice(i, i + width)))) unknown++;
    i += width - 1;
  }
  return unknown;
}

/** Characters whose absence from every token's span is normalization, not loss. */
const NOT_LOST = /^[\s\p{M}\p{C}]/u;

function addAll(into: Map<number, number>, from: Map<number, number>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}
