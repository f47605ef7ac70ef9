/**
 * The additive raw counts every corpus metric is derived from. Counting is one pass per text;
 * counts of several texts (or categories) merge by addition, so a corpus of any size and its
 * per-category breakdown come from the same pass.
 */
import { byteFallbackIds, isByteLevelHf } from "./fallback.js";
import { type TokenSpans, tokenByteLength, tokenSpans } from "./spans.js";
import type { EvalTokenizer } from "./subject.js";
import { codePointLength, isPairAt, utf8Length } from "./text.js";
import { wordSpans } from "./words.js";

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
 * words counts for both. Tokenizers without spans fall back to encoding each word alone.
 *
 * @example
 * countText(cl100k, "Tokenizers split words.").continuedWords; // 1 ("Tokenizers")
 */
export function countText(tok: EvalTokenizer, text: string): CorpusCounts {
  const c = emptyCounts();
  c.texts = 1;
  c.bytes = utf8Length(text);
  c.chars = codePointLength(text);
  const spans = tokenSpans(tok, text);
  const ids = spans?.ids ?? tok.encode(text);
  c.tokens = ids.length;
  for (const id of ids) c.tokenCounts.set(id, (c.tokenCounts.get(id) ?? 0) + 1);
  const fallback = byteFallbackIds(tok);
  for (const id of ids) {
    if (id === tok.unknownId) c.unknownTokens++;
    if (fallback.has(id)) c.byteFallbackTokens++;
  }
  if (tok.decode(ids) !== text) c.roundTripFailures = 1;
  countWords(tok, text, spans, c);
  if (spans !== null) {
    countTokenLengths(tok, text, spans, fallback, c);
    c.unknownChars = countUnknownChars(tok, text, spans);
  }
  return c;
}

function countWords(tok: EvalTokenizer, text: string, spans: TokenSpans | null, c: CorpusCounts): void {
  const words = wordSpans(text);
  c.words = words.length;
  if (spans === null) {
    for (const w of words) addWord(c, tok.encode(text.slice(w.start, w.end)).length);
    return;
  }
  const { starts, ends } = spans;
  const n = starts.length;
  let first = 0;
  for (const w of words) {
    while (first < n && ends[first] <= w.start) first++;
    let k = 0;
    for (let t = first; t < n && starts[t] < w.end; t++) {
      // Empty spans (a template-free "▁" some models emit) stand for no text of the word.
      if (ends[t] > starts[t] && ends[t] > w.start) k++;
    }
    addWord(c, k);
  }
}

function addWord(c: CorpusCounts, tokens: number): void {
  c.wordTokens += tokens;
  if (tokens >= 2) c.continuedWords++;
}

/**
 * Token lengths. A character split across tokens is counted for the first token that touches
 * it, so character lengths add up to the text's length. Bytes are the token's own bytes for
 * tiktoken encodings, byte-fallback tokens and ByteLevel HF tokens, and the UTF-8 of the same
 * claimed text otherwise (a normalizer may have changed the text the model saw).
 */
function countTokenLengths(
  tok: EvalTokenizer,
  text: string,
  spans: TokenSpans,
  fallback: ReadonlySet<number>,
  c: CorpusCounts,
): void {
  const { ids, starts, ends } = spans;
  const byteLevel = isByteLevelHf(tok);
  let claimed = 0;
  for (let t = 0; t < ids.length; t++) {
    const from = Math.max(starts[t], claimed);
    const to = Math.max(ends[t], from);
    claimed = to;
    const chars = codePointLength(text, from, to);
    const bytes =
      tok.encoding !== undefined
        ? tokenByteLength(tok.encoding, ids[t])
        : fallback.has(ids[t])
          ? 1
          : byteLevel && !tok.isSpecial(ids[t]) && !isAdded(tok, ids[t])
            ? codePointLength(tok.hf?.idToToken(ids[t]) ?? "")
            : utf8Length(text, from, to);
    c.tokenChars.set(chars, (c.tokenChars.get(chars) ?? 0) + 1);
    c.tokenBytes.set(bytes, (c.tokenBytes.get(bytes) ?? 0) + 1);
  }
}

/**
 * Characters that became unknown: covered by the unknown token, or covered by no token at all
 * (a model without an unknown token and without byte fallback drops what it cannot spell).
 * Uncovered whitespace, combining marks and control/format characters are not counted: a
 * pre-tokenizer drops whitespace, and normalizers compose or strip marks (HF's NFC maps
 * `e` + U+0300 to one `è` whose offsets cover only the `e`) and remove controls on purpose.
 * tiktoken encodings never lose a character, so this is 0 for them.
 */
export function countUnknownChars(tok: EvalTokenizer, text: string, spans: TokenSpans): number {
  if (tok.encoding !== undefined) return 0;
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

/** Added tokens are stored as plain text even in ByteLevel vocabularies. */
function isAdded(tok: EvalTokenizer, id: number): boolean {
  return tok.hf?.addedVocabulary.idToToken(id) !== undefined;
}
