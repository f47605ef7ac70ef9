import { emptyRecord } from "../../core/record.js";
import { didYouMean } from "../../core/suggest.js";
import type { Tokenizer } from "../../core/tokenizer.js";
import { CorpusError, parseCorpus } from "../../eval/corpus.js";
import {
  type DomainCounts,
  type DomainReport,
  domainEfficiency,
  parseTermList,
  type TermCounts,
} from "../../eval/domain.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { namedFiles, splitList } from "../named-files.js";
import { Progress } from "../progress.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { table } from "./compare.js";

/**
 * `toklab domain -t A,B [--baseline NAME[,NAME]] --domain NAME=FILE[,FILE]... [--terms
 * NAME=FILE[,FILE]...] [--json]`: token counts of each domain's documents and of each term list,
 * and percent fewer tokens than the baselines (KL3M Tokenizers; docs/metrics.md).
 */
export async function domainCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("domain"));
  if (positionals.length > 0) {
    throw new CliError(`domain: unexpected argument "${positionals[0]}" (files go in --domain NAME=FILE)`, 2);
  }
  const names = (values.tokenizer as string[] | undefined) ?? [];
  if (names.length === 0) throw new CliError("domain: give -t A,B,... (one or more tokenizers)", 2);
  const baselines = values.baseline === undefined ? [names[0]] : splitList(values.baseline as string);
  for (const b of baselines) {
    if (!names.includes(b))
      throw new CliError(`--baseline ${b} is not one of -t ${names.join(",")}${didYouMean(b, names)}`, 2);
  }
  const domainFiles = namedFiles("--domain", values.domain as string[] | undefined);
  const termFiles = namedFiles("--terms", values.terms as string[] | undefined);
  if (domainFiles.size === 0 && termFiles.size === 0) {
    throw new CliError("domain: give --domain NAME=FILE[,FILE] and/or --terms NAME=FILE", 2);
  }
  const tokenizers: Tokenizer[] = [];
  for (const name of names) {
    tokenizers.push(await resolveTokenizer(name, tokenizerOptions(values)));
  }
  const domains: Record<string, string[]> = emptyRecord<string[]>();
  for (const [domain, files] of domainFiles) domains[domain] = await readDocuments(files);
  const terms: Record<string, string[]> = emptyRecord<string[]>();
  for (const [list, files] of termFiles) {
    terms[list] = [];
    for (const file of files) terms[list].push(...parseTermList(await readTextInput(file)));
  }
  const bytes = (xs: string[]) => xs.reduce((a, x) => a + Buffer.byteLength(x), 0);
  const total = [...Object.values(domains), ...Object.values(terms)].reduce((a, xs) => a + bytes(xs), 0);
  const progress = new Progress("domain", total * tokenizers.length, "bytes");
  const report = domainEfficiency(
    tokenizers,
    { domains, terms },
    { baselines, onProgress: (d) => progress.update(d) },
  );
  progress.done();
  if (values.json) {
    await writeOut(`${JSON.stringify(toJson(report, tokenizers, domainFiles, termFiles, terms), null, 2)}\n`);
    return;
  }
  await writeOut(renderText(report));
}

/** Each file as compare reads a corpus: plain text is one document, JSONL one per line (`text`). */
async function readDocuments(files: string[]): Promise<string[]> {
  const docs: string[] = [];
  for (const file of files) {
    const content = await readTextInput(file);
    try {
      for (const d of parseCorpus(content, file)) docs.push(d.text);
    } catch (e) {
      if (e instanceof CorpusError) throw new CliError(e.message, 1);
      throw e;
    }
  }
  return docs;
}

function toJson(
  report: DomainReport,
  tokenizers: Tokenizer[],
  domainFiles: Map<string, string[]>,
  termFiles: Map<string, string[]>,
  terms: Record<string, string[]>,
) {
  const first = report.tokenizers[0];
  const domains: Record<string, object> = emptyRecord<object>();
  for (const [domain, files] of domainFiles) {
    const d = first.domains[domain];
    domains[domain] = { files, documents: d.documents, bytes: d.bytes, chars: d.chars };
  }
  const termLists: Record<string, object> = emptyRecord<object>();
  for (const [list, files] of termFiles) termLists[list] = { files, terms: terms[list] };
  return {
    baselines: report.baselines,
    domains,
    term_lists: termLists,
    tokenizers: report.tokenizers.map((row, i) => ({
      name: row.name,
      format: tokenizers[i].format,
      domains: mapValues(row.domains, documentNumbers),
      overall: documentNumbers(row.overall),
      terms: mapValues(row.terms, termNumbers),
    })),
  };
}

function documentNumbers(c: DomainCounts) {
  return {
    documents: c.documents,
    tokens: c.tokens,
    bytes: c.bytes,
    chars: c.chars,
    tokens_per_document: c.tokensPerDocument,
    bytes_per_token: c.bytesPerToken,
    chars_per_token: c.charsPerToken,
    token_ratio: c.tokenRatio,
    percent_fewer_tokens: c.percentFewerTokens,
  };
}

function termNumbers(c: TermCounts) {
  return {
    terms: c.terms,
    tokens: c.tokens,
    tokens_per_term: c.tokensPerTerm,
    per_term: c.perTerm,
    token_ratio: c.tokenRatio,
    percent_fewer_tokens: c.percentFewerTokens,
  };
}

function mapValues<T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

function renderText(report: DomainReport): string {
  const fewer = report.baselines.map((b) => `% fewer vs ${b}`);
  const pct = (r: Record<string, number>) => report.baselines.map((b) => `${r[b].toFixed(1)}%`);
  const parts = [
    `Domain efficiency; % fewer tokens = (baseline − tokenizer) / baseline × 100 (negative: more tokens)\n`,
  ];
  const domainNames = Object.keys(report.tokenizers[0].domains);
  if (domainNames.length > 0) {
    const rows = [["domain", "tokenizer", "docs", "tokens", "tok/doc", "bytes/tok", ...fewer]];
    for (const domain of [...domainNames, ...(domainNames.length > 1 ? ["(all)"] : [])]) {
      for (const r of report.tokenizers) {
        const c = domain === "(all)" ? r.overall : r.domains[domain];
        rows.push([
          domain,
          r.name,
          String(c.documents),
          String(c.tokens),
          c.tokensPerDocument.toFixed(1),
          c.bytesPerToken.toFixed(3),
          ...pct(c.percentFewerTokens),
        ]);
      }
    }
    parts.push(`Documents\n${table(rows)}\n`);
  }
  const lists = Object.keys(report.tokenizers[0].terms);
  if (lists.length > 0) {
    const rows = [["terms", "tokenizer", "terms", "tokens", "tok/term", ...fewer]];
    for (const list of lists) {
      for (const r of report.tokenizers) {
        const c = r.terms[list];
        rows.push([
          list,
          r.name,
          String(c.terms),
          String(c.tokens),
          c.tokensPerTerm.toFixed(2),
          ...pct(c.percentFewerTokens),
        ]);
      }
    }
    parts.push(`Terms (each term encoded alone)\n${table(rows)}\n`);
  }
  return `${parts.join("\n")}`;
}
