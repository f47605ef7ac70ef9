import type { Tokenizer } from "../../core/tokenizer.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { streamJsonLines } from "./jsonl.js";

/**
 * `toklab decode -t T [FILE]`: the input is ids (a JSON array, or integers separated by
 * whitespace or commas) and the output their text; with `--jsonl`, each input line is a JSON
 * array of ids and each output line the decoded JSON string, streamed line by line.
 */
export async function decodeCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("decode"));
  if (positionals.length > 1)
    throw new CliError(`decode takes at most one FILE (got ${positionals.length})`, 2);
  const enc = await resolveTokenizer(values.tokenizer as string | undefined, tokenizerOptions(values));
  const source = positionals[0] ?? "-";
  if (values.jsonl) {
    await streamJsonLines(source, "a JSON array of token ids", (value) =>
      isIdArray(value) ? JSON.stringify(enc.decode(value)) : null,
    );
    return;
  }
  const ids = parseIdList(await readTextInput(source), source);
  await writeOut(decodeChecked(enc, ids, source));
}

function isIdArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0);
}

/** Accepts `[1, 2, 3]`, `1 2 3` or `1,2,3` (any mix of whitespace and commas). */
function parseIdList(input: string, source: string): number[] {
  const trimmed = input.trim();
  if (trimmed.startsWith("[") !== trimmed.endsWith("]")) {
    throw new CliError(`${source === "-" ? "<stdin>" : source}: an unclosed [ ... ] list of token ids`, 1);
  }
  const body = trimmed.replace(/^\[/, "").replace(/\]$/, "");
  if (body.trim() === "") return [];
  const ids: number[] = [];
  for (const word of body.split(/[\s,]+/)) {
    if (word === "") continue;
    if (!/^\d+$/.test(word))
      throw new CliError(`${source === "-" ? "<stdin>" : source}: "${word}" is not a token id`, 1);
    ids.push(Number(word));
  }
  return ids;
}

function decodeChecked(enc: Tokenizer, ids: number[], source: string): string {
  try {
    return enc.decode(ids);
  } catch (e) {
    throw new CliError(`${source === "-" ? "<stdin>" : source}: ${(e as Error).message}`, 1);
  }
}
