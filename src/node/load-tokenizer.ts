/**
 * `loadTokenizer(spec)`: any tokenizer toklab runs, from what a user would type. The one place
 * that turns a spec into a {@link Tokenizer}; the CLI's `-t` is a thin call to it.
 */
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { didYouMean, suggest } from "../core/suggest.js";
import type { Tokenizer } from "../core/tokenizer.js";
import { ENCODING_NAMES, isEncodingName, MODEL_NAMES } from "../encodings/index.js";
import { jsonSyntaxError } from "../formats/hf/tokenizer-json.js";
import {
  builtinTokenizer,
  parseTokenizer,
  type TiktokenCompletion,
  TokenizerSpecError,
} from "../formats/load.js";
import { looksLikeModelProto } from "../formats/sentencepiece/model-proto.js";
import { parseVocabMerges } from "../formats/vocab-merges.js";
import { type HfLoadOptions, hubSnapshot, parseHfId } from "./hub/index.js";
import { InputFileError, readFileCapped } from "./read-file.js";
import { isGgufFile, readGgufTokenizer } from "./read-gguf.js";

/** Options of {@link loadTokenizer}. */
export interface LoadTokenizerOptions extends HfLoadOptions, TiktokenCompletion {
  /** The name the tokenizer reports (default: the spec as given). */
  readonly name?: string;
  /** Largest tokenizer file read, in bytes (default {@link MAX_TOKENIZER_FILE_BYTES}). */
  readonly maxFileBytes?: number;
  /**
   * merges.txt to pair with a vocab.json spec (default: merges.txt beside it). With it, the spec
   * is read as a vocab.json whatever its name.
   */
  readonly merges?: string;
}

/**
 * The default size limit of a tokenizer file: 128 MiB, four times the largest real
 * tokenizer.json (Gemma 3's, 33 MB); a larger file is refused before it is parsed
 * (docs/security.md). `maxFileBytes` raises it.
 */
export const MAX_TOKENIZER_FILE_BYTES = 128 * 1024 * 1024;

/** What a spec may be, for messages. */
export const TOKENIZER_SPEC_HELP =
  "a built-in encoding, a model name (gpt-4o), a tokenizer.json, a SentencePiece .model, a .tiktoken file, a vocab.json (with merges.txt), a .gguf model, a model directory, or hf:ORG/NAME[@revision]";

/**
 * Loads a tokenizer from a spec:
 * - a built-in encoding (`o200k_base`) or an OpenAI model name (`gpt-4o`);
 * - a Hugging Face tokenizer.json file, or a model directory holding one (with
 *   tokenizer_config.json and chat_template.jinja for chat templates);
 * - a SentencePiece `.model` file, or a model directory holding only a tokenizer.model;
 * - a `.tiktoken` rank file, completed by `preset`/`pattern`, by the manifest.json toklab's
 *   trainer writes beside it, or by its name when it is a built-in's (`cl100k_base.tiktoken`);
 * - a GPT-2-style `vocab.json` with `merges.txt` beside it (or `merges`), or a directory holding
 *   the pair (see `parseVocabMerges`: GPT-2's pre-tokenizer, or the run's from a toklab
 *   manifest.json);
 * - a GGUF model file (its tokenizer metadata only, run as llama.cpp runs it);
 * - `hf:ORG/NAME[@revision]` from the local Hugging Face cache, downloaded with `download: true`.
 *
 * Built-in and model names are matched case-insensitively (`GPT-4o` is `gpt-4o`) when no file
 * has that name: every built-in name and model rule is lower case, so the match is unambiguous.
 *
 * Throws a {@link TokenizerSpecError} for a spec that names nothing ("no such file or
 * directory: PATH", an unknown name, a directory without a tokenizer, a rank file without a
 * pattern), with what was probably meant in its message and `suggestions` (`cl100k` →
 * `cl100k_base`, a file beside a mistyped path), and the format's own error for a malformed file.
 *
 * @example
 * ```ts
 * const o200k = await loadTokenizer("gpt-4o");
 * const llama = await loadTokenizer("./Llama-3.1-8B"); // a model directory
 * const mine = await loadTokenizer("out/tokenizer.tiktoken"); // pattern from out/manifest.json
 * const qwen = await loadTokenizer("hf:Qwen/Qwen3-8B", { download: true });
 * ```
 */
