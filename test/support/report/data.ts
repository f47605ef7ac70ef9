/** Small hand-made report data for the report tests (numbers chosen to be easy to check). */
import { CATEGORIES, type Category, type VocabularyAudit } from "../../../src/analyze/index.js";
import type {
  ReportCompare,
  ReportCompareRow,
  ReportNumbers,
  ReportParity,
} from "../../../src/report/index.js";

function numbers(tokens: number, bytesPerToken: number, lengths: Record<string, number>): ReportNumbers {
  return {
    tokens,
    bytes_per_token: bytesPerToken,
    chars_per_token: bytesPerToken / 1.1,
    fertility: 1 + 1 / bytesPerToken,
    continued_words: 0.1 / bytesPerToken,
    renyi_efficiency: 0.5,
    normalized_sequence_length: 1,
    unknown_char_rate: 0,
    token_length_bytes: lengths,
  };
}

function row(name: string, scale: number, lengths: Record<string, number>): ReportCompareRow {
  return {
    name,
    format: "tiktoken",
    ...numbers(100, 4 * scale, lengths),
    categories: { prose: numbers(60, 5 * scale, {}), code: numbers(40, 3 * scale, {}) },
  };
}

/** Two tokenizers, categories `prose` and `code`; token lengths include a long tail. */
export function sampleCompare(names: [string, string] = ["alpha", "beta"]): ReportCompare {
  return {
    corpus: {
      source: ["a.jsonl"],
      documents: 3,
      bytes: 400,
      chars: 380,
      words: 70,
      categories: ["prose", "code"],
    },
    baseline: names[0],
    renyi: { alpha: 2.5, normalisation: "observed types" },
    tokenizers: [
      row(names[0], 1, { "1": 10, "3": 30, "16": 20, "17": 25, "40": 15 }),
      row(names[1], 0.5, { "2": 50, "4": 50 }),
    ],
  };
}

/** Parity of two tokenizers on three languages (`fra` only kept by the first). */
export function sampleParity(names: [string, string] = ["alpha", "beta"]): ReportParity[] {
  const base = { source: "udhr", reference: "eng", max_unknown: 0.1, unknown_char_rate: {} };
  return [
    {
      ...base,
      tokenizer: names[0],
      premiums: { eng: 1, deu: 1.5, fra: 1.2 },
      tokens: { eng: 10, deu: 15, fra: 12 },
      excluded: [],
    },
    {
      ...base,
      tokenizer: names[1],
      premiums: { eng: 1, deu: 3.5 },
      tokens: { eng: 20, deu: 70, fra: 99 },
      excluded: ["fra"],
    },
  ];
}

/** An audit with the given counts (others 0) and script counts. */
export function sampleAudit(
  tokenizer: string,
  counts: Partial<Record<string, number>>,
  scripts: Record<string, number>,
): VocabularyAudit {
  const zero = {
    tokens: 0,
    ok: 0,
    unreachable_single: 0,
    unreachable_multi: 0,
    undecodable: 0,
    special: 0,
    added: 0,
    partial_utf8: 0,
    non_utf8_bytes: 0,
    byte_fallback: 0,
    byte_fallback_duplicates: 0,
    pretokenizer_unreachable: 0,
  };
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  return {
    ...zero,
    ...counts,
    tokenizer,
    format: "tiktoken",
    scheme: "bytes",
    scripts,
    categories,
    examples: {},
  };
}
