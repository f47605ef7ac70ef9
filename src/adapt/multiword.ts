/**
 * Multi-word tokens (Gee, Rigutini, Ernandes and Zugarini, "Multi-Word Tokenization for Sequence
 * Compression", EMNLP 2023 Industry): the most frequent word n-grams of a corpus (" of the",
 * " United Nations") become single tokens added to an existing tokenizer, old ids kept, and are
 * merged after pretokenization, left to right, longest first.
 *
 * Words are runs of letters, marks and digits with at most one leading space, found inside the
 * tokenizer's pretokens (so a word never spans a pretoken cut); an n-gram is n words in a row,
 * each after the first starting with its one space, with no word character just before or
 * after it. {@link addMultiwordTokens} writes them into a tokenizer.json as ordinary added
 * tokens (docs/adapt.md says where Hugging Face's added-token matching differs).
 */
import { ORDINARY, type Tokenizer } from "../core/tokenizer.js";
import { pretokenTexts } from "./boundaries.js";

/** One word: `text.slice(start, end)`. */
interface Word {
  readonly start: number;
  readonly end: number;
}

const WORD = /(?: )?[\p{L}\p{M}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/**
 * The runs of words of `text` that n-grams can be made of: words next to each other, each after
 * the first starting with a single space, in the tokenizer's pretokens.
 *
 * @example
 * ```ts
 * wordRuns(o200k, "the cat, of the dog"); // [[the, " cat"], [" of", " the", " dog"]] as offsets
 * ```
 */
export function wordRuns(tok: Tokenizer, text: string): { start: number; end: number }[][] {
  const pieces = pretokenTexts(tok, text) ?? [text];
  const runs: Word[][] = [];
  let run: Word[] = [];
  let offset = 0;
  for (const piece of pieces) {
    for (const m of piece.matchAll(WORD)) {
      const start = offset + m.index;
      const end = start + m[0].length;
      const last = run[run.length - 1];
      if (last !== undefined && last.end === start && text[start] === " ") run.push({ start, end });
      else {
        if (run.length > 0) runs.push(run);
        run = [{ start, end }];
      }
    }
    offset += piece.length;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function boundaryClean(text: string, start: number, end: number): boolean {
  if (end < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(end)!))) return false;
  // A leading space is the n-gram's own boundary.
  if (start === 0 || text[start] === " ") return true;
  const low = text.charCodeAt(start - 1);
  const at = low >= 0xdc00 && low <= 0xdfff && start >= 2 ? start - 2 : start - 1;
  return !WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
}

/** Options of {@link countWordNgrams}. */
export interface NgramOptions {
  /** The longest n-gram, in words (default 3; at least 2). */
  readonly maxN?: number;
}

/**
 * How often each word n-gram (n = 2 to `maxN`) occurs in `texts`, overlapping occurrences
 * counted, keyed by its text (" of the").
 *
 * @example
 * ```ts
 * countWordNgrams(tok, ["the cat of the dog"]).get(" of the"); // 1
 * ```
 */
export function countWordNgrams(
  tok: Tokenizer,
  texts: Iterable<string>,
  options: NgramOptions = {},
): Map<string, number> {
  const maxN = checkMaxN(options.maxN ?? 3);
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const run of wordRuns(tok, text)) {
      for (let i = 0; i < run.length; i++) {
        for (let n = 2; n <= maxN && i + n <= run.length; n++) {
          const start = run[i].start;
          const end = run[i + n - 1].end;
          if (!boundaryClean(text, start, end)) continue;
          const gram = text.slice(start, end);
          counts.set(gram, (counts.get(gram) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

function checkMaxN(maxN: number): number {
  if (!Number.isInteger(maxN) || maxN < 2)
    throw new RangeError(`the longest n-gram must be an integer of at least 2 words, got ${maxN}`);
  return maxN;
}

/** One n-gram and its count. */
export interface NgramCount {
  readonly text: string;
  readonly count: number;
}

/**
 * The `k` most frequent n-grams seen at least `minCount` times (default 2), most frequent first,
 * ties in code-unit order of their text.
 */
export function topNgrams(counts: ReadonlyMap<string, number>, k: number, minCount = 2): NgramCount[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`K must be a non-negative integer, got ${k}`);
  return [...counts]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, k)
    .map(([text, count]) => ({ text, count }));
}

/**
 * The `k` multi-word tokens of `texts` for `tok`: {@link countWordNgrams}, then
 * {@link topNgrams}, leaving out n-grams that `tok` already encodes as one token (a vocabulary
 * trained across spaces has some; adding them again would give one text two ids).
 *
 * @example
 * ```ts
 * chooseMultiwords(tok, corpus, 1000).map((g) => g.text); // [" of the", " in the", ...]
 * ```
 */
export function chooseMultiwords(
  tok: Tokenizer,
  texts: Iterable<string>,
  k: number,
  options: NgramOptions & { readonly minCount?: number } = {},
): NgramCount[] {
  const ranked = topNgrams(countWordNgrams(tok, texts, options), Number.MAX_SAFE_INTEGER, options.minCount);
  const out: NgramCount[] = [];
  for (const g of ranked) {
    if (out.length >= k) break;
    if (tok.count(g.text, ORDINARY) >= 2) out.push(g);
  }
  return out;
}

/**
 * Encodes `text` with multi-word tokens: the text's word runs are scanned left to right, and at
 * each word the longest n-gram in `table` that starts there (and has no word character next to
 * it) becomes its id; the text between the n-grams is encoded by `tok` as ordinary text.
 *
 * @example
 * ```ts
 * const table = new Map([[" of the", tok.vocabSize]]);
 * encodeMultiword(tok, "the cat of the dog", table); // [the, " cat", 200019, " dog"]
 * ```
 */
export function encodeMultiword(tok: Tokenizer, text: string, table: ReadonlyMap<string, number>): number[] {
  let maxN = 1;
  for (const gram of table.keys()) maxN = Math.max(maxN, gram.split(" ").filter((w) => w.length > 0).length);
  const out: number[] = [];
  let done = 0;
  for (const run of maxN < 2 ? [] : wordRuns(tok, text)) {
    let i = 0;
    while (i < run.length) {
      let matched = 0;
      for (let n = Math.min(maxN, run.length - i); n >= 2; n--) {
        const start = run[i].start;
        const end = run[i + n - 1].end;
        const id = table.get(text.slice(start, end));
        if (id !== undefined && boundaryClean(text, start, end)) {
          if (start > done) out.push(...tok.encode(text.slice(done, start), ORDINARY));
          out.push(id);
          done = end;
          matched = n;
          break;
        }
      }
      i += matched > 0 ? matched : 1;
    }
  }
  if (done < text.length) out.push(...tok.encode(text.slice(done), ORDINARY));
  return out;
}

/**
 * A tokenizer.json (parsed) with `ngrams` appended as added tokens, ids from one past the
 * largest id in use up, so every old id keeps its meaning; n-grams that already are added
 * tokens are skipped. The input object is not changed.
 *
 * @example
 * ```ts
 * const { json, ids } = addMultiwordTokens(JSON.parse(text), [" of the", " in the"]);
 * ids.get(" of the"); // 128256 for Llama 3
 * ```
 */
export function addMultiwordTokens(
  tokenizerJson: unknown,
  ngrams: readonly string[],
): { json: Record<string, unknown>; ids: Map<string, number> } {
  if (tokenizerJson === null || typeof tokenizerJson !== "object" || Array.isArray(tokenizerJson)) {
    throw new TypeError("tokenizer.json: not a JSON object");
  }
  const json = structuredClone(tokenizerJson) as Record<string, unknown>;
  const model = json.model as { vocab?: unknown } | undefined;
  if (model === undefined || model === null || typeof model !== "object" || model.vocab === undefined) {
    throw new TypeError("tokenizer.json: no model.vocab");
  }
  let next = 0;
  if (Array.isArray(model.vocab)) next = model.vocab.length;
  else for (const id of Object.values(model.vocab as Record<string, number>)) next = Math.max(next, id + 1);
  const added = Array.isArray(json.added_tokens)
    ? [...(json.added_tokens as { id: number; content: string }[])]
    : [];
  const existing = new Set(added.map((t) => t.content));
  for (const t of added) next = Math.max(next, t.id + 1);
  const ids = new Map<string, number>();
  for (const gram of ngrams) {
    if (existing.has(gram) || ids.has(gram)) continue;
    ids.set(gram, next);
    added.push({
      id: next,
      content: gram,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: false,
    } as { id: number; content: string });
    next++;
  }
  json.added_tokens = added;
  return { json, ids };
}
