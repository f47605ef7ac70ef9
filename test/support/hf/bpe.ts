/**
 * Shared helpers of the BPE differential tests: vocabularies built here (a GPT-2-style
 * byte-level one recovered from tiktoken's r50k ranks, and synthetic char-level ones with
 * prefixes, suffixes, byte pieces and shuffled merge ranks), and a comparison against the
 * Hugging Face binding that sees the whole input as one word.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Tokenizer } from "tokenizers";
import type { WordModel } from "../../../src/core/models/types.js";
import { seededRandom } from "../../../src/core/random.js";
import { parseBpeRanks } from "../tiktoken-data.js";
import { BYTE_CHARS } from "./byte-level.js";
import { hfOutcome, ourOutcome } from "./models.js";
import { tokenizerJsonWith } from "./tokenizer-json.js";

export { seededRandom };

/** A tokenizer.json with only a model: the binding then sees each input as one word. */
export function tokenizerJson(model: object): string {
  return tokenizerJsonWith({ model });
}

/** The binding's tokenizer for a tokenizer.json `model` object. */
export function hfTokenizer(model: object): Tokenizer {
  return Tokenizer.fromString(tokenizerJson(model));
}

/**
 * Asserts that toklab and the binding agree on `text`: ids, token strings and (unless
 * `offsets` is false) code-point offsets, or both fail. Also checks `tokenizeInto` against
 * `tokenize` (see test/support/hf/models.ts).
 */
export async function assertSame(
  model: WordModel,
  hf: Tokenizer,
  text: string,
  offsets = true,
): Promise<void> {
  const theirs = await hfOutcome(hf, text);
  const ours = ourOutcome(model, text);
  if (typeof theirs === "string" || typeof ours === "string") {
    assert.equal(
      typeof ours,
      typeof theirs,
      `error vs result on ${JSON.stringify(text)}: ours ${JSON.stringify(ours)}, hf ${JSON.stringify(theirs)}`,
    );
    return;
  }
  if (offsets) assert.deepEqual(ours, theirs, `on ${JSON.stringify(text)}`);
  else assert.deepEqual([ours.ids, ours.tokens], [theirs.ids, theirs.tokens], `on ${JSON.stringify(text)}`);
}

/** `<0xAB>`, HF's byte-fallback piece for byte `b`. */
export const hex = (b: number): string => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`;

export interface BpeData {
  readonly vocab: Record<string, number>;
  readonly merges: [string, string][];
}

let r50k: BpeData | undefined;

/**
 * r50k_base (GPT-2) as an HF byte-level BPE: the vocabulary in the byte-level alphabet and the
 * merges recovered in rank order. Token `r`'s merge is the last step of merging its own bytes
 * with the ranks below `r` (tiktoken's rule), which always leaves exactly two parts.
 */
export function r50kBpe(): BpeData {
  if (r50k) return r50k;
  const require = createRequire(import.meta.url);
  const json = JSON.parse(readFileSync(require.resolve("tiktoken/encoders/r50k_base.json"), "utf8"));
  const { blob, offsets } = parseBpeRanks(json.bpe_ranks);
  const count = offsets.length - 1;
  const tokens: string[] = [];
  const rankOf = new Map<string, number>();
  for (let r = 0; r < count; r++) {
    let s = "";
    for (let i = offsets[r]; i < offsets[r + 1]; i++) s += BYTE_CHARS[blob[i]];
    tokens.push(s);
    rankOf.set(s, r);
  }
  const vocab: Record<string, number> = {};
  const merges: [string, string][] = [];
  for (let r = 0; r < count; r++) {
    const token = tokens[r];
    vocab[token] = r;
    if (token.length < 2) continue;
    let parts = Array.from(token);
    while (parts.length > 2) {
      let best = -1;
      let at = -1;
      for (let i = 0; i + 1 < parts.length; i++) {
        const q = rankOf.get(parts[i] + parts[i + 1]);
        if (q !== undefined && q < r && (best < 0 || q < best)) {
          best = q;
          at = i;
        }
      }
      if (at < 0) break;
      parts = [...parts.slice(0, at), parts[at] + parts[at + 1], ...parts.slice(at + 2)];
    }
    assert.equal(parts.length, 2, `token ${r} does not reduce to a pair`);
    merges.push([parts[0], parts[1]]);
  }
  r50k = { vocab, merges };
  return r50k;
}

/** Options of {@link charVocab}. */
export interface CharVocabOptions {
  readonly seed: number;
  /** Longest token, in characters (before prefix/suffix). */
  readonly maxLen?: number;
  readonly prefix?: string;
  readonly suffix?: string;
  /** Unknown token to put first in the vocabulary (`null`: none). */
  readonly unk?: string | null;
  /** Which `<0xAB>` byte pieces to add. */
  readonly bytes?: (b: number) => boolean;
  /** Probability that a character (in one of its four spellings) is left out. */
  readonly missing?: number;
}

/**
 * A char-level BPE vocabulary over `words`: every substring up to `maxLen` characters spelled
 * as HF's `merge_word` would (prefix unless word-initial, suffix if word-final); for each token,
 * one or two merges splitting it at random points; merges shuffled, so that pair rank order
 * differs from id order and some merges are unreachable. A few merges are listed twice (the
 * last rank wins in HF).
 */
export function charVocab(words: readonly string[], options: CharVocabOptions): BpeData {
  const rand = seededRandom(options.seed);
  const { maxLen = 5, prefix = "", suffix = "", unk = "<unk>", missing = 0.05 } = options;
  const vocab: Record<string, number> = {};
  const add = (t: string) => {
    vocab[t] ??= Object.keys(vocab).length;
  };
  if (unk !== null) add(unk);
  const merges: [string, string][] = [];
  const spell = (w: string) => {
    const chars = Array.from(w);
    const n = chars.length;
    return (i: number, j: number) =>
      (i > 0 ? prefix : "") + chars.slice(i, j).join("") + (j === n ? suffix : "");
  };
  for (const w of words) {
    const chars = Array.from(w);
    const tok = spell(w);
    for (let i = 0; i < chars.length; i++) {
      for (const spelling of [chars[i], prefix + chars[i], chars[i] + suffix, prefix + chars[i] + suffix]) {
        if (rand() >= missing) add(spelling);
      }
      for (let j = i + 2; j <= Math.min(chars.length, i + maxLen); j++) add(tok(i, j));
    }
  }
  for (const w of words) {
    const n = Array.from(w).length;
    const tok = spell(w);
    for (let i = 0; i < n; i++) {
      for (let j = i + 2; j <= Math.min(n, i + maxLen); j++) {
        const splits = rand() < 0.3 ? 2 : 1;
        for (let s = 0; s < splits; s++) {
          const k = i + 1 + Math.floor(rand() * (j - i - 1));
          const a = tok(i, k);
          const b = tok(k, j);
          if (a in vocab && b in vocab) merges.push([a, b]);
        }
      }
    }
  }
  if (options.bytes) for (let b = 0; b < 256; b++) if (options.bytes(b)) add(hex(b));
  for (let i = merges.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [merges[i], merges[j]] = [merges[j], merges[i]];
  }
  for (let i = 0; i < merges.length / 20; i++) merges.push(merges[Math.floor(rand() * merges.length)]);
  return { vocab, merges };
}

/** A tokenizer.json `model` object for HF's BPE, all options at HF's defaults unless given. */
export function bpeModel(data: BpeData, options: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "BPE",
    dropout: null,
    unk_token: null,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: false,
    byte_fallback: false,
    ignore_merges: false,
    ...options,
    vocab: data.vocab,
    merges: data.merges,
  };
}
