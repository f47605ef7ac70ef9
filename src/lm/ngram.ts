/**
 * A token n-gram model trained by toklab: interpolated Kneser-Ney (Chen & Goodman 1998) over a
 * tokenizer's ids, so that the byte-level layer, its tests, the CLI and the README run on a real
 * model that trains in seconds and needs no download.
 *
 *   P(w | h) = max(c(h w) − D, 0) / c(h) + D · N₁₊(h •) / c(h) · P(w | h′)
 *
 * where h′ is h without its first token, c are counts at the highest order and continuation
 * counts (how many distinct tokens precede h′ w) below it, D is one absolute discount per order
 * estimated as n₁ / (n₁ + 2 n₂) from the counts of counts (Ney, Essen & Kneser 1994), and the
 * order below unigrams is uniform over the vocabulary, so every id has a positive probability.
 * A history never seen gives all its weight to the order below. Texts start with n−1 start
 * symbols (no id) and end with the tokenizer's end-of-text token when it has one.
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { findEosId } from "./eos.js";
import type { TokenLM } from "./types.js";
import { LmError } from "./types.js";

/** The start-of-text symbol in histories: not an id of any vocabulary. */
export const START = -1;

/** Options of {@link trainNgramLM}. */
export interface NgramOptions {
  /** Tokens of context plus one (default 3: trigrams). */
  readonly order?: number;
  /**
   * The absolute discount of every order, in (0, 1) (default: estimated per order from the counts
   * of counts, 0.75 where they are too few).
   */
  readonly discount?: number;
  /** The id that ends each text (default: the tokenizer's end-of-text token; `null` for none). */
  readonly eosId?: number | null;
}

/** The counts that follow one history at one order. */
export interface NgramHistory {
  /** The sum of `counts`. */
  readonly total: number;
  /** The ids seen after the history, ascending. */
  readonly ids: Int32Array;
  /** Their counts (raw at the highest order, continuation counts below). */
  readonly counts: Float64Array;
}

/** What an n-gram model is made of (what {@link saveNgramLM} writes). */
export interface NgramData {
  readonly vocabSize: number;
  readonly order: number;
  /** `discounts[k]`: the discount of order k + 1. */
  readonly discounts: readonly number[];
  readonly eosId: number | null;
  /** `histories[k]`: order k + 1, keyed by the k history ids joined with "," (START is -1). */
  readonly histories: readonly ReadonlyMap<string, NgramHistory>[];
}

/** A trained n-gram model: a {@link TokenLM} and the data it was made from. */
export interface NgramLM extends TokenLM {
  readonly order: number;
  readonly data: NgramData;
  /** Synchronous: the n-gram model is a table lookup. */
  nextLogProbs(context: readonly number[]): Float64Array;
}

/**
 * An interpolated Kneser-Ney n-gram model of `texts` as `tokenizer` encodes them (special-token
 * text read as text). Contexts given to `nextLogProbs` are the ids of a text from its start (no
 * BOS: leave `prefixIds` empty in {@link createByteLevelLM}).
 *
 * @example
 * ```ts
 * import { getEncoding } from "toklab";
 * import { trainNgramLM } from "toklab/lm";
 * const tok = await getEncoding("o200k_base");
 * const lm = trainNgramLM(tok, ["the cat sat on the mat", "the dog sat on the log"], { order: 3 });
 * const next = lm.nextLogProbs(tok.encode("the cat sat")); // log P(next id | "the cat sat")
 * Math.exp(next[tok.encode(" on")[0]]); // most of the mass
 * ```
 */
