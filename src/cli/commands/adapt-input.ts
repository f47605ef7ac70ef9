import { CliError } from "../errors.js";
import { readTextInput } from "../io.js";

/**
 * The examples of an adapt command's input: each non-empty line of a text file, or the `field`
 * (default `text`) of each record of a `.jsonl` file, as `train` reads them.
 */
export async function readExamples(path: string, field: string | undefined): Promise<string[]> {
  const text = await readTextInput(path);
  const lines = text.split(/\r?\n/);
  if (!/\.jsonl$/i.test(path)) {
    if (field !== undefined) throw new CliError(`--field is for JSONL input (a .jsonl file), not ${path}`, 2);
    return lines.filter((l) => l.length > 0);
  }
  const name = field ?? "text";
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim().length === 0) return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new CliError(`${path}:${i + 1}: not valid JSON`, 1);
    }
    const value = (record as Record<string, unknown> | null)?.[name];
    if (typeof value !== "string") throw new CliError(`${path}:${i + 1}: no string field "${name}"`, 1);
    if (value.length > 0) out.push(value);
  });
  return out;
}

/** A whole-number option at least `min`, or `fallback` when absent; a usage error otherwise. */
export function integerOption(option: string, raw: unknown, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isInteger(n) || n < min) {
    throw new CliError(`${option} must be an integer of at least ${min}, got "${raw}"`, 2);
  }
  return n;
}
