import { ORDINARY } from "../../core/tokenizer.js";
import { listEncodings } from "../../encodings/index.js";
import { codePointLength, utf8Length } from "../../eval/text.js";
import { parseCommandArgs } from "../args.js";
import { writeOut } from "../io.js";
import { resolveTokenizer, TOKENIZER_OPTIONS, tokenizerOptions } from "../resolve.js";
import { SAMPLE_TEXT } from "../sample.js";

/** One row of the default job's table. */
export interface SampleRow {
  tokenizer: string;
  tokens: number;
  bytes_per_token: number;
  chars_per_token: number;
  round_trip: boolean;
}

/**
 * The default job: counts the built-in sample with every built-in encoding (or `-t A,B`) and
 * prints a table of tokens, bytes/token and characters/token, checking that each round-trips.
 */
export async function sampleCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, {
    ...TOKENIZER_OPTIONS,
    json: { type: "boolean" },
  });
  const names = values.tokenizer ? String(values.tokenizer).split(",") : listEncodings();
  const bytes = utf8Length(SAMPLE_TEXT);
  const chars = codePointLength(SAMPLE_TEXT);
  const rows: SampleRow[] = [];
  for (const name of names) {
    const enc = await resolveTokenizer(name, tokenizerOptions(values));
    const ids = enc.encode(SAMPLE_TEXT, ORDINARY);
    rows.push({
      tokenizer: name,
      tokens: ids.length,
      bytes_per_token: round(bytes / ids.length),
      chars_per_token: round(chars / ids.length),
      round_trip: enc.decode(ids) === SAMPLE_TEXT,
    });
  }
  if (values.json) {
    await writeOut(`${JSON.stringify({ sample: { bytes, chars }, tokenizers: rows }, null, 2)}\n`);
    return;
  }
  const header = ["tokenizer", "tokens", "bytes/token", "chars/token", "round trip"];
  const body = rows.map((r) => [
    r.tokenizer,
    String(r.tokens),
    r.bytes_per_token.toFixed(2),
    r.chars_per_token.toFixed(2),
    r.round_trip ? "ok" : "FAILED",
  ]);
  await writeOut(`Built-in sample: ${bytes} bytes, ${chars} characters\n\n${table([header, ...body])}\n`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Left-aligns the first column and right-aligns the rest. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
