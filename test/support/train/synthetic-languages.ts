/**
 * Synthetic "languages" with parallel text: one shared list of concepts, and per language a
 * lexicon that spells each concept as a random word of its own script and word length. Training
 * text is a Zipfian stream of concepts per language (sizes may differ); the dev set renders the
 * same concept sentences in every language, so it is parallel by construction.
 */
import { seededRandom } from "../../../src/core/random.js";

export interface SyntheticLanguage {
  name: string;
  /** The characters words are made of. */
  alphabet: string[];
  /** Word length range in characters, inclusive. */
  minLength: number;
  maxLength: number;
  /** Training size in words. */
  trainWords: number;
}

export type Counts = Map<string, number>;

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Latin, Cyrillic, Devanagari and Georgian letters (1-, 2-, 3- and 3-byte UTF-8). */
export const SCRIPTS = {
  latin: range(0x61, 0x7a),
  cyrillic: range(0x430, 0x44f),
  devanagari: range(0x915, 0x939),
  georgian: range(0x10d0, 0x10f0),
};

/**
 * Training, dev and held-out piece counts (pieces are words with a leading space, as GPT-2's
 * pattern cuts them) for each language; the dev and held-out sets are parallel, different
 * sentences.
 */
export function syntheticCorpus(
  seed: number,
  languages: SyntheticLanguage[],
  options: { concepts: number; devSentences: number; sentenceLength: number; heldOutSentences?: number },
): { train: Map<string, Counts>; dev: Map<string, Counts>; heldOut: Map<string, Counts> } {
  const rnd = seededRandom(seed);
  // Zipf over concepts: rank r has weight 1 / (r + 1).
  const weights = Array.from({ length: options.concepts }, (_, r) => 1 / (r + 1));
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    cumulative.push(sum);
  }
  const concept = () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lexicons = new Map<string, string[]>();
  for (const lang of languages) {
    const seen = new Set<string>();
    const words: string[] = [];
    while (words.length < options.concepts) {
      const len = lang.minLength + Math.floor(rnd() * (lang.maxLength - lang.minLength + 1));
      let w = "";
      // Skewed letter choice, so that some letter pairs are much more frequent than others.
      for (let k = 0; k < len; k++) w += lang.alphabet[Math.floor(rnd() ** 2 * lang.alphabet.length)];
      if (!seen.has(w)) {
        seen.add(w);
        words.push(w);
      }
    }
    lexicons.set(lang.name, words);
  }
  const add = (m: Counts, piece: string) => m.set(piece, (m.get(piece) ?? 0) + 1);
  const train = new Map<string, Counts>();
  for (const lang of languages) {
    const counts: Counts = new Map();
    const lex = lexicons.get(lang.name)!;
    for (let i = 0; i < lang.trainWords; i++) add(counts, ` ${lex[concept()]}`);
    train.set(lang.name, counts);
  }
  const parallel = (sentences: number) => {
    const out = new Map<string, Counts>(languages.map((l) => [l.name, new Map()]));
    for (let s = 0; s < sentences; s++) {
      const sentence = Array.from({ length: options.sentenceLength }, concept);
      for (const lang of languages) {
        const lex = lexicons.get(lang.name)!;
        for (const c of sentence) add(out.get(lang.name)!, ` ${lex[c]}`);
      }
    }
    return out;
  };
  const dev = parallel(options.devSentences);
  // Drawn after the dev set, so that asking for held-out text leaves the rest as it was.
  const heldOut = parallel(options.heldOutSentences ?? 0);
  return { train, dev, heldOut };
}
