import { emptyRecord } from "../../core/record.js";
import { didYouMean } from "../../core/suggest.js";
import type { Tokenizer } from "../../core/tokenizer.js";
import { type CorpusDoc, CorpusError, corpusCategories, parseCorpus } from "../../eval/corpus.js";
import { corpusBytes, evaluateCorpora } from "../../eval/evaluate-corpus.js";
import type { Metrics } from "../../eval/metrics.js";
import { ratio } from "../../eval/metrics.js";
import { DEFAULT_RENYI_ALPHA } from "../../eval/renyi.js";
import { loadUdhr, UDHR_ENGLISH } from "../../node/udhr.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { Progress } from "../progress.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { SAMPLE_TEXT } from "../sample.js";
import { commandSpec } from "../spec.js";
import { checkHtmlPrerequisites, writeCompareHtml } from "./compare-html.js";
import { applySegmenter, parseSegmenterOptions } from "./compare-segmenter.js";

/** One tokenizer's numbers in `compare --json` (the stable machine contract, snake_case). */
export interface CompareNumbers {
  tokens: number;
  bytes_per_token: number;
  chars_per_token: number;
  fertility: number;
  continued_words: number;
  renyi_efficiency: number;
  renyi_entropy: number;
  normalized_sequence_length: number;
  words: number;
  types: number;
  vocab_utilisation: number;
  unknown_rate: number;
  unknown_char_rate: number;
  byte_fallback_rate: number;
  round_trip_failures: number;
  token_length_bytes: Record<string, number>;
  token_length_chars: Record<string, number>;
}

/** A row of `compare --json`: `name` as given to -t, the numbers, and the same per category. */
export interface CompareRow extends CompareNumbers {
  name: string;
  /** The file format: `tiktoken`, `huggingface`... */
  format: string;
  categories: Record<string, CompareNumbers>;
}

/**
 * `toklab compare -t A,B,... --corpus FILE... | --builtin [--json] [--baseline NAME]`: every
 * metric of docs/metrics.md for each tokenizer on the same corpus, as a table or JSON.
 * `--html FILE` also writes a self-contained report with charts (adding UDHR parity and the
 * vocabulary audit of each tokenizer); stdout is the same with or without it.
 */
