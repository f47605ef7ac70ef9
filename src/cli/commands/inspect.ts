import { existsSync } from "node:fs";
import { findEncodingNameForModel, isEncodingName } from "../../encodings/index.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { visibleWhitespace } from "../render-tokens.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";

/** What `inspect --json` prints. */
export interface InspectReport {
  tokenizer: string;
  /** The built-in encoding a model name (`-t gpt-4o`) stands for. */
  encoding?: string;
  /** The file format: `tiktoken`, `huggingface`... */
  format: string;
  /** Stage → component (nested sequences in parentheses); `null` for an absent stage. */
  pipeline: Record<string, string | null>;
  /** One more than the largest token id (the size of an embedding matrix). */
  vocabSize: number;
  specialTokens: Record<string, number>;
  /** Added tokens that are not special (Hugging Face). */
  addedTokens: Record<string, number>;
  truncation?: unknown;
  padding?: unknown;
  /** What a GGUF file's metadata set: model, pre-tokenizer name, BOS/EOS and whether added. */
  gguf?: Record<string, unknown>;
}

/** Lists longer than this are summarized in the text output (`--json` keeps every token). */
const LIST_ALL_UP_TO = 20;
/** Tokens shown one by one in a summarized list. */
const SHOWN = 12;
/** Tokens of one shape (`<|reserved_N|>`, a run of newlines) counted together from this many. */
const RUN = 4;

/**
 * `toklab inspect -t T [--json]`: the pipeline of a tokenizer (for tokenizer.json: normalizer,
 * pre-tokenizer, model, post-processor, decoder), its vocabulary size and special tokens; a model
 * name says which encoding it is. Long token lists are summarized; `--json` has them all.
 */
export async function inspectCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("inspect"));
  if (positionals.length > 0) throw new CliError(`inspect: unexpected argument "${positionals[0]}"`, 2);
  const spec = values.tokenizer as string | undefined;
  const tok = await resolveTokenizer(spec, tokenizerOptions(values));
  const description = tok.describe();
  const encoding = modelEncoding(spec!);
  const report: InspectReport = {
    tokenizer: spec!,
    ...(encoding === undefined ? {} : { encoding }),
    format: tok.format,
    pipeline: { ...description.pipeline },
    vocabSize: tok.vocabSize,
    specialTokens: { ...tok.specialTokens },
    addedTokens: { ...description.addedTokens },
    ...description.settings,
  };
  if (values.json) {
    await writeOut(`${JSON.stringify(report)}\n`);
    return;
  }
  const lines = [`tokenizer: ${report.tokenizer} (${report.format})`];
  if (encoding !== undefined) lines.push(`encoding: ${encoding} (the model's, by tiktoken's model rules)`);
  for (const [stage, component] of Object.entries(report.pipeline))
    lines.push(`${stage}: ${component ?? "none"}`);
  lines.push(`vocab size: ${report.vocabSize}`);
  lines.push(...tokenList("special tokens", report.specialTokens, (t) => t));
  lines.push(...tokenList("added tokens", report.addedTokens, (t) => JSON.stringify(t)));
  if (report.truncation) lines.push(`truncation: ${JSON.stringify(report.truncation)}`);
  if (report.padding) lines.push(`padding: ${JSON.stringify(report.padding)}`);
  if (report.gguf) {
    const settings = Object.entries(report.gguf).map(([k, v]) => `${k}=${v}`);
    lines.push(`gguf: ${settings.join(" ")}`);
  }
  await writeOut(`${lines.join("\n")}\n`);
}

/** The encoding a model name stands for (`gpt-4o` → o200k_base), unless it is a file. */
function modelEncoding(spec: string): string | undefined {
  if (isEncodingName(spec) || existsSync(spec)) return undefined;
  return findEncodingNameForModel(spec) ?? findEncodingNameForModel(spec.toLowerCase());
}

/**
 * A token list for the text output: on one line when short; else tokens of one shape (digits
 * as N, runs of one character) counted together, the first few others shown, and a count.
 */
function tokenList(title: string, tokens: Record<string, number>, show: (t: string) => string): string[] {
  const entries = Object.entries(tokens).sort((a, b) => a[1] - b[1]);
  if (entries.length === 0) return title === "special tokens" ? [`${title} (0):`] : [];
  const item = ([t, id]: [string, number]) => `${show(t)}=${id}`;
  if (entries.length <= LIST_ALL_UP_TO)
    return [`${title} (${entries.length}): ${entries.map(item).join(" ")}`];
  const shapes = new Map<string, [string, number][]>();
  for (const e of entries) {
    const s = shapeOf(e[0]);
    shapes.set(s, [...(shapes.get(s) ?? []), e]);
  }
  const runs = [...shapes].filter(([, members]) => members.length >= RUN);
  const inRun = new Set(runs.flatMap(([, members]) => members.map(([t]) => t)));
  const single = entries.filter(([t]) => !inRun.has(t));
  const lines = [`${title} (${entries.length}, --json lists them all):`];
  if (single.length > 0) {
    const more = single.length > SHOWN ? ` … and ${single.length - SHOWN} more` : "";
    lines.push(`  ${single.slice(0, SHOWN).map(item).join(" ")}${more}`);
  }
  for (const [shape, members] of runs) {
    const ids = members.map(([, id]) => id);
    lines.push(`  ${shape} ×${members.length} (ids ${ids[0]}…${ids[ids.length - 1]})`);
  }
  return lines;
}

/** `<|reserved_200013|>` → `<|reserved_N|>`; `\n\n\n` → `↵…` (a run of one character). */
function shapeOf(token: string): string {
  const chars = [...token];
  if (chars.length >= 2 && chars.every((c) => c === chars[0]))
    return `${visibleWhitespace(chars[0])}… (runs)`;
  return visibleWhitespace(token.replace(/\d+/g, "N"));
}
