import { groupTokens } from "../../analyze/token-groups.js";
import type { EncodeOptions, Tokenizer } from "../../core/tokenizer.js";
import { utf8Length } from "../../eval/text.js";
import { type OptionValues, parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { Progress } from "../progress.js";
import { renderPieces, renderTokenLines, useColor } from "../render-tokens.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { streamJsonLines } from "./jsonl.js";

/** One token of `encode --json`. */
export interface EncodedToken {
  id: number;
  /** The text the token stands for: `text.slice(start, end)` (empty for a template token). */
  text: string;
  /** The token as the vocabulary spells it (`Ġworld`, `▁the`, `<0x0A>`). */
  piece: string;
  /** The bytes the token stands for. */
  bytes: number[];
  /** UTF-16 offsets of its text in the input. */
  start: number;
  end: number;
}

/**
 * `toklab encode -t T [FILE | --text TEXT]`: prints the ids of the whole input separated by
 * spaces; `--tokens` / `--pieces` show the tokens, `--json` gives ids with text, bytes and
 * offsets. With `--jsonl`, one JSON array of ids per input line (each line a JSON string),
 * streamed. Special-token text is ordinary text unless `--allow-special`; `--add-special` adds
 * the model's template tokens (BOS/EOS).
 */
export async function encodeCommand(argv: string[]): Promise<void> {
  const spec = commandSpec("encode");
  const { values, positionals } = parseCommandArgs(argv, spec);
  const views = (["tokens", "pieces", "json", "jsonl"] as const).filter((v) => values[v] === true);
  if (views.length > 1) throw new CliError(`encode: give one of --${views.join(", --")}`, 2);
  const view = views[0];
  const source = inputSource("encode", values, positionals, { files: 1 });
  if (view === "jsonl" && source.text !== undefined) {
    throw new CliError("encode: --jsonl reads lines from FILE or stdin; give --text without --jsonl", 2);
  }
  const tok = await resolveTokenizer(values.tokenizer as string | undefined, tokenizerOptions(values));
  const options = specialOptions(values);
  if (view === "jsonl") {
    await streamJsonLines(source.file, "a JSON string", (value) =>
      typeof value === "string" ? `[${tok.encode(value, options).join(",")}]` : null,
    );
    return;
  }
  const input = source.text ?? (await readTextInput(source.file));
  if (view === "json") {
    await writeOut(`${JSON.stringify(encodeWithTokens(tok, input, options))}\n`);
    return;
  }
  // Progress is shown in bytes of input; the encoder reports UTF-16 positions.
  const bytes = utf8Length(input);
  const progress = new Progress("encoding", bytes, "bytes");
  const ids = tok.encode(input, {
    ...options,
    onProgress: (pos) => progress.update((bytes * pos) / Math.max(input.length, 1)),
  });
  progress.done();
  if (view === "tokens" || view === "pieces") {
    const groups = groupTokens(tok, ids);
    const color = useColor(process.stdout);
    await writeOut(
      view === "tokens"
        ? `${renderTokenLines(groups, color)}\n`
        : `${renderPieces(groups, color)}\n${ids.join(" ")}\n`,
    );
    return;
  }
  await writeOut(`${ids.join(" ")}\n`);
}

/** `encode --json`: the ids, and each token's text, piece, bytes and offsets. */
function encodeWithTokens(
  tok: Tokenizer,
  text: string,
  options: EncodeOptions,
): { ids: number[]; tokens: EncodedToken[] } {
  const { ids, starts, ends } = tok.encodeWithOffsets(text, options);
  const tokens = ids.map((id, i) => ({
    id,
    text: text.slice(starts[i], ends[i]),
    piece: tok.token(id)?.piece ?? "",
    bytes: Array.from(tok.tokenBytes(id)),
    start: starts[i],
    end: ends[i],
  }));
  return { ids, tokens };
}

/**
 * Where a command's text comes from: `--text TEXT`, or FILE arguments (at most `files`; stdin,
 * `-`, when none). `--text` with a FILE is a usage error.
 */
export function inputSource(
  command: string,
  values: OptionValues,
  positionals: readonly string[],
  { files }: { files: number },
): { text?: string; file: string; files: string[] } {
  const text = values.text as string | undefined;
  if (text !== undefined && positionals.length > 0) {
    throw new CliError(
      `${command}: give --text or FILE, not both (got --text and ${JSON.stringify(positionals[0])})`,
      2,
    );
  }
  if (positionals.length > files) {
    throw new CliError(`${command} takes at most one FILE (got ${positionals.length})`, 2);
  }
  const list = positionals.length > 0 ? [...positionals] : ["-"];
  return { text, file: list[0], files: list };
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
