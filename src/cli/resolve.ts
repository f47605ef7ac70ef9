import { basename } from "node:path";
import type { Encoding } from "../core/index.js";
import { findEncodingNameForModel, getEncoding, isEncodingName, listEncodings } from "../encodings/index.js";
import { loadTiktokenFile } from "../node/tiktokenFile.js";
import { CliError } from "./errors.js";

/** How to complete a `.tiktoken` path, which stores ranks but no pattern or special tokens. */
export interface ResolveOptions {
  /** A built-in encoding whose pattern and special tokens to use (`--preset`). */
  preset?: string;
  /** A pretokenization regex in tiktoken syntax (`--pattern`); overrides the preset's. */
  pattern?: string;
}

/**
 * Turns a `-t` argument into an encoding: a built-in name, a model name, or a path to a
 * `.tiktoken` rank file. Anything else is a usage error (exit 2) listing what is available.
 * A `.tiktoken` file named after a built-in encoding (`o200k_base.tiktoken`) takes that
 * encoding's pattern and special tokens unless `--preset`/`--pattern` say otherwise; any other
 * file needs one of them, because a wrong pattern silently gives different tokens.
 */
export async function resolveTokenizer(
  spec: string | undefined,
  opts: ResolveOptions = {},
): Promise<Encoding> {
  if (!spec) throw new CliError(`missing -t TOKENIZER; available: ${listEncodings().join(", ")}`, 2);
  if (isEncodingName(spec)) return getEncoding(spec);
  const byModel = findEncodingNameForModel(spec);
  if (byModel) return getEncoding(byModel);
  if (looksLikePath(spec)) {
    const fromName = basename(spec).replace(/\.tiktoken$/, "");
    const preset = opts.preset ?? (isEncodingName(fromName) ? fromName : undefined);
    if (preset !== undefined && !isEncodingName(preset)) {
      throw new CliError(`unknown --preset "${preset}"; available: ${listEncodings().join(", ")}`, 2);
    }
    if (preset === undefined && opts.pattern === undefined) {
      throw new CliError(
        `${spec}: a .tiktoken file stores no pretokenization pattern; give --preset NAME ` +
          `(${listEncodings().join(", ")}) or --pattern REGEX`,
        2,
      );
    }
    try {
      return await loadTiktokenFile(spec, { preset, pattern: opts.pattern });
    } catch (e) {
      throw new CliError((e as Error).message, 1);
    }
  }
  throw new CliError(
    `unknown tokenizer "${spec}"; available: ${listEncodings().join(", ")} (or a model name, or a path to a .tiktoken file)`,
    2,
  );
}

function looksLikePath(spec: string): boolean {
  return spec.includes("/") || spec.includes("\\") || spec.endsWith(".tiktoken") || spec.startsWith(".");
}

/** The options every command that takes `-t` understands. */
export const TOKENIZER_OPTIONS = {
  tokenizer: { type: "string", short: "t" },
  preset: { type: "string" },
  pattern: { type: "string" },
} as const;

/** Picks the `.tiktoken` completion options out of parsed arguments. */
export function tiktokenOptions(values: Record<string, unknown>): ResolveOptions {
  return {
    preset: typeof values.preset === "string" ? values.preset : undefined,
    pattern: typeof values.pattern === "string" ? values.pattern : undefined,
  };
}
