import { getEncoding, listEncodings, modelsOfEncoding } from "../../encodings/index.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { writeOut } from "../io.js";
import { commandSpec } from "../spec.js";

/** One row of `list --json`. */
export interface ListRow {
  name: string;
  /** One more than the largest id. */
  vocab_size: number;
  special_tokens: number;
  /** Model names that map to this encoding exactly (tiktoken's rules). */
  models: string[];
  /** Model name prefixes that map to it (`gpt-4o-` covers gpt-4o-mini, gpt-4o-2024-08-06...). */
  model_prefixes: string[];
}

/**
 * `toklab list [--json]`: each built-in encoding with its vocabulary size, its number of special
 * tokens and the model names that map to it (src/encodings/models.ts, tiktoken's rules).
 */
export async function listCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("list"));
  if (positionals.length > 0) throw new CliError(`list: unexpected argument "${positionals[0]}"`, 2);
  const rows: ListRow[] = [];
  for (const name of listEncodings()) {
    const enc = await getEncoding(name);
    const { names, prefixes } = modelsOfEncoding(name);
    rows.push({
      name,
      vocab_size: enc.vocabSize,
      special_tokens: Object.keys(enc.specialTokens).length,
      models: names,
      model_prefixes: prefixes,
    });
  }
  if (values.json) {
    await writeOut(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const nameWidth = Math.max(...rows.map((r) => r.name.length));
  const sizeWidth = Math.max(...rows.map((r) => r.vocab_size.toLocaleString("en-US").length));
  const specialWidth = "special".length;
  const indent = nameWidth + sizeWidth + specialWidth + 6;
  const header = `${"encoding".padEnd(nameWidth)}  ${"vocab".padStart(sizeWidth)}  ${"special".padStart(specialWidth)}  models`;
  const lines = [header];
  for (const r of rows) {
    const models = [...r.models, ...r.model_prefixes.map((p) => `${p}*`)];
    const wrapped = wrapList(models, 100 - indent);
    lines.push(
      `${r.name.padEnd(nameWidth)}  ${r.vocab_size.toLocaleString("en-US").padStart(sizeWidth)}  ` +
        `${String(r.special_tokens).padStart(specialWidth)}  ${wrapped[0] ?? ""}`,
      ...wrapped.slice(1).map((l) => `${" ".repeat(indent)}${l}`),
    );
  }
  lines.push(
    "",
    "-t takes an encoding or any of these model names (name* stands for names starting so: gpt-4o-mini).",
  );
  await writeOut(`${lines.join("\n")}\n`);
}

/** `items` joined by ", " into lines of at most `width` characters. */
function wrapList(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line === "" ? item : `${line}, ${item}`;
    if (line !== "" && next.length + 1 > width) {
      lines.push(`${line},`);
      line = item;
    } else line = next;
  }
  if (line !== "") lines.push(line);
  return lines;
}