export function trainNgramLM(
  tokenizer: Tokenizer,
  texts: Iterable<string>,
  options: NgramOptions = {},
): NgramLM {
  const order = options.order ?? 3;
  if (!Number.isInteger(order) || order < 1 || order > 16) {
    throw new RangeError(`order must be a whole number from 1 to 16, not ${order}`);
  }
  const eos = options.eosId === undefined ? findEosId(tokenizer) : options.eosId;
  if (eos !== null && (!Number.isInteger(eos) || eos < 0 || eos >= tokenizer.vocabSize)) {
    throw new LmError(`eosId ${eos} is not an id of ${tokenizer.name}`);
  }
  const discount = options.discount;
  if (discount !== undefined && !(discount > 0 && discount < 1)) {
    throw new RangeError(`discount must be between 0 and 1, not ${discount}`);
  }
  // Raw counts of every n-gram at the highest order, keyed by history then id.
  const top = new Map<string, Map<number, number>>();
  for (const text of texts) {
    if (typeof text !== "string") throw new TypeError("trainNgramLM takes texts (strings)");
    const ids: number[] = new Array(order - 1).fill(START);
    ids.push(...tokenizer.encode(text, { disallowedSpecial: [] }));
    if (eos !== null) ids.push(eos);
    for (let i = order - 1; i < ids.length; i++) {
      const key = ids.slice(i - order + 1, i).join(",");
      let next = top.get(key);
      if (next === undefined) {
        next = new Map();
        top.set(key, next);
      }
      next.set(ids[i], (next.get(ids[i]) ?? 0) + 1);
    }
  }
  // Lower orders count distinct predecessors: how many contexts an n-gram completes.
  const levels: Map<string, Map<number, number>>[] = [top];
  for (let k = order - 1; k >= 1; k--) {
    const above = levels[0];
    const level = new Map<string, Map<number, number>>();
    for (const [key, next] of above) {
      // The history without its first id (a key of k ids becomes one of k − 1).
      const cut = key.indexOf(",");
      const shorter = k === 1 ? "" : key.slice(cut + 1);
      let counts = level.get(shorter);
      if (counts === undefined) {
        counts = new Map();
        level.set(shorter, counts);
      }
      for (const id of next.keys()) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    levels.unshift(level);
  }
  const histories = levels.map((level) => {
    const out = new Map<string, NgramHistory>();
    for (const [key, next] of level) {
      const ids = Int32Array.from([...next.keys()].sort((a, b) => a - b));
      const counts = Float64Array.from(ids, (id) => next.get(id) as number);
      let total = 0;
      for (const c of counts) total += c;
      out.set(key, { total, ids, counts });
    }
    return out;
  });
  const discounts = histories.map((level) => discount ?? estimateDiscount(level));
  return ngramLM({ vocabSize: tokenizer.vocabSize, order, discounts, eosId: eos, histories });
}

/** n₁ / (n₁ + 2 n₂) from how many n-grams were seen once and twice; 0.75 when either is none. */
function estimateDiscount(level: ReadonlyMap<string, NgramHistory>): number {
  let n1 = 0;
  let n2 = 0;
  for (const h of level.values()) {
    for (const c of h.counts) {
      if (c === 1) n1++;
      else if (c === 2) n2++;
    }
  }
  if (n1 === 0 || n2 === 0) return 0.75;
  return Math.min(0.95, Math.max(0.05, n1 / (n1 + 2 * n2)));
}

/** The model of `data` (trained, or read back by {@link loadNgramLM}). */
export function ngramLM(data: NgramData): NgramLM {
  const { vocabSize, order, discounts, histories } = data;
  return {
    vocabSize,
    order,
    data,
    nextLogProbs(context: readonly number[]): Float64Array {
      // The history: the last order − 1 ids, padded with start symbols.
      const h: number[] = [];
      for (let i = context.length - order + 1; i < context.length; i++) h.push(i < 0 ? START : context[i]);
      // From the highest order down: each seen history keeps its discounted counts and passes
      // `weight` times its left-over mass to the order below; the uniform base gets the rest.
      const sparse = new Map<number, number>();
      let weight = 1;
      for (let k = order - 1; k >= 0; k--) {
        const seen = histories[k].get(h.slice(order - 1 - k).join(","));
        if (seen === undefined) continue;
        const d = discounts[k];
        for (let i = 0; i < seen.ids.length; i++) {
          const id = seen.ids[i];
          sparse.set(id, (sparse.get(id) ?? 0) + (weight * (seen.counts[i] - d)) / seen.total);
        }
        weight *= (d * seen.ids.length) / seen.total;
      }
      const out = new Float64Array(vocabSize).fill(Math.log(weight / vocabSize));
      const base = weight / vocabSize;
      for (const [id, p] of sparse) out[id] = Math.log(base + p);
      return out;
    },
  };
}
