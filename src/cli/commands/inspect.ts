import { parseCommandArgs } from "../args.js";
import { writeOut } from "../io.js";
import { resolveTokenizer, TOKENIZER_OPTIONS, tokenizerOptions } from "../resolve.js";

/** What `inspect --json` prints. */
export interface InspectReport {
  tokenizer: string;
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
}

/**
 * `toklab inspect -t T [--json]`: the pipeline of a tokenizer (for tokenizer.json: normalizer,
 * pre-tokenizer, model, post-processor, decoder), its vocabulary size and special tokens.
 */
export async function inspectCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, { ...TOKENIZER_OPTIONS, json: { type: "boolean" } });
  const spec = values.tokenizer as string | undefined;
  const tok = await resolveTokenizer(spec, tokenizerOptions(values));
  const description = tok.describe();
  const report: InspectReport = {
    tokenizer: spec!,
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
  for (const [stage, component] of Object.entries(report.pipeline))
    lines.push(`${stage}: ${component ?? "none"}`);
  lines.push(`vocab size: ${report.vocabSize}`);
  const specials = Object.entries(report.specialTokens);
  lines.push(`special tokens (${specials.length}):${specials.map(([t, id]) => ` ${t}=${id}`).join("")}`);
  const extra = Object.entries(report.addedTokens);
  if (extra.length > 0)
    lines.push(
      `added tokens (${extra.length}):${extra.map(([t, id]) => ` ${JSON.stringify(t)}=${id}`).join("")}`,
    );
  if (report.truncation) lines.push(`truncation: ${JSON.stringify(report.truncation)}`);
  if (report.padding) lines.push(`padding: ${JSON.stringify(report.padding)}`);
  await writeOut(`${lines.join("\n")}\n`);
}
