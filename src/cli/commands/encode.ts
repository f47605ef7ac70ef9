import type { EncodeOptions } from "../../core/tokenizer.js";
import { utf8Length } from "../../eval/text.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { Progress } from "../progress.js";
import { resolveTokenizer, TOKENIZER_OPTIONS, tokenizerOptions } from "../resolve.js";
import { forEachJsonLine } from "./jsonl.js";

/**
 * `toklab encode -t T [FILE]`: prints the ids of the whole input separated by spaces, or with
 * `--jsonl`, one JSON array of ids per input line (each line a JSON string). Special-token
 * text is ordinary text unless `--allow-special`; `--add-special` adds the model's template
 * tokens (BOS/EOS).
 */
export async function encodeCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...TOKENIZER_OPTIONS,
    jsonl: { type: "boolean" },
    "allow-special": { type: "boolean" },
    "add-special": { type: "boolean" },
  });
  if (positionals.length > 1) throw new CliError("encode takes at most one FILE", 2);
  const tok = await resolveTokenizer(values.tokenizer as string | undefined, tokenizerOptions(values));
  const source = positionals[0] ?? "-";
  const input = await readTextInput(source);
  const options = specialOptions(values);
  const encode = (s: string, onProgress?: (position: number) => void) =>
    tok.encode(s, { ...options, onProgress });
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

/**
 * Encode options from `--allow-special` (special-token text becomes special tokens; otherwise it
 * is ordinary text) and `--add-special` (the model's template: BOS, EOS...).
 */
export function specialOptions(values: Record<string, unknown>): EncodeOptions {
  return {
    ...(values["allow-special"] === true ? { allowedSpecial: "all" as const } : { disallowedSpecial: [] }),
    addSpecialTokens: values["add-special"] === true,
  };
}
