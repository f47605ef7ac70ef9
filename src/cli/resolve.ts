import { existsSync } from "node:fs";
import { basename } from "node:path";
import type { Encoding } from "../core/index.js";
import { findEncodingNameForModel, getEncoding, isEncodingName, listEncodings } from "../encodings/index.js";
import { HfJsonError } from "../formats/hf/errors.js";
import { type HfTokenizerFiles, loadHfTokenizer, parseHfId } from "../node/hf.js";
import { loadTiktokenFile } from "../node/tiktokenFile.js";
import { CliError } from "./errors.js";

/**
 * What the commands need from a tokenizer, whatever its kind: a built-in or `.tiktoken`
 * {@link Encoding}, or a Hugging Face tokenizer.json.
 */
export interface CliTokenizer {
  /** "tiktoken" or "huggingface". */
  readonly kind: "tiktoken" | "huggingface";
  /**
   * The plain ids of a text: tiktoken's `encode_ordinary` (special-token text is ordinary
   * text); HF's `encode(text, add_special_tokens=False)` (added tokens in the text recognised,
   * no template).
   */
  encodeOrdinary(text: string, onProgress?: (position: number) => void): number[];
  /** tiktoken: special-token text becomes special tokens; HF: the post-processor's template too. */
  encodeWithSpecial(text: string, onProgress?: (position: number) => void): number[];
  /** The length of `encodeOrdinary(text)` (or of `encodeWithSpecial`, with `special`). */
  count(text: string, options?: { special?: boolean; onProgress?: (position: number) => void }): number;
  decode(ids: number[]): string;
  /** The underlying tiktoken-style encoding, for tiktoken kinds. */
  readonly encoding?: Encoding;
  /** The loaded Hugging Face files, for huggingface kinds. */
  readonly hf?: HfTokenizerFiles;
}

/** Wraps a tiktoken-style {@link Encoding}. */
export function tiktokenCli(enc: Encoding): CliTokenizer {
  return {
    kind: "tiktoken",
    encoding: enc,
    // disallowedSpecial: [] is tiktoken's encode_ordinary, with room for a progress callback.
    encodeOrdinary: (t, onProgress) => enc.encode(t, { disallowedSpecial: [], onProgress }),
    encodeWithSpecial: (t, onProgress) => enc.encode(t, { allowedSpecial: "all", onProgress }),
    count: (t, o = {}) =>
      enc.count(t, {
        ...(o.special ? { allowedSpecial: "all" as const } : { disallowedSpecial: [] }),
        onProgress: o.onProgress,
      }),
    decode: (ids) => enc.decode(ids),
  };
}

/** Wraps a loaded Hugging Face tokenizer. */
export function huggingFaceCli(hf: HfTokenizerFiles): CliTokenizer {
  const tok = hf.tokenizer;
  return {
    kind: "huggingface",
    hf,
    encodeOrdinary: (t) => tok.encodeIds(t, { addSpecialTokens: false }),
    encodeWithSpecial: (t) => tok.encodeIds(t, { addSpecialTokens: true }),
    count: (t, o = {}) => {
      const n = tok.count(t, { addSpecialTokens: o.special ?? false });
      o.onProgress?.(t.length);
      return n;
    },
    decode: (ids) => tok.decode(ids),
  };
}

/** How to find and fetch Hugging Face tokenizers (`--download`). */
export interface HfResolveOptions {
  /** Download `hf:` ids into the hub cache (and revalidate cached ones). */
  download?: boolean;
}

/**
 * Turns a `-t` argument into a {@link CliTokenizer}: everything {@link resolveTokenizer}
 * accepts, plus a tokenizer.json file, a model directory, or `hf:ORG/NAME[@rev]` (hub cache;
 * fetched with `--download`).
 */
export async function resolveAnyTokenizer(
  spec: string | undefined,
  opts: ResolveOptions & HfResolveOptions = {},
): Promise<CliTokenizer> {
  if (spec !== undefined && isHuggingFaceSpec(spec)) {
    try {
      return huggingFaceCli(await loadHfTokenizer(spec, { download: opts.download }));
    } catch (e) {
      const message = e instanceof HfJsonError ? `${spec}: ${e.message}` : (e as Error).message;
      throw new CliError(message, 1);
    }
  }
  return tiktokenCli(await resolveTokenizer(spec, opts));
}

/** A tokenizer.json, a directory holding one, or an `hf:` id. */
function isHuggingFaceSpec(spec: string): boolean {
  if (spec.startsWith("hf:")) return parseHfId(spec) !== null;
  if (spec.endsWith(".json")) return true;
  if (existsSync(spec)) return existsSync(`${spec}/tokenizer.json`);
  return false;
}

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
    `unknown tokenizer "${spec}"; available: ${listEncodings().join(", ")} (or a model name, a path to a .tiktoken file, a tokenizer.json or model directory, or hf:ORG/NAME)`,
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
  download: { type: "boolean" },
} as const;

/** Picks the `.tiktoken` completion options out of parsed arguments. */
export function tiktokenOptions(values: Record<string, unknown>): ResolveOptions & HfResolveOptions {
  return {
    preset: typeof values.preset === "string" ? values.preset : undefined,
    pattern: typeof values.pattern === "string" ? values.pattern : undefined,
    download: values.download === true,
  };
}
