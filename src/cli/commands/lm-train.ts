import { writeFile } from "node:fs/promises";
import { trainNgramLM } from "../../lm/ngram.js";
import { saveNgramLM } from "../../lm/ngram-format.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { wholeOption } from "./lm-options.js";

/**
 * `toklab lm train -t TOK --input FILE... --out MODEL [--order 3]`: an interpolated Kneser-Ney
 * n-gram model of the inputs' lines (each non-empty line one text), written as JSON.
 */
export async function lmTrainCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("lm train"));
  if (positionals.length > 0) throw new CliError(`lm train takes --input FILE, not "${positionals[0]}"`, 2);
  const inputs = (values.input as string[] | undefined) ?? [];
  if (inputs.length === 0) throw new CliError("lm train needs --input FILE (one or more)", 2);
  const out = values.out as string | undefined;
  if (out === undefined || out === "") throw new CliError("lm train needs --out MODEL", 2);
  const order = wholeOption(values.order, "--order", 3, 1, 16);
  const tok = await resolveTokenizer(values.tokenizer as string | undefined, tokenizerOptions(values));
  const texts: string[] = [];
  for (const input of inputs) {
    for (const line of (await readTextInput(input)).split(/\r?\n/)) if (line.trim() !== "") texts.push(line);
  }
  const lm = trainNgramLM(tok, texts, { order });
  try {
    await writeFile(out, saveNgramLM(lm, tok.name));
  } catch (e) {
    throw new CliError(`${out}: ${(e as Error).message}`, 1);
  }
  const sizes = lm.data.histories.map((h) => h.size).join("/");
  await writeOut(`${out}: order ${order}, ${texts.length} texts, histories per order ${sizes}\n`);
}
