/**
 * An exact reference for the byte-level layer: a known Markov chain over a small alphabet of
 * characters, pushed through a tokenizer. Every text of exactly `length` characters is
 * enumerated with its probability and tokenized; the token model's conditional probabilities are
 * read off the resulting trie of token sequences. So the token model is exactly what a perfectly
 * trained LM of that source would be (canonical token sequences only, the end as an EOS token),
 * and its byte-level probabilities must be the chain's, which are computed here independently.
 */
import type { Tokenizer } from "../core/tokenizer.js";
import { findEosId } from "./eos.js";
import type { TokenLM } from "./types.js";
import { LmError } from "./types.js";

/** A Markov chain over characters. */
export interface MarkovChain {
  /** The alphabet: single characters (so their UTF-8 forms are prefix-free). */
  readonly symbols: readonly string[];
  /** Probability of each symbol first. */
  readonly initial: readonly number[];
  /** `transition[a][b]`: probability of symbol b after symbol a. */
  readonly transition: readonly (readonly number[])[];
}

/** Options of {@link markovOracleLM}. */
export interface MarkovOracleOptions {
  /** Ids the model expects before the text (e.g. a BOS); contexts must start with them. */
  readonly prefixIds?: readonly number[];
  /** The id that stands for the end of the text (default: the tokenizer's end-of-text token). */
  readonly eosId?: number;
}

interface Node {
  mass: number;
  end: number;
  children: Map<number, Node>;
}

const encoder = new TextEncoder();

/** Throws unless `chain` is a Markov chain over single characters. */
export function checkChain(chain: MarkovChain): void {
  const k = chain.symbols.length;
  if (k === 0) throw new LmError("a Markov chain needs symbols");
  if (new Set(chain.symbols).size !== k || chain.symbols.some((s) => [...s].length !== 1)) {
    throw new LmError("the chain's symbols must be distinct single characters");
  }
  const rows = [chain.initial, ...chain.transition];
  if (chain.transition.length !== k || rows.some((r) => r.length !== k)) {
    throw new LmError(`the chain needs ${k} initial probabilities and a ${k}×${k} transition matrix`);
  }
  for (const row of rows) {
    const sum = row.reduce((a, b) => a + b, 0);
    if (row.some((p) => !(p >= 0)) || Math.abs(sum - 1) > 1e-12) {
      throw new LmError(`each row of the chain must be probabilities summing to 1, not ${row.join(", ")}`);
    }
  }
}

/** Every text of `length` symbols with its probability (in symbol order). */
export function* chainTexts(chain: MarkovChain, length: number): Generator<[string, number]> {
  const k = chain.symbols.length;
  const digits = new Array(length).fill(0);
  for (;;) {
    let p = chain.initial[digits[0]];
    for (let i = 1; i < length && p > 0; i++) p *= chain.transition[digits[i - 1]][digits[i]];
    if (p > 0) yield [digits.map((d) => chain.symbols[d]).join(""), p];
    let i = length - 1;
    while (i >= 0 && digits[i] === k - 1) digits[i--] = 0;
    if (i < 0) return;
    digits[i]++;
  }
}

/**
 * The token model of `chain`'s texts of exactly `length` symbols, tokenized by `tokenizer`
 * (`encode` with special-token text read as text).
 *
 * @example
 * ```ts
 * const chain = { symbols: ["a", "b"], initial: [0.5, 0.5], transition: [[0.9, 0.1], [0.5, 0.5]] };
 * const oracle = markovOracleLM(tok, chain, 6);
 * createByteLevelLM(tok, oracle).prefixLogProb(utf8.encode("ab")); // = log(0.5 · 0.1)
 * ```
 */
export function markovOracleLM(
  tokenizer: Tokenizer,
  chain: MarkovChain,
  length: number,
  options: MarkovOracleOptions = {},
): TokenLM {
  checkChain(chain);
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`length must be >= 1, not ${length}`);
  const eos = options.eosId ?? findEosId(tokenizer);
  if (eos === null)
    throw new LmError(`${tokenizer.name} has no special token to end a text with; give eosId`);
  const prefix = [...(options.prefixIds ?? [])];
  const root: Node = { mass: 0, end: 0, children: new Map() };
  for (const [text, p] of chainTexts(chain, length)) {
    let node = root;
    node.mass += p;
    for (const id of tokenizer.encode(text, { disallowedSpecial: [] })) {
      let child = node.children.get(id);
      if (child === undefined) {
        child = { mass: 0, end: 0, children: new Map() };
        node.children.set(id, child);
      }
      child.mass += p;
      node = child;
    }
    node.end += p;
  }
  const vocabSize = tokenizer.vocabSize;
  return {
    vocabSize,
    nextLogProbs(context: readonly number[]): Float64Array {
      for (let i = 0; i < prefix.length; i++) {
        if (context[i] !== prefix[i]) throw new LmError("the oracle's contexts start with its prefix ids");
      }
      let node: Node | undefined = root;
      for (let i = prefix.length; i < context.length && node !== undefined; i++) {
        node = node.children.get(context[i]);
      }
      if (node === undefined || node.mass === 0) {
        throw new LmError(`the oracle gives this context probability 0 (${context.length} ids)`);
      }
      const out = new Float64Array(vocabSize).fill(Number.NEGATIVE_INFINITY);
      for (const [id, child] of node.children) out[id] = Math.log(child.mass / node.mass);
      if (node.end > 0) out[eos] = Math.log(node.end / node.mass);
      return out;
    },
  };
}

/**
 * The chain's exact log-probability that a text of `length` symbols starts with `bytes`
 * (which may end inside a character): computed from the chain alone, as the reference.
 */
export function markovPrefixLogProb(chain: MarkovChain, length: number, bytes: Uint8Array): number {
  const symbolBytes = chain.symbols.map((s) => encoder.encode(s));
  let at = 0;
  let p = 1;
  let last = -1;
  let count = 0;
  while (at < bytes.length) {
    // The symbols that agree with the bytes from `at` (one whole match, or several partial ones).
    let whole = -1;
    let partial = 0;
    symbolBytes.forEach((sb, s) => {
      const n = Math.min(sb.length, bytes.length - at);
      for (let i = 0; i < n; i++) if (sb[i] !== bytes[at + i]) return;
      const q = last < 0 ? chain.initial[s] : chain.transition[last][s];
      if (sb.length <= bytes.length - at) whole = s;
      else partial += q;
    });
    if (count >= length) return Number.NEGATIVE_INFINITY;
    if (whole < 0) return count + 1 <= length ? Math.log(p * partial) : Number.NEGATIVE_INFINITY;
    p *= last < 0 ? chain.initial[whole] : chain.transition[last][whole];
    at += symbolBytes[whole].length;
    last = whole;
    count++;
  }
  return Math.log(p);
}
