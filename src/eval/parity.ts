/**
 * Tokenization parity across languages, after "Language Model Tokenizers Introduce Unfairness
 * Between Languages" (Petrov et al., NeurIPS 2023): on parallel text, the premium of a language
 * is how many tokens it needs relative to the reference language (English).
 */

import { emptyRecord, plainRecord } from "../core/record.js";
import type { Tokenizer } from "../core/tokenizer.js";
import { countUnknownChars } from "./counts.js";
import { tokenSpans } from "./spans.js";
import { codePointLength } from "./text.js";

/** The paper's threshold: languages with more unknown characters than this are left out. */
export const DEFAULT_MAX_UNKNOWN = 0.1;

/** Options of {@link parity}. */
export interface ParityOptions {
  /** Reference language code; default the first of `en`, `eng` present in the texts. */
  reference?: string;
  /** Largest unknown-character share a language may have (default 0.1). */
  maxUnknown?: number;
  /** Called after each language with (languages done, languages in all), for a progress display. */
  onProgress?: (done: number, total: number) => void;
}

/** The result of {@link parity}. */
export interface ParityResult {
  reference: string;
  /** Language → tokens(language) / tokens(reference), for the languages kept (sorted by code). */
  premiums: Record<string, number>;
  /** Language → tokens of its whole parallel text, for every language. */
  tokens: Record<string, number>;
  /** Language → share of its characters that became unknown tokens (or were dropped). */
  unknownCharRate: Record<string, number>;
  /** Languages left out because their unknown-character share exceeds `maxUnknown`. */
  excluded: string[];
}

/**
 * Premiums of each language relative to the reference. Each language's text is encoded once, as
 * a whole (callers concatenate a language's parallel sentences first). The unknown-character
 * share is that of {@link countUnknownChars}: characters covered by the unknown token or by no token;
 * byte-level and byte-fallback tokenizers lose no character, so they exclude no language.
 *
 * @example
 * parity(tok, { en: "Hello.", fr: "Bonjour." }).premiums; // { en: 1, fr: 1.5 } for some tok
 */
export function parity(
  tok: Tokenizer,
  texts: Readonly<Record<string, string>>,
  options: ParityOptions = {},
): ParityResult {
  const reference = options.reference ?? ["en", "eng"].find((l) => l in texts);
  if (reference === undefined || !(reference in texts)) {
    throw new Error(`parity: no reference language ${options.reference ?? "en/eng"} in the texts`);
  }
  const maxUnknown = options.maxUnknown ?? DEFAULT_MAX_UNKNOWN;
  const tokens: Record<string, number> = emptyRecord<number>();
  const unknownCharRate: Record<string, number> = emptyRecord<number>();
  const langs = Object.keys(texts).sort();
  langs.forEach((lang, i) => {
    const { count, unknown } = tokensAndUnknown(tok, texts[lang]);
    tokens[lang] = count;
    const chars = codePointLength(texts[lang]);
    unknownCharRate[lang] = chars === 0 ? 0 : unknown / chars;
    options.onProgress?.(i + 1, langs.length);
  });
  if (unknownCharRate[reference] > maxUnknown) {
    throw new Error(`parity: the reference language ${reference} is itself over the unknown-character limit`);
  }
  const premiums: Record<string, number> = emptyRecord<number>();
  const excluded: string[] = [];
  for (const lang of Object.keys(tokens)) {
    if (unknownCharRate[lang] > maxUnknown) excluded.push(lang);
    else premiums[lang] = tokens[reference] === 0 ? 0 : tokens[lang] / tokens[reference];
  }
  return {
    reference,
    premiums: plainRecord(premiums),
    tokens: plainRecord(tokens),
    unknownCharRate: plainRecord(unknownCharRate),
    excluded,
  };
}

/** Token count and unknown characters. */
function tokensAndUnknown(tok: Tokenizer, text: string): { count: number; unknown: number } {
  const spans = tokenSpans(tok, text);
  return { count: spans.ids.length, unknown: countUnknownChars(tok, text, spans) };
}

/** What {@link paritySummary} returns. */
export interface ParitySummary {
  /** Languages with a premium (the excluded ones are not counted). */
  languages: number;
  /** The median premium (the mean of the two middle ones for an even count). */
  median: number;
  /** The `top` languages with the highest premiums, highest first (ties by code). */
  mostExpensive: { lang: string; premium: number }[];
}

/**
 * The median premium and the most expensive languages of a {@link parity} result.
 *
 * @example
 * paritySummary({ premiums: { en: 1, fr: 1.5, ja: 2 }, ... }, 2);
 * // { languages: 3, median: 1.5, mostExpensive: [{ lang: "ja", premium: 2 }, { lang: "fr", premium: 1.5 }] }
 */
export function paritySummary(result: Pick<ParityResult, "premiums">, top = 5): ParitySummary {
  const entries = Object.entries(result.premiums).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const values = entries.map(([, p]) => p).sort((a, b) => a - b);
  const n = values.length;
  const median = n === 0 ? 0 : n % 2 === 1 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return {
    languages: n,
    median,
    mostExpensive: entries.slice(0, top).map(([lang, premium]) => ({ lang, premium })),
  };
}