export async function loadTokenizer(spec: string, options: LoadTokenizerOptions = {}): Promise<Tokenizer> {
  if (typeof spec !== "string" || spec.length === 0) {
    throw new TokenizerSpecError(`no tokenizer given; give ${TOKENIZER_SPEC_HELP}`);
  }
  const builtin = await builtinTokenizer(spec, options.name);
  if (builtin !== undefined) return builtin;
  if (spec.startsWith("hf:")) {
    if (parseHfId(spec) === null) {
      throw new TokenizerSpecError(`"${spec}" is not a Hugging Face id (hf:ORG/NAME[@revision])`);
    }
    const dir = await hubSnapshot(spec, options);
    return loadPath(dir, { ...options, name: options.name ?? spec });
  }
  if (existsSync(spec)) return loadPath(spec, options);
  // A built-in or model name in other letters (GPT-4o, O200K_BASE) names one tokenizer: every
  // built-in name and model rule is lower case. Checked after files, which win.
  const lower = spec.toLowerCase();
  if (lower !== spec) {
    const named = await builtinTokenizer(lower, options.name);
    if (named !== undefined) return named;
  }
  if (looksLikePath(spec)) {
    if (parseHfId(spec) !== null) {
      throw new TokenizerSpecError(
        `no such file or directory: ${spec} (a Hugging Face model? write hf:${spec})`,
        [`hf:${spec}`],
      );
    }
    const close = await nearbyPaths(spec);
    throw new TokenizerSpecError(
      `no such file or directory: ${spec}${close.length > 0 ? ` (did you mean ${close.join(" or ")}?)` : ""}`,
      close,
    );
  }
  const names = [...ENCODING_NAMES, ...MODEL_NAMES];
  throw new TokenizerSpecError(
    `unknown tokenizer "${spec}"${didYouMean(spec, names)}; give ${TOKENIZER_SPEC_HELP}. ` +
      `Built-in encodings: ${ENCODING_NAMES.join(", ")}`,
    suggest(spec, names),
  );
}

/**
 * Paths that exist and differ from `spec` in one part, the first that does not exist, by a
 * close name (`tokenizer-qwen/models` → `tokenizer-qwen3/models`), written as the user wrote
 * the rest.
 */
async function nearbyPaths(spec: string): Promise<string[]> {
  const parts = spec.split(/(?<=[/\\])/); // each part keeps its separator
  let parent = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i].replace(/[/\\]+$/, "");
    const separator = parts[i].slice(part.length);
    if (part === "" || existsSync(parent + part)) {
      parent += parts[i];
      continue;
    }
    let entries: string[];
    try {
      entries = await readdir(parent === "" ? "." : parent);
    } catch {
      return [];
    }
    if (entries.length > 10_000) return [];
    const rest = separator + parts.slice(i + 1).join("");
    return suggest(part, entries.sort())
      .map((e) => parent + e + rest)
      .filter((p) => existsSync(p));
  }
  return [];
}

function looksLikePath(spec: string): boolean {
  return (
    spec.includes("/") ||
    spec.includes("\\") ||
    spec.startsWith(".") ||
    spec.endsWith(".json") ||
    spec.endsWith(".model") ||
    spec.endsWith(".tiktoken") ||
    spec.endsWith(".gguf")
  );
}

/**
 * The tokenizer files a model directory may hold, in the order they are looked for (then a lone
 * *.tiktoken file, then vocab.json with merges.txt).
 */
const DIRECTORY_FILES = ["tokenizer.json", "tokenizer.model", "tokenizer.tiktoken"] as const;

