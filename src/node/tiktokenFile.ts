/**
 * Loads `.tiktoken` rank files from disk (Node only). The format stores the mergeable ranks and
 * nothing else, so the pretokenization pattern and the special tokens come from the caller.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { Encoding } from "../core/index.js";
import type { EncodingSpec } from "../core/types.js";
import { builtinEncodingInfo, ENCODING_NAMES } from "../encodings/spec.js";
import { parseTiktoken } from "../formats/tiktoken.js";

/**
 * How to complete a `.tiktoken` file into an encoding. There is deliberately no default pattern:
 * a wrong pattern does not fail, it silently yields different tokens, so the caller must either
 * name a built-in encoding as `preset` (its pattern and special tokens) or give `pattern`.
 */
export interface TiktokenFileOptions {
  /** A built-in encoding (e.g. `"cl100k_base"`) whose pattern and special tokens to use. */
  readonly preset?: string;
  /** Pretokenization pattern in tiktoken syntax; overrides the preset's. */
  readonly pattern?: string;
  /** Special token text → id; overrides the preset's. Default without a preset: none. */
  readonly specialTokens?: Readonly<Record<string, number>>;
  /** Encoding name; default: the file name without `.tiktoken`. */
  readonly name?: string;
  /**
   * Vocabulary size to assert (mergeable + special). Never taken from the preset, since the
   * file need not be the preset's own vocabulary.
   */
  readonly explicitNVocab?: number;
}

/**
 * Reads a `.tiktoken` file into an {@link EncodingSpec}. Throws `TiktokenFormatError` (with the
 * path and line) on malformed input, and an Error when neither `preset` nor `pattern` is given.
 *
 * @example
 * const spec = await loadTiktokenSpec("o200k_base.tiktoken", { preset: "o200k_base" });
 * const custom = await loadTiktokenSpec("mine.tiktoken", { pattern: "\\S+|\\s+", specialTokens: {} });
 */
export async function loadTiktokenSpec(path: string, options: TiktokenFileOptions): Promise<EncodingSpec> {
  const preset = options.preset === undefined ? undefined : builtinEncodingInfo(options.preset);
  const pattern = options.pattern ?? preset?.pattern;
  if (pattern === undefined) {
    throw new Error(
      `loadTiktokenSpec(${JSON.stringify(path)}): give \`pattern\` or a \`preset\` ` +
        `(${ENCODING_NAMES.join(", ")}); .tiktoken files do not store the pretokenization pattern`,
    );
  }
  const ranks = parseTiktoken(await readFile(path), { source: path });
  return {
    name: options.name ?? basename(path).replace(/\.tiktoken$/, ""),
    pattern,
    ranks,
    specialTokens: options.specialTokens ?? preset?.specialTokens ?? {},
    ...(options.explicitNVocab === undefined ? {} : { explicitNVocab: options.explicitNVocab }),
  };
}

/**
 * Reads a `.tiktoken` file into an {@link Encoding} (see {@link loadTiktokenSpec}).
 *
 * @example
 * const enc = await loadTiktokenFile("cl100k_base.tiktoken", { preset: "cl100k_base" });
 * enc.encode("hello world");
 */
export async function loadTiktokenFile(path: string, options: TiktokenFileOptions): Promise<Encoding> {
  return new Encoding(await loadTiktokenSpec(path, options));
}
