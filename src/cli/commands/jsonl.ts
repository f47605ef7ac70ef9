import { CliError } from "../errors.js";
import { writeOut } from "../io.js";

/** Output is flushed in blocks of about this many lines so that huge inputs stream. */
const FLUSH_LINES = 4096;

/**
 * Runs `handle` on every line of a JSONL input, in order, writing what it pushes as output
 * lines. A final empty line (the newline that ends the file) is not a record; any other line
 * that is not valid JSON, or that `handle` rejects, stops with an error naming the line.
 */
export async function forEachJsonLine(
  input: string,
  source: string,
  expected: string,
  handle: (value: unknown, out: string[]) => boolean,
): Promise<void> {
  const lines = input.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  let out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch {
      throw new CliError(`${source === "-" ? "<stdin>" : source}:${i + 1}: not ${expected}`, 1);
    }
    if (!handle(value, out))
      throw new CliError(`${source === "-" ? "<stdin>" : source}:${i + 1}: not ${expected}`, 1);
    if (out.length >= FLUSH_LINES) {
      await writeOut(`${out.join("\n")}\n`);
      out = [];
    }
  }
  if (out.length > 0) await writeOut(`${out.join("\n")}\n`);
}
