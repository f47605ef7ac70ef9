/**
 * Dynamic tokenization (Feher, Vulić and Minixhofer, "Retrofitting (Large) Language Models with
 * Dynamic Tokenization", ACL 2025): a batch is tokenized with the base tokenizer, then the most
 * frequent adjacent pair of tokens in the whole batch is merged into a new token, `m` times, as
 * BPE training would, but on the batch at hand. Merges never cross a pretoken boundary, never
 * touch a special token, and never make a token with a space-like character inside it except a
 * leading run or an all-whitespace token (so that at most a word becomes one token). The new
 * tokens get ids from the base vocabulary size up; the model side (a hypernetwork that embeds
 * them) is out of scope here.
 *
 * Pair counts are updated incrementally, as BPE trainers do: a merge visits only the positions
 * of the merged pair and changes the counts of the pairs around them, and a lazy max-heap finds
 * the next most frequent pair.
 */
import { type EncodeOptions, ORDINARY, type Tokenizer } from "../core/tokenizer.js";
import { isMergeableBytes, pretokenCuts } from "./boundaries.js";

/**
 * One sequence of ids ready for merging: `links[i]` is 1 when `ids[i]` and `ids[i + 1]` may be
 * joined (no pretoken boundary between them, neither special).
 */
export interface MergeSequence {
  readonly ids: readonly number[];
  readonly links: Uint8Array;
}

/** One merge made on a batch. */
export interface DynamicMerge {
  /** The new token's id: the base vocabulary size plus the merge's index. */
  readonly id: number;
  readonly left: number;
  readonly right: number;
  /** The new token's bytes: the left token's then the right one's. */
  readonly bytes: Uint8Array;
  /** How many times the pair occurred when it was chosen (the tokens the merge saved). */
  readonly count: number;
}

/** What {@link mergeBatch} returns. */
export interface MergedBatch {
  /** Each sequence's ids after the merges. */
  readonly ids: number[][];
  readonly merges: DynamicMerge[];
  /** Total tokens of the batch after 0, 1, ..., `merges.length` merges. */
  readonly totals: number[];
}

/** The base vocabulary a batch was encoded with. */
export interface BaseVocabulary {
  readonly vocabSize: number;
  tokenBytes(id: number): Uint8Array;
}

/** Options of {@link mergeBatch}. */
export interface MergeBatchOptions {
  /** Stop early once the most frequent pair occurs fewer times than this (default 1). */
  readonly minCount?: number;
  /** Whether the joined bytes may be one token (default {@link isMergeableBytes}). */
  readonly mergeable?: (bytes: Uint8Array) => boolean;
}

// Pair keys: left · 2^26 + right, exact in a double for ids below 2^26.
const KEY = 2 ** 26;

