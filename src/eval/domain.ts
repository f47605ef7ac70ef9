/**
 * Domain efficiency, after "KL3M Tokenizers" (Bommarito et al. 2025): how many tokens each
 * tokenizer needs for the documents and the terminology of a domain (legal, financial, code...),
 * and how many fewer (or more) than baseline tokenizers. Definitions: docs/metrics.md.
 */

import { emptyRecord, plainRecord } from "../core/record.js";
import { ORDINARY, type Tokenizer } from "../core/tokenizer.js";
import { ratio } from "./metrics.js";
import { codePointLength, utf8Length } from "./text.js";

/** A tokenizer's counts on one domain's documents. */
export interface DomainCounts {
  documents: number;
  tokens: number;
  bytes: number;
  /** Characters (code points). */
  chars: number;
  tokensPerDocument: number;
  bytesPerToken: number;
  charsPerToken: number;
  /** Baseline name → tokens / baseline tokens. */
  tokenRatio: Record<string, number>;
  /** Baseline name → {@link percentFewerTokens} against it. */
  percentFewerTokens: Record<string, number>;
}

/** A tokenizer's counts on one term list, each term encoded alone. */
export interface TermCounts {
  terms: number;
  tokens: number;
  tokensPerTerm: number;
  /** Tokens of each term, in list order. */
  perTerm: number[];
  tokenRatio: Record<string, number>;
  percentFewerTokens: Record<string, number>;
}

/** One tokenizer's row of a {@link DomainReport}. */
export interface DomainRow {
  name: string;
  /** Domain → counts on its documents. */
  domains: Record<string, DomainCounts>;
  /** The documents of all domains together. */
  overall: DomainCounts;
  /** Term list name → counts on its terms. */
  terms: Record<string, TermCounts>;
}

/** What {@link domainEfficiency} measures. */
export interface DomainInputs {
  /** Domain → its documents. */
  domains: Record<string, readonly string[]>;
  /** Term list name → its terms. */
  terms?: Record<string, readonly string[]>;
}

/** Options of {@link domainEfficiency}. */
export interface DomainOptions {
  /** Names (`Tokenizer.name`) of the tokenizers to compare against; default the first. */
  baselines?: readonly string[];
  /** Called after each document or term list with the UTF-8 bytes encoded so far. */
  onProgress?: (doneBytes: number) => void;
}

/** The result of {@link domainEfficiency}: one row per tokenizer, in the order given. */
export interface DomainReport {
  baselines: string[];
  tokenizers: DomainRow[];
}

/**
 * Percent fewer tokens than the baseline: (baseline − subject) / baseline × 100. Positive when
 * the subject needs fewer tokens, negative when it needs more; 0 when the baseline has none.
 *
 * @example
 * percentFewerTokens(83, 100); // 17
 * percentFewerTokens(120, 100); // -20
 */
export function percentFewerTokens(subject: number, baseline: number): number {
  return baseline === 0 ? 0 : ((baseline - subject) / baseline) * 100;
}

/**
 * Token counts of each domain's documents and of each term list, for every tokenizer, with the
 * percent fewer tokens than each baseline. Documents and terms are encoded as ordinary text
 * (no template), each one whole and alone.
 *
 * @example
 * const r = domainEfficiency([mine, o200k], {
 *   domains: { legal: [contractText, opinionText] },
 *   terms: { legal: ["res judicata", "habeas corpus"] },
 * }, { baselines: ["o200k_base"] });
 * r.tokenizers[0].domains.legal.percentFewerTokens.o200k_base; // e.g. 12.5
 */
export function domainEfficiency(
  toks: readonly Tokenizer[],
  inputs: DomainInputs,
  options: DomainOptions = {},
): DomainReport {
  if (toks.length === 0) throw new Error("domainEfficiency: no tokenizers");
  const names = toks.map((t) => t.name);
  const baselines = [...(options.baselines ?? [names[0]])];
  for (const b of baselines) {
    if (!names.includes(b))
      throw new Error(`baseline ${b} is not one of the tokenizers (${names.join(", ")})`);
  }
  let done = 0;
  const progress = (bytes: number) => {
    done += bytes;
    options.onProgress?.(done);
  };
  const domainTokens = toks.map((tok) => {
    const out: Record<string, number[]> = emptyRecord<number[]>();
    for (const [domain, docs] of Object.entries(inputs.domains)) {
      out[domain] = docs.map((doc) => {
        const n = tok.count(doc, ORDINARY);
        progress(utf8Length(doc));
        return n;
      });
    }
    return plainRecord(out);
  });
  const termTokens = toks.map((tok) => {
    const out: Record<string, number[]> = emptyRecord<number[]>();
    for (const [list, terms] of Object.entries(inputs.terms ?? {})) {
      out[list] = terms.map((term) => tok.count(term, ORDINARY));
      progress(terms.reduce((a, t) => a + utf8Length(t), 0));
    }
    return plainRecord(out);
  });
  const baseIndex = baselines.map((b) => names.indexOf(b));
  const compare = (tokens: number, baseTokens: (j: number) => number) => {
    const tokenRatio: Record<string, number> = emptyRecord<number>();
    const percent: Record<string, number> = emptyRecord<number>();
    baselines.forEach((b, k) => {
      tokenRatio[b] = ratio(tokens, baseTokens(baseIndex[k]));
      percent[b] = percentFewerTokens(tokens, baseTokens(baseIndex[k]));
    });
    return { tokenRatio: plainRecord(tokenRatio), percentFewerTokens: plainRecord(percent) };
  };
  const allDocs = Object.values(inputs.domains).flat();
  const rows = toks.map((tok, i): DomainRow => {
    const domains: Record<string, DomainCounts> = emptyRecord<DomainCounts>();
    for (const [domain, docs] of Object.entries(inputs.domains)) {
      const tokens = sum(domainTokens[i][domain]);
      domains[domain] = {
        ...documentCounts(docs, tokens),
        ...compare(tokens, (j) => sum(domainTokens[j][domain])),
      };
    }
    const total = (j: number) => sum(Object.values(domainTokens[j]).flat());
    const overall = { ...documentCounts(allDocs, total(i)), ...compare(total(i), total) };
    const terms: Record<string, TermCounts> = emptyRecord<TermCounts>();
    for (const [list, perTerm] of Object.entries(termTokens[i])) {
      const tokens = sum(perTerm);
      terms[list] = {
        terms: perTerm.length,
        tokens,
        tokensPerTerm: ratio(tokens, perTerm.length),
        perTerm,
        ...compare(tokens, (j) => sum(termTokens[j][list])),
      };
    }
    return { name: tok.name, domains: plainRecord(domains), overall, terms: plainRecord(terms) };
  });
  return { baselines, tokenizers: rows };
}

/**
 * The terms of a term list file: one per line, trimmed; blank lines are skipped. Duplicates are
 * kept (each line counts).
 *
 * @example
 * parseTermList("res judicata\r\n\nhabeas corpus\n"); // ["res judicata", "habeas corpus"]
 */
export function parseTermList(content: string): string[] {
  return content
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

function documentCounts(
  docs: readonly string[],
  tokens: number,
): Omit<DomainCounts, "tokenRatio" | "percentFewerTokens"> {
  let bytes = 0;
  let chars = 0;
  for (const d of docs) {
    bytes += utf8Length(d);
    chars += codePointLength(d);
  }
  return {
    documents: docs.length,
    tokens,
    bytes,
    chars,
    tokensPerDocument: ratio(tokens, docs.length),
    bytesPerToken: ratio(bytes, tokens),
    charsPerToken: ratio(chars, tokens),
  };
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
