import type { Tokenizer } from "../core/tokenizer.js";
import { HfJsonError } from "../formats/hf/errors.js";
import { TokenizerSpecError } from "../formats/load.js";
import { SentencePieceModelError } from "../formats/sentencepiece/errors.js";
import { type LoadTokenizerOptions, loadTokenizer, TOKENIZER_SPEC_HELP } from "../node/load-tokenizer.js";
import { CliError } from "./errors.js";

/**
 * Turns a `-t` argument into a {@link Tokenizer} with the library's `loadTokenizer`, named as
 * the user wrote it. A spec that names nothing is a usage error (exit 2); a file that cannot be
 * read is exit 1.
 */
export async function resolveTokenizer(
  spec: string | undefined,
  options: LoadTokenizerOptions = {},
): Promise<Tokenizer> {
  if (spec === undefined || spec === "")
    throw new CliError(`missing -t TOKENIZER: ${TOKENIZER_SPEC_HELP}`, 2);
  try {
    return await loadTokenizer(spec, { name: spec, ...options });
  } catch (e) {
    if (e instanceof TokenizerSpecError) throw new CliError(e.message, 2);
    if (e instanceof HfJsonError || e instanceof SentencePieceModelError) {
      throw new CliError(`${spec}: ${e.message}`, 1);
    }
    throw new CliError((e as Error).message, 1);
  }
}

/** The loader options (`--preset`, `--pattern`, `--merges`, `--download`) out of parsed arguments. */
export function tokenizerOptions(values: Record<string, unknown>): LoadTokenizerOptions {
  return {
    preset: typeof values.preset === "string" ? values.preset : undefined,
    pattern: typeof values.pattern === "string" ? values.pattern : undefined,
    merges: typeof values.merges === "string" ? values.merges : undefined,
    download: values.download === true,
  };
}
