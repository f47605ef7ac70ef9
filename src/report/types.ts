/**
 * The data a report is made from: the objects `toklab compare --json`, `parity --json` and
 * `audit --json` print, typed here by the fields the report reads (structural types, so the CLI's
 * own row types fit without this module importing the CLI).
 */
import type { VocabularyAudit } from "../analyze/audit.js";

/** One tokenizer's numbers in `compare --json` (overall or for one category). */
export interface ReportNumbers {
  tokens: number;
  bytes_per_token: number;
  chars_per_token: number;
  fertility: number;
  continued_words: number;
  renyi_efficiency: number;
  normalized_sequence_length: number;
  unknown_char_rate: number;
  /** Token length in bytes → occurrences. */
  token_length_bytes: Record<string, number>;
}

/** A row of `compare --json`. */
export interface ReportCompareRow extends ReportNumbers {
  name: string;
  /** The file format: `tiktoken`, `huggingface`... */
  format: string;
  categories: Record<string, ReportNumbers>;
}

/** The whole of `compare --json`. */
export interface ReportCompare {
  corpus: {
    source: string | string[];
    documents: number;
    bytes: number;
    chars: number;
    words: number;
    categories: string[];
  };
  baseline: string;
  renyi: { alpha: number; normalisation: string };
  /**
   * `--segmenter` and its settings when one was given (e.g. `{ name: "dropout", seed: 3 }`); the
   * report lists every field.
   */
  segmenter?: { readonly name: string };
  tokenizers: ReportCompareRow[];
}

/** The whole of `parity --json` for one tokenizer. */
export interface ReportParity {
  tokenizer: string;
  source: string;
  reference: string;
  max_unknown: number;
  /** Language → tokens(language) / tokens(reference), languages kept. */
  premiums: Record<string, number>;
  /** Language → tokens of its text, every language. */
  tokens: Record<string, number>;
  unknown_char_rate: Record<string, number>;
  excluded: string[];
}

/** Everything one report shows. */
export interface ReportData {
  compare: ReportCompare;
  /** One entry per tokenizer that parity could be measured for (any order). */
  parity: ReportParity[];
  /** `audit --json` of each tokenizer (any order). */
  audit: VocabularyAudit[];
  /** Language code → display name (e.g. the UDHR's `eng` → `English`), for tooltips. */
  languages?: Record<string, string>;
  /** Plain-text notes shown under the header (e.g. why a tokenizer has no parity). */
  notes?: string[];
}

/** The chart library sources inlined into the page (minified UMD builds). */
export interface ChartLibraries {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
  /** Package → version, shown in the footer. */
  versions?: Record<string, string>;
}
