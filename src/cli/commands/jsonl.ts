import { CliError } from "../errors.js";
import { forEachLineBatch, openInputStream, writeOut } from "../io.js";

/**
 * Streams a JSONL input (a file, or stdin for `-`): each line is parsed, given to `handle`, and
 * what `handle` returns is written as one output line, in order, as the input arrives (a batch
 * of lines per chunk read), so the input is never held whole. A line that is not valid JSON, or
 * that `handle` rejects (returns `null`), stops with exit 1 naming the line, after the output of
 * every line before it was written.
 */
export async function streamJsonLines(
  source: string,
  expected: string,
  handle: (value: unknown) => string | null,
): Promise<void> {
  const name = source === "-" ? "<stdin>" : source;
  await forEachLineBatch(await openInputStream(source), source, async (lines, first) => {
    const out: string[] = [];
    let failure: CliError | undefined;
    for (let i = 0; i < lines.length; i++) {
      let value: unknown;
      try {
        value = JSON.parse(lines[i]);
      } catch {
        failure = new CliError(`${name}:${first + i}: not ${expected}`, 1);
        break;
      }
      let result: string | null;
      try {
        result = handle(value);
      } catch (e) {
        failure = new CliError(`${name}:${first + i}: ${(e as Error).message}`, 1);
        break;
      }
      if (result === null) {
        failure = new CliError(`${name}:${first + i}: not ${expected}`, 1);
        break;
      }
      out.push(result);
    }
    if (out.length > 0) await writeOut(`${out.join("\n")}\n`);
    if (failure !== undefined) throw failure;
  });
}
