import { LzwDecoder, LzwEncoder } from "../../adapt/lzw.js";
import { ORDINARY } from "../../core/tokenizer.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { integerOption } from "./adapt-input.js";

/**
 * `toklab lzw -t TOK [--max-run N] [--codebook N] [FILE] [--json]`: LZW hypertokens over the
 * text's ids (zip2zip, Geng et al. 2025; docs/adapt.md).
 */
export async function lzwCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("lzw"));
  if (positionals.length > 1) throw new CliError(`lzw: one FILE at most, got "${positionals[1]}" too`, 2);
  const maxRun = integerOption("--max-run", values["max-run"], 4, 2);
  const codebookSize = integerOption("--codebook", values.codebook, 1024, 0);
  const tok = await resolveTokenizer(values.tokenizer as string | undefined, tokenizerOptions(values));
  const path = positionals[0] ?? "-";
  const text = await readTextInput(path);
  const ids = tok.encode(text, ORDINARY);
  const options = { vocabSize: tok.vocabSize, maxRun, codebookSize };
  const enc = new LzwEncoder(options);
  const codes = [...enc.write(ids), ...enc.end()];
  const back = new LzwDecoder(options).write(codes);
  if (back.length !== ids.length || back.some((t, i) => t !== ids[i])) {
    throw new Error("lzw: decoding did not give the ids back (a bug; please report it)");
  }
  const bytes = new TextEncoder().encode(text).length;
  const out = {
    tokenizer: tok.name,
    bytes,
    base_tokens: ids.length,
    hyper_tokens: codes.length,
    codebook_used: enc.codebookSize,
    reduction: ids.length === 0 ? 0 : 1 - codes.length / ids.length,
    bytes_per_token: codes.length === 0 ? 0 : bytes / codes.length,
    bytes_per_base_token: ids.length === 0 ? 0 : bytes / ids.length,
  };
  if (values.json) {
    await writeOut(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  await writeOut(
    `${tok.name}: ${out.base_tokens} base tokens → ${out.hyper_tokens} hypertokens ` +
      `(${(100 * out.reduction).toFixed(1)}% shorter; ${out.codebook_used} codes of ${codebookSize}, runs ≤ ${maxRun})\n` +
      `bytes per token ${out.bytes_per_base_token.toFixed(2)} → ${out.bytes_per_token.toFixed(2)}\n`,
  );
}
