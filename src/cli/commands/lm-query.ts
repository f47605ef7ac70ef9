import type { Tokenizer } from "../../core/tokenizer.js";
import { createByteLevelLM } from "../../lm/byte-level.js";
import { ensembleByteLM } from "../../lm/ensemble.js";
import { loadNgramLM } from "../../lm/ngram-format.js";
import { type ByteLM, LmError } from "../../lm/types.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { numberOption, showByte, wholeOption } from "./lm-options.js";

const utf8 = new TextEncoder();

/**
 * The byte-level model and the prompt of a query, checked: `-t` with `--model`, or with
 * `--ensemble TOKENIZER=MODEL` too, the two combined (`--ensemble-mode mixture|product`).
 */
async function open(
  argv: string[],
  command: "next-bytes" | "sample",
): Promise<{ bl: ByteLM; prompt: string; values: Record<string, unknown> }> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec(`lm ${command}`));
  if (positionals.length > 0)
    throw new CliError(`lm ${command} takes --prompt TEXT, not "${positionals[0]}"`, 2);
  const prompt = values.prompt;
  if (typeof prompt !== "string") throw new CliError(`lm ${command} needs --prompt TEXT`, 2);
  const modelPath = values.model;
  if (typeof modelPath !== "string")
    throw new CliError(`lm ${command} needs --model MODEL (from toklab lm train)`, 2);
  const mode = values["ensemble-mode"] ?? "mixture";
  if (mode !== "mixture" && mode !== "product") {
    throw new CliError(`--ensemble-mode is mixture or product, not "${String(mode)}"`, 2);
  }
  const other = values.ensemble === undefined ? undefined : String(values.ensemble);
  const at = other === undefined ? -1 : other.lastIndexOf("=");
  if (other !== undefined && (at <= 0 || at === other.length - 1)) {
    throw new CliError(`--ensemble takes TOKENIZER=MODEL, not "${other}"`, 2);
  }
  const tok = await resolveTokenizer(values.tokenizer as string | undefined, tokenizerOptions(values));
  const first = await byteModel(tok, modelPath, values.fast === true);
  if (other === undefined) return { bl: first, prompt, values };
  const otherTok = await resolveTokenizer(other.slice(0, at));
  const second = await byteModel(otherTok, other.slice(at + 1), values.fast === true);
  return { bl: ensembleByteLM([first, second], { mode }), prompt, values };
}

/** The byte-level model of a model file over `tok`. */
async function byteModel(tok: Tokenizer, modelPath: string, fast: boolean): Promise<ByteLM> {
  try {
    const { lm } = loadNgramLM(await readTextInput(modelPath));
    // --fast: skip the canonical check of each cover's last token (docs/decisions/0033).
    return createByteLevelLM(tok, lm, { checkLastToken: !fast });
  } catch (e) {
    if (e instanceof LmError) throw new CliError(`${modelPath}: ${e.message}`, 1);
    throw e;
  }
}

async function lmCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof LmError) throw new CliError(e.message, 1);
    throw e;
  }
}

/**
 * `toklab lm next-bytes -t TOK --model M --prompt TEXT [--top N] [--json] [--fast]`: the
 * distribution of the byte after the prompt, likeliest first.
 */
export async function lmNextBytesCommand(argv: string[]): Promise<void> {
  const { bl, prompt, values } = await open(argv, "next-bytes");
  const top = wholeOption(values.top, "--top", 10, 1, 256);
  const next = await lmCall(() => bl.nextByteLogProbs(utf8.encode(prompt)));
  const order = [...next.keys()]
    .filter((b) => next[b] > Number.NEGATIVE_INFINITY)
    .sort((a, b) => next[b] - next[a]);
  if (values.json === true) {
    const bytes = order.map((byte) => ({
      byte,
      char: showByte(byte),
      logprob: next[byte],
      p: Math.exp(next[byte]),
    }));
    await writeOut(`${JSON.stringify({ prompt, next: bytes })}\n`);
    return;
  }
  const lines = order.slice(0, top).map((b) => `${showByte(b).padEnd(6)} ${Math.exp(next[b]).toFixed(6)}`);
  await writeOut(`${lines.join("\n")}\n`);
}

/**
 * `toklab lm sample -t TOK --model M --prompt TEXT [--max-bytes N] [--temperature T] [--seed S]`:
 * bytes generated after the prompt, one at a time, printed as text (ending on a whole character).
 */
export async function lmSampleCommand(argv: string[]): Promise<void> {
  const { bl, prompt, values } = await open(argv, "sample");
  const maxBytes = wholeOption(values["max-bytes"], "--max-bytes", 32, 0, 1 << 20);
  const temperature = numberOption(values.temperature, "--temperature", 1);
  const seed = wholeOption(values.seed, "--seed", 0, 0, 2 ** 31);
  const out = await lmCall(() =>
    bl.sample(utf8.encode(prompt), { maxBytes, temperature, seed, wholeCharacters: true }),
  );
  const text = new TextDecoder().decode(out);
  await writeOut(values.json === true ? `${JSON.stringify({ prompt, text })}\n` : `${prompt}${text}\n`);
}
