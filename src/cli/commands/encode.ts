import type { Encoding } from "../../core/index.js";
import { utf8Length } from "../../eval/text.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { Progress } from "../progress.js";
import { resolveAnyTokenizer, TOKENIZER_OPTIONS, tiktokenOptions } from "../resolve.js";
import { forEachJsonLine } from "./jsonl.js";

/**
 * `toklab encode -t T [FILE]`: prints the ids of the whole input separated by spaces, or with
 * `--jsonl`, one JSON array of ids per input line (each line a JSON string). Special-token
 * text is ordinary text unless `--allow-special`.
 */
export async function encodeCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...TOKENIZER_OPTIONS,
    jsonl: { type: "boolean" },
    "allow-special": { type: "boolean" },
    "add-special": { type: "boolean" },
  });
  if (positionals.length > 1) throw new CliError("encode takes at most one FILE", 2);
  const enc = await resolveAnyTokenizer(values.tokenizer as string | undefined, tiktokenOptions(values));
  const source = positionals[0] ?? "-";
  const input = await readTextInput(source);
  // --allow-special (tiktoken) and --add-special (Hugging Face: apply the template) both ask
  // for the tokenizer's "with specials" encoding.
  const special = Boolean(values["allow-special"] || values["add-special"]);
  const encode = (s: string, onProgress?: (position: number) => void) =>
    special ? enc.encodeWithSpecial(s, onProgress) : enc.encodeOrdinary(s, onProgress);
  if (values.jsonl) {
    await forEachJsonLine(input, source, "a JSON string", (value, out) => {
      if (typeof value !== "string") return false;
      out.push(`[${encode(value).join(",")}]`);
      return true;
    });
    return;
  }
  // Progress is shown in bytes of input; the encoder reports UTF-16 positions.
  const bytes = utf8Length(input);
  const progress = new Progress("encoding", bytes);
  const ids = encode(input, (pos) => progress.update((bytes * pos) / Math.max(input.length, 1)));
  progress.done();
  await writeOut(`${ids.join(" ")}\n`);
}

export type { Encoding };