export async function compareCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("compare"));
  const names = (values.tokenizer as string[] | undefined) ?? [];
  if (names.length === 0) throw new CliError("compare: give -t A,B,... (one or more tokenizers)", 2);
  // `--corpus a.txt b.jsonl` reads as --corpus a.txt plus a positional: both are corpus files.
  const files = [...((values.corpus as string[] | undefined) ?? []), ...positionals];
  if (files.length > 0 === (values.builtin === true)) {
    throw new CliError("compare: give either --corpus FILE... or --builtin", 2);
  }
  const baseline = (values.baseline as string | undefined) ?? names[0];
  if (!names.includes(baseline))
    throw new CliError(
      `--baseline ${baseline} is not one of -t ${names.join(",")}${didYouMean(baseline, names)}`,
      2,
    );
  const alpha = parseAlpha(values.alpha as string | undefined);
  const segmenter = parseSegmenterOptions(values);
  const tokenizers: Tokenizer[] = [];
  for (const name of names) {
    tokenizers.push(applySegmenter(await resolveTokenizer(name, tokenizerOptions(values)), segmenter));
  }
  if (values.html !== undefined) await checkHtmlPrerequisites(values.html as string);
  const docs = files.length > 0 ? await readCorpora(files) : await builtinCorpus();
  const total = corpusBytes(docs);
  const progress = new Progress("comparing", total * tokenizers.length, "bytes");
  // One pass: each document is segmented into words once for all tokenizers (decision 0020).
  const evaluations = evaluateCorpora(tokenizers, docs, {
    renyi: (tok) => ({ alpha, vocabSize: values["renyi-vocab"] === true ? tok.vocabSize : undefined }),
    onProgress: (done) => progress.update(done, `${tokenizers.length} tokenizers`),
  });
  progress.done();
  const base = evaluations[names.indexOf(baseline)];
  const rows: CompareRow[] = evaluations.map((e, i) => {
    const categories: Record<string, CompareNumbers> = emptyRecord<CompareNumbers>();
    for (const [cat, m] of Object.entries(e.categories)) {
      categories[cat] = numbers(m, base.categories[cat]?.tokens ?? 0);
    }
    return {
      name: names[i],
      format: tokenizers[i].format,
      ...numbers(e.overall, base.overall.tokens),
      categories,
    };
  });
  const cats = corpusCategories(docs);
  const corpus = {
    source: files.length > 0 ? files : "builtin",
    documents: docs.length,
    bytes: total,
    chars: evaluations[0].overall.chars,
    words: evaluations[0].overall.words,
    categories: cats,
  };
  const renyi = {
    alpha,
    normalisation: values["renyi-vocab"] === true ? "vocabulary size" : "observed types",
  };
  const data = { corpus, baseline, renyi, ...(segmenter && { segmenter }), tokenizers: rows };
  if (values.html !== undefined) await writeCompareHtml(values.html as string, data, tokenizers);
  if (values.json) {
    await writeOut(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const parts = [
    `Corpus: ${docs.length} document(s), ${total} bytes, ${evaluations[0].overall.chars} characters, ` +
      `${evaluations[0].overall.words} words; baseline ${baseline}; Rényi α = ${alpha}\n`,
    renderTable(rows),
  ];
  for (const cat of cats) {
    const catRows = rows.map((r) => ({ ...r, ...r.categories[cat] }));
    parts.push(`\nCategory ${cat}\n${renderTable(catRows)}`);
  }
  await writeOut(`${parts.join("\n")}\n`);
}

function numbers(m: Metrics, baselineTokens: number): CompareNumbers {
  return {
    tokens: m.tokens,
    bytes_per_token: m.bytesPerToken,
    chars_per_token: m.charsPerToken,
    fertility: m.fertility,
    continued_words: m.continuedWords,
    renyi_efficiency: m.renyiEfficiency,
    renyi_entropy: m.renyiEntropy,
    normalized_sequence_length: ratio(m.tokens, baselineTokens),
    words: m.words,
    types: m.types,
    vocab_utilisation: m.vocabUtilisation,
    unknown_rate: m.unknownRate,
    unknown_char_rate: m.unknownCharRate,
    byte_fallback_rate: m.byteFallbackRate,
    round_trip_failures: m.roundTripFailures,
    token_length_bytes: m.tokenLengthBytes,
    token_length_chars: m.tokenLengthChars,
  };
}

async function readCorpora(files: string[]): Promise<CorpusDoc[]> {
  const docs: CorpusDoc[] = [];
  for (const file of files) {
    const content = await readTextInput(file);
    try {
      docs.push(...parseCorpus(content, file));
    } catch (e) {
      if (e instanceof CorpusError) throw new CliError(e.message, 1);
      throw e;
    }
  }
  return docs;
}

/** The built-in sample (mixed scripts, code, emoji) and the English UDHR (prose), as categories. */
async function builtinCorpus(): Promise<CorpusDoc[]> {
  const udhr = await loadUdhr({ codes: [UDHR_ENGLISH] });
  return [
    { text: SAMPLE_TEXT, cat: "sample" },
    { text: udhr[UDHR_ENGLISH], cat: "udhr_eng" },
  ];
}

function parseAlpha(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_RENYI_ALPHA;
  const a = Number(raw);
  if (!Number.isFinite(a) || a < 0) throw new CliError(`--alpha must be a number ≥ 0, got "${raw}"`, 2);
  return a;
}

function renderTable(rows: (CompareNumbers & { name: string })[]): string {
  const header = [
    "tokenizer",
    "tokens",
    "bytes/tok",
    "chars/tok",
    "fertility",
    "cont.words",
    "rényi eff",
    "NSL",
    "unk chars",
  ];
  const body = rows.map((r) => [
    r.name,
    String(r.tokens),
    r.bytes_per_token.toFixed(3),
    r.chars_per_token.toFixed(3),
    r.fertility.toFixed(3),
    pct(r.continued_words),
    r.renyi_efficiency.toFixed(4),
    r.normalized_sequence_length.toFixed(3),
    pct(r.unknown_char_rate),
  ]);
  return table([header, ...body]);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/**
 * A text table: the first row is the header. `leftColumns` columns from the left are
 * left-aligned (default 1), the rest right-aligned (numbers). Widths count characters.
 */
export function table(rows: string[][], leftColumns = 1): string {
  const len = (s: string) => [...s].length;
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => len(r[c]))));
  const pad = (cell: string, c: number) => {
    const fill = " ".repeat(widths[c] - len(cell));
    return c < leftColumns ? cell + fill : fill + cell;
  };
  const line = (r: string[]) => r.map(pad).join("  ").trimEnd();
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