/** A tokenizer file, or the tokenizer of a model directory. */
async function loadPath(path: string, options: LoadTokenizerOptions): Promise<Tokenizer> {
  const info = await stat(path);
  let file = path;
  if (info.isDirectory()) {
    const found = await tokenizerFileIn(path);
    if (found === null) {
      throw new TokenizerSpecError(
        `${path}: no tokenizer in this directory (looked for ${DIRECTORY_FILES.join(", ")}, *.tiktoken, and vocab.json with merges.txt)`,
      );
    }
    file = found;
  }
  const name = options.name ?? path;
  // A GGUF model may be gigabytes: only its metadata is read, never the whole file.
  if ((await stat(file)).isFile() && (file.endsWith(".gguf") || (await isGgufFile(file)))) {
    return readGgufTokenizer(file, { name });
  }
  const data = await readTokenizerFile(file, options);
  const dir = dirname(file);
  if (options.merges !== undefined || basename(file) === "vocab.json") {
    const merges = options.merges ?? join(dir, "merges.txt");
    if (!existsSync(merges)) {
      throw new TokenizerSpecError(
        `${file}: a vocab.json needs its merges: no ${merges} (put merges.txt beside it or give --merges FILE)`,
      );
    }
    return parseVocabMerges(data, await readTokenizerFile(merges, options), {
      name,
      manifest: await readJson(join(dir, "manifest.json")),
    });
  }
  if (
    file.endsWith(".model") ||
    (!file.endsWith(".json") && !file.endsWith(".tiktoken") && looksLikeModelProto(data))
  ) {
    // A model directory's tokenizer_config.json carries the chat template for a .model too.
    const side = basename(file) === "tokenizer.model";
    return parseTokenizer(data, {
      name,
      format: "sentencepiece",
      chatConfig: side ? await readJson(join(dir, "tokenizer_config.json")) : null,
      chatTemplate: side ? await readText(join(dir, "chat_template.jinja")) : undefined,
    });
  }
  const isJson = file.endsWith(".json") || (!file.endsWith(".tiktoken") && firstByte(data) === 0x7b);
  if (isJson) {
    // Side files belong to a model directory's tokenizer.json, not to any JSON file.
    const side = basename(file) === "tokenizer.json";
    return parseTokenizer(data, {
      name,
      format: "tokenizer.json",
      chatConfig: side ? await readJson(join(dir, "tokenizer_config.json")) : null,
      chatTemplate: side ? await readText(join(dir, "chat_template.jinja")) : undefined,
    });
  }
  const stem = basename(file).replace(/\.tiktoken$/, "");
  const preset = options.preset ?? (options.pattern === undefined && isEncodingName(stem) ? stem : undefined);
  return parseTokenizer(data, {
    name,
    format: "tiktoken",
    preset,
    pattern: options.pattern,
    specialTokens: options.specialTokens,
    manifest: options.manifest ?? (await readJson(join(dir, "manifest.json"))),
  });
}

/** A tokenizer file's bytes: a regular file, capped; a missing or odd file is a spec error. */
async function readTokenizerFile(file: string, options: LoadTokenizerOptions): Promise<Uint8Array> {
  try {
    return await readFileCapped(file, {
      what: "tokenizer file",
      maxBytes: options.maxFileBytes ?? MAX_TOKENIZER_FILE_BYTES,
    });
  } catch (e) {
    if (e instanceof InputFileError && e.code !== "unreadable") throw new TokenizerSpecError(e.message);
    throw e;
  }
}

/** The tokenizer file of a model directory, or `null`. */
async function tokenizerFileIn(dir: string): Promise<string | null> {
  for (const name of DIRECTORY_FILES) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  const ranks = (await readdir(dir)).filter((f) => f.endsWith(".tiktoken")).sort();
  if (ranks.length > 1) {
    throw new TokenizerSpecError(`${dir}: several .tiktoken files (${ranks.join(", ")}); name one`);
  }
  if (ranks.length === 1) return join(dir, ranks[0]);
  return existsSync(join(dir, "vocab.json")) && existsSync(join(dir, "merges.txt"))
    ? join(dir, "vocab.json")
    : null;
}

function firstByte(data: Uint8Array): number {
  let i = 0;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) i = 3;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x09))
    i++;
  return data[i] ?? -1;
}

/** A side file's text, if the file exists: regular, capped, strict UTF-8. */
async function readText(path: string): Promise<string | undefined> {
  if (!existsSync(path)) return undefined;
  const bytes = await readFileCapped(path, { what: "tokenizer side file" });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${path}: not UTF-8 text`);
  }
}

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  const text = await readText(path);
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${path}: not JSON (${jsonSyntaxError(e)})`);
  }
}