/** A max-heap of (count, key), most frequent first and the smallest key among equals. */
class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  private above(i: number, j: number): boolean {
    const c = this.counts;
    return c[i] > c[j] || (c[i] === c[j] && this.keys[i] < this.keys[j]);
  }
  private swap(i: number, j: number): void {
    [this.counts[i], this.counts[j]] = [this.counts[j], this.counts[i]];
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
  }
  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.keys.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.above(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.counts[0], this.keys[0]];
    const lastCount = this.counts.pop()!;
    const lastKey = this.keys.pop()!;
    if (this.keys.length > 0) {
      this.counts[0] = lastCount;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.keys.length && this.above(l, best)) best = l;
        if (r < this.keys.length && this.above(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Merges the most frequent allowed adjacent pair of the batch into a new token, `merges` times
 * (fewer when no pair is left). Ties go to the pair with the smaller left id, then the smaller
 * right id; a pair is replaced left to right in each sequence, as BPE does ("a a a" → "aa a").
 *
 * @example
 * ```ts
 * const seqs = texts.map((t) => prepareSequence(tok, t));
 * const out = mergeBatch(seqs, 100, tok);
 * out.ids[0]; // the first text's ids, new tokens from tok.vocabSize up
 * out.merges[0].bytes; // the first new token's bytes
 * ```
 */
export function mergeBatch(
  sequences: readonly MergeSequence[],
  merges: number,
  base: BaseVocabulary,
  options: MergeBatchOptions = {},
): MergedBatch {
  if (!Number.isInteger(merges) || merges < 0)
    throw new RangeError(`merges must be a non-negative integer, got ${merges}`);
  const minCount = options.minCount ?? 1;
  const mergeable = options.mergeable ?? isMergeableBytes;
  if (base.vocabSize + merges > KEY)
    throw new RangeError(`too many ids for pair keys (${base.vocabSize + merges})`);
  let n = 0;
  for (const s of sequences) n += s.ids.length;
  const id = new Int32Array(n);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const link = new Uint8Array(n);
  const heads: number[] = [];
  let at = 0;
  for (const s of sequences) {
    heads.push(at);
    for (let i = 0; i < s.ids.length; i++) {
      id[at + i] = s.ids[i];
      prev[at + i] = i === 0 ? -1 : at + i - 1;
      next[at + i] = i === s.ids.length - 1 ? -1 : at + i + 1;
      link[at + i] = i < s.ids.length - 1 ? s.links[i] : 0;
    }
    at += s.ids.length;
  }

  const newBytes: Uint8Array[] = [];
  const bytesOf = (t: number) => (t >= base.vocabSize ? newBytes[t - base.vocabSize] : base.tokenBytes(t));
  const allowed = new Map<number, boolean>();
  const pairOk = (a: number, b: number): boolean => {
    const key = a * KEY + b;
    let ok = allowed.get(key);
    if (ok === undefined) {
      ok = mergeable(concat(bytesOf(a), bytesOf(b)));
      allowed.set(key, ok);
    }
    return ok;
  };
  const counts = new Map<number, number>();
  const where = new Map<number, number[]>();
  const heap = new PairHeap();
  // The pair starting at position p, counted when it may merge; -1 when it may not.
  const pairAt = (p: number): number => {
    const q = next[p];
    if (q < 0 || link[p] === 0 || !pairOk(id[p], id[q])) return -1;
    return id[p] * KEY + id[q];
  };
  const add = (p: number, key: number, push: boolean) => {
    const c = (counts.get(key) ?? 0) + 1;
    counts.set(key, c);
    let list = where.get(key);
    if (list === undefined) {
      list = [];
      where.set(key, list);
    }
    list.push(p);
    if (push) heap.push(c, key);
  };
  for (let p = 0; p < n; p++) {
    const key = pairAt(p);
    if (key >= 0) add(p, key, false);
  }
  for (const [key, c] of counts) heap.push(c, key);

  let total = n;
  const totals = [total];
  const made: DynamicMerge[] = [];
  while (made.length < merges && heap.size > 0) {
    const [c, key] = heap.pop();
    const current = counts.get(key) ?? 0;
    if (current !== c) {
      if (current > 0) heap.push(current, key);
      continue;
    }
    if (c < minCount) break;
    const a = Math.floor(key / KEY);
    const b = key - a * KEY;
    const newId = base.vocabSize + made.length;
    newBytes.push(concat(bytesOf(a), bytesOf(b)));
    const positions = [...new Set(where.get(key))].sort((x, y) => x - y);
    where.delete(key);
    let merged = 0;
    for (const p of positions) {
      const q = next[p];
      if (id[p] !== a || q < 0 || id[q] !== b || link[p] === 0) continue;
      const before = prev[p];
      const after = next[q];
      if (before >= 0) {
        const k = pairAt(before);
        if (k >= 0) counts.set(k, counts.get(k)! - 1);
      }
      if (after >= 0) {
        const k = pairAt(q);
        if (k >= 0) counts.set(k, counts.get(k)! - 1);
      }
      counts.set(key, counts.get(key)! - 1);
      id[p] = newId;
      id[q] = -1;
      next[p] = after;
      link[p] = link[q];
      if (after >= 0) prev[after] = p;
      merged++;
      if (before >= 0) {
        const k = pairAt(before);
        if (k >= 0) add(before, k, true);
      }
      const k = pairAt(p);
      if (k >= 0) add(p, k, true);
    }
    counts.delete(key);
    total -= merged;
    totals.push(total);
    made.push({ id: newId, left: a, right: b, bytes: newBytes[newBytes.length - 1], count: merged });
  }

  const ids = heads.map((h, s) => {
    const out: number[] = [];
    if (sequences[s].ids.length === 0) return out;
    for (let p = h; p >= 0; p = next[p]) out.push(id[p]);
    return out;
  });
  return { ids, merges: made, totals };
}

/** Options of {@link prepareSequence} and {@link dynamicTokenize}. */
export interface DynamicEncodeOptions {
  /** How the base tokenizer encodes each text (default {@link ORDINARY}: special-token text is text). */
  readonly encode?: EncodeOptions;
}

/**
 * A text's base ids and where they may be joined: never across a cut of the tokenizer's
 * pretokenizer (when its pieces spell the tokens' bytes; otherwise the whitespace rule alone
 * keeps merges inside words) and never next to a special token.
 *
 * @example
 * ```ts
 * prepareSequence(await getEncoding("o200k_base"), "Hello world"); // { ids: [13225, 2375], links: [0] }
 * ```
 */
export function prepareSequence(
  tok: Tokenizer,
  text: string,
  options: DynamicEncodeOptions = {},
): MergeSequence {
  const ids = tok.encode(text, options.encode ?? ORDINARY);
  const links = new Uint8Array(Math.max(0, ids.length - 1));
  // The ordinary tokens' bytes (special tokens stand for no text of their own) and their ends.
  const special = new Uint8Array(ids.length);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < ids.length; i++) {
    if (tok.isSpecial(ids[i])) special[i] = 1;
    else {
      const b = tok.tokenBytes(ids[i]);
      parts.push(b);
      total += b.length;
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const b of parts) {
    bytes.set(b, offset);
    offset += b.length;
  }
  const cuts = pretokenCuts(tok, text, bytes);
  offset = 0;
  let part = 0;
  for (let i = 0; i < ids.length; i++) {
    if (special[i] === 1) continue;
    offset += parts[part++].length;
    if (i + 1 < ids.length && special[i + 1] === 0 && !(cuts?.has(offset) ?? false)) links[i] = 1;
  }
  return { ids, links };
}

/**
 * The word-level length of a sequence: its tokens joined as far as the merges could ever join
 * them (runs between cuts, each cut again wherever the joined bytes would break the whitespace
 * rule). The L_min of the normalised reduction.
 */
export function wordLevelLength(
  seq: MergeSequence,
  base: BaseVocabulary,
  mergeable: (bytes: Uint8Array) => boolean = isMergeableBytes,
): number {
  let count = 0;
  let group: Uint8Array | null = null;
  for (let i = 0; i < seq.ids.length; i++) {
    const bytes = base.tokenBytes(seq.ids[i]);
    if (group !== null && seq.links[i - 1] === 1) {
      const joined = concat(group, bytes);
      if (mergeable(joined)) {
        group = joined;
        continue;
      }
    }
    group = bytes;
    count++;
  }
  return count;
}

/**
 * The normalised reduction of Feher et al.: 100 · (L₀ − Lₘ) / (L₀ − L_min), the share of the
 * possible shortening (down to word-level tokens) that `m` merges achieved; 0 when L₀ = L_min.
 */
export function normalisedReduction(before: number, after: number, wordLevel: number): number {
  return before === wordLevel ? 0 : (100 * (before - after)) / (before - wordLevel);
}

/** Options of {@link dynamicTokenize}. */
export interface DynamicOptions extends DynamicEncodeOptions, MergeBatchOptions {
  /** Merges per batch. */
  readonly merges: number;
  /** Texts per batch; each batch gets its own merges (default: all texts are one batch). */
  readonly batchSize?: number;
}

/** One batch of {@link DynamicResult}. */
export interface DynamicBatch extends MergedBatch {
  /** Index of the batch's first text. */
  readonly first: number;
}

/** What {@link dynamicTokenize} returns. */
export interface DynamicResult {
  /** Each text's ids after its batch's merges (new tokens' ids are per batch). */
  readonly ids: number[][];
  readonly batches: DynamicBatch[];
  /** L₀: base tokens, all texts. */
  readonly tokensBefore: number;
  /** Lₘ: tokens after the merges, all texts. */
  readonly tokensAfter: number;
  /** L_min: word-level tokens, all texts. */
  readonly wordLevel: number;
  /** {@link normalisedReduction} of the three. */
  readonly reduction: number;
}

/**
 * Dynamic tokenization of `texts`: base encoding, then `merges` batch-level merges per batch.
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * import { dynamicTokenize } from "toklab/adapt";
 * const tok = await getEncoding("o200k_base");
 * const r = dynamicTokenize(tok, ["the tokenizer tokenizes", "tokenizers tokenize"], { merges: 10 });
 * r.tokensBefore; // base tokens
 * r.tokensAfter; // fewer
 * r.batches[0].merges.map((m) => new TextDecoder().decode(m.bytes)); // the new tokens
 * ```
 */
export function dynamicTokenize(
  tok: Tokenizer,
  texts: readonly string[],
  options: DynamicOptions,
): DynamicResult {
  const batchSize = options.batchSize ?? Math.max(1, texts.length);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const seqs = texts.map((t) => prepareSequence(tok, t, options));
  const batches: DynamicBatch[] = [];
  const ids: number[][] = [];
  let before = 0;
  let after = 0;
  let word = 0;
  for (let first = 0; first < seqs.length; first += batchSize) {
    const batch = seqs.slice(first, first + batchSize);
    const out = mergeBatch(batch, options.merges, tok, options);
    batches.push({ ...out, first });
    ids.push(...out.ids);
    before += out.totals[0];
    after += out.totals[out.totals.length - 1];
    for (const s of batch) word += wordLevelLength(s, tok, options.mergeable);
  }
  return {
    ids,
    batches,
    tokensBefore: before,
    tokensAfter: after,
    wordLevel: word,
    reduction: normalisedReduction(before, after, word),
  };
}

/**
 * The bytes of a merged sequence: base tokens' bytes and the batch's new tokens' bytes,
 * concatenated (equal to the base encoding's `decodeBytes`).
 */
export function mergedBytes(
  base: BaseVocabulary,
  merges: readonly DynamicMerge[],
  ids: readonly number[],
): Uint8Array {
  const parts = ids.map((t) => (t >= base.vocabSize ? merges[t - base.vocabSize].bytes : base.tokenBytes(t)));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A merged sequence back in base ids (each new token expanded into the pair it was made of). */
export function expandMerged(
  vocabSize: number,
  merges: readonly DynamicMerge[],
  ids: readonly number[],
): number[] {
  const out: number[] = [];
  const visit = (t: number) => {
    if (t < vocabSize) out.push(t);
    else {
      const m = merges[t - vocabSize];
      visit(m.left);
      visit(m.right);
    }
  };
  for (const t of ids) visit(t);
  return out;
}
