import { type AuditExample, auditVocabulary, type VocabularyAudit } from "../../analyze/index.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { Progress } from "../progress.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";

/** The counts the summary prints, with what each means, in order. */
const COUNT_LINES: [keyof VocabularyAudit, string][] = [
  ["ok", "re-encode to themselves"],
  ["unreachable_single", "re-encode to one other token"],
  ["unreachable_multi", "re-encode to several tokens"],
  ["undecodable", "not valid UTF-8 alone"],
  ["special", "special tokens"],
  ["added", "non-special added tokens"],
  ["partial_utf8", "2+ bytes, not valid UTF-8"],
  ["non_utf8_bytes", "single bytes 0x80-0xFF"],
  ["byte_fallback", "<0xAB> byte tokens"],
  ["byte_fallback_duplicates", "byte tokens that duplicate a one-byte token"],
  ["pretokenizer_unreachable", "text cut by the pretokenizer"],
];

function exampleText(e: AuditExample): string {
  const shown = JSON.stringify(e.text);
  return e.reencoded === undefined ? `${e.id} ${shown}` : `${e.id} ${shown}→[${e.reencoded.join(",")}]`;
}

function summary(a: VocabularyAudit): string {
  const lines = [`tokenizer: ${a.tokenizer} (${a.format}, ${a.scheme}), ${a.tokens} tokens`];
  const width = Math.max(...COUNT_LINES.map(([k]) => k.length));
  for (const [key, meaning] of COUNT_LINES) {
    const n = a[key] as number;
    const examples = (a.examples[key] ?? []).map(exampleText).join("  ");
    lines.push(
      `  ${key.padEnd(width)} ${String(n).padStart(7)}  ${meaning}${examples ? `: ${examples}` : ""}`,
    );
  }
  const total = Object.values(a.scripts).reduce((s, n) => s + n, 0);
  const percent = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;
  lines.push("scripts:");
  for (const [script, n] of Object.entries(a.scripts))
    lines.push(`  ${script.padEnd(width)} ${String(n).padStart(7)}  ${percent(n)}`);
  lines.push("categories (overlapping):");
  for (const [category, n] of Object.entries(a.categories)) {
    const examples = (a.examples[category] ?? []).map(exampleText).join("  ");
    lines.push(`  ${category.padEnd(width)} ${String(n).padStart(7)}${examples ? `  ${examples}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `toklab audit -t T [--json] [--examples N]`: the vocabulary audit of one tokenizer (see
 * docs/decisions/0017-vocabulary-audit.md). `--json` prints {@link VocabularyAudit}: integer
 * counts at the top level (`partial_utf8`, `unreachable_multi`, ...), then `scripts`,
 * `categories` and `examples`.
 */
export async function auditCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("audit"));
  if (positionals.length > 0) throw new CliError(`audit: unexpected argument "${positionals[0]}"`, 2);
  const spec = values.tokenizer as string | undefined;
  const examples = values.examples === undefined ? 5 : Number(values.examples);
  if (!Number.isInteger(examples) || examples < 0) {
    throw new CliError(`--examples must be a whole number ≥ 0, got "${values.examples}"`, 2);
  }
  const tok = await resolveTokenizer(spec, tokenizerOptions(values));
  let progress: Progress | undefined;
  const audit = auditVocabulary(tok, {
    examples,
    onProgress: (done, total) => {
      progress ??= new Progress("auditing", total, "tokens");
      progress.update(done);
    },
  });
  progress?.done();
  await writeOut(values.json ? `${JSON.stringify(audit)}\n` : summary(audit));
}
