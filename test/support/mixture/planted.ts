/**
 * Planted mixtures for the mixture-inference tests: category texts generated from a seed (no
 * corpus on disk), a tokenizer trained with toklab's own trainer on a known mixture of them, and
 * the true byte proportions. The training data is exactly the category texts repeated, so the
 * samples the inference reads are the training data itself: the exact oracle.
 */
import { Encoding } from "../../../src/core/encoding.js";
import { O200K_PATTERN } from "../../../src/core/pretokenize/patterns.js";
import { seededRandom } from "../../../src/core/random.js";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { parseTiktoken } from "../../../src/formats/tiktoken.js";
import { trainedTiktoken } from "../../../src/formats/trained/tiktoken-ranks.js";
import { trainedTokenizerJson } from "../../../src/formats/trained/tokenizer-json.js";
import type { MixtureCategory } from "../../../src/mixture/infer.js";
import { trainBpe } from "../../../src/train/bpe-trainer.js";
import { pieceSplitter } from "../../../src/train/pieces.js";
import { hfPreTokenizerFor } from "../../../src/train/pieces-hf.js";
import type { PieceConfig } from "../../../src/train/types.js";

/**
 * A made-up language: a dozen syllables of its own, a 200-word lexicon built from them, and
 * `words` words drawn with a skew towards the first (so some pairs are much more frequent than
 * others, as in real text). Different seeds give languages with different pair statistics.
 */
export function syntheticLanguage(seed: number, words: number): string {
  const rnd = seededRandom(seed);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)];
  const consonants = "bcdfghjklmnpqrstvwxzçñ";
  const vowels = "aeiouyéø";
  const syllables: string[] = [];
  for (let i = 0; i < 12; i++)
    syllables.push(pick(consonants) + pick(vowels) + (rnd() < 0.3 ? pick(consonants) : ""));
  const lexicon: string[] = [];
  for (let i = 0; i < 200; i++) {
    let w = "";
    for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) w += syllables[Math.floor(rnd() * syllables.length)];
    lexicon.push(w);
  }
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(lexicon[Math.floor(lexicon.length * rnd() ** 2)]);
  return out.join(" ");
}

export const PIECES: PieceConfig = { preset: "o200k", numbers: "none", specialTokens: [] };

/** A tokenizer trained on the categories, category `i` repeated `copies[i]` times. */
export interface Planted {
  /** The trained tokenizer's tokenizer.json. */
  readonly json: string;
  /** The trained tokenizer loaded back from its tokenizer.json. */
  readonly hf: Tokenizer;
  /** The same merges written as tiktoken ranks and loaded as an encoding. */
  readonly tiktoken: Tokenizer;
  readonly merges: number;
  /** The true share of each category in the training bytes. */
  readonly truth: Record<string, number>;
}

export function plantMixture(
  categories: readonly MixtureCategory[],
  copies: readonly number[],
  merges: number,
): Planted {
  const split = pieceSplitter(PIECES);
  const counts = new Map<string, number>();
  categories.forEach((c, i) => {
    for (const piece of split(c.text)) counts.set(piece, (counts.get(piece) ?? 0) + copies[i]);
  });
  const trained = trainBpe(counts, { vocabSize: 256 + merges, pieces: PIECES });
  const json = trainedTokenizerJson(trained, { preTokenizer: hfPreTokenizerFor(PIECES) });
  const hf = loadTokenizerJson(json);
  const tiktoken = new Encoding({
    name: "planted",
    pattern: O200K_PATTERN,
    ranks: parseTiktoken(trainedTiktoken(trained)),
    specialTokens: {},
  });
  const utf8 = new TextEncoder();
  const bytes = categories.map((c, i) => utf8.encode(c.text).length * copies[i]);
  const total = bytes.reduce((s, b) => s + b, 0);
  const truth = Object.fromEntries(categories.map((c, i) => [c.name, bytes[i] / total]));
  return { json, hf, tiktoken, merges: trained.merges.length, truth };
}
