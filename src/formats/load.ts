/**
 * Turning names and file contents into a {@link Tokenizer}, browser-safe: the built-in
 * encodings by name or model name, and tokenizer files given as their bytes or text (what a web
 * page gets from a dropped file). The Node loader (`loadTokenizer` in toklab/node) finds the
 * files and calls this.
 */
import { Encoding } from "../core/encoding.js";
import { pretokenizerForPattern } from "../core/pretokenize/index.js";
import { findPretokenizerPreset, PRETOKENIZER_PRESETS } from "../core/pretokenize/presets.js";
import type { Pretokenizer } from "../core/pretokenize/types.js";
import { emptyRecord, plainRecord } from "../core/record.js";
import { quotePattern } from "../core/regex/index.js";
import { didYouMean, suggest } from "../core/suggest.js";
import type { ChatFormat, Tokenizer } from "../core/tokenizer.js";
import {
  type BuiltinEncodingInfo,
  builtinEncodingInfo,
  ENCODING_NAMES,
  findEncodingNameForModel,
  getEncoding,
  isEncodingName,
} from "../encodings/index.js";
import { parseGgufTokenizer } from "./gguf/tokenizer.js";
import { HfJsonError } from "./hf/errors.js";
import { loadTokenizerJson } from "./hf/tokenizer-json.js";
import { looksLikeModelProto } from "./sentencepiece/model-proto.js";
import { parseSentencePieceModel } from "./sentencepiece/tokenizer.js";
import { parseTiktoken } from "./tiktoken.js";
import { MANIFEST_FORMAT } from "./trained/manifest.js";

/**
 * A tokenizer spec or file that cannot be used as given: an unknown name, a missing file, a
 * `.tiktoken` file without a pattern. The fix is in what the caller asked for (a CLI reports
 * it as a usage error); a malformed file is an ordinary `Error` naming the file.
 */
export class TokenizerSpecError extends Error {
  /**
   * @param suggestions What the caller may have meant (`cl100k` → `cl100k_base`), closest
   *   first; also named in the message.
   */
  constructor(
    message: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
    this.name = "TokenizerSpecError";
  }
}

/** The file formats {@link parseTokenizer} reads. */
export type TokenizerFileFormat = "tokenizer.json" | "tiktoken" | "sentencepiece" | "gguf";

/**
 * How to complete a `.tiktoken` rank file, which stores the mergeable ranks and nothing else.
 * There is deliberately no default pattern: a wrong pattern does not fail, it silently gives
 * other tokens.
 */
export interface TiktokenCompletion {
  /**
   * A built-in encoding (e.g. `"cl100k_base"`) whose pattern and special tokens to use, or a
   * pretokenizer preset (e.g. `"o200k"`, `"qwen2"`; `PRETOKENIZER_PRESETS`) whose pattern alone
   * to use (no special tokens). An encoding's name wins where both exist (`gpt2`).
   */
  readonly preset?: string;
  /** Pretokenization pattern in tiktoken syntax; overrides the preset's. */
  readonly pattern?: string;
  /** Special token text → id; overrides the preset's (default without a preset: none). */
  readonly specialTokens?: Readonly<Record<string, number>>;
  /**
   * The manifest.json toklab's trainer writes beside its files (parsed): the pattern and special
   * tokens recorded there, used unless `preset`/`pattern` say otherwise.
   */
  readonly manifest?: unknown;
}

/** Options of {@link parseTokenizer}. */
export interface ParseTokenizerOptions extends TiktokenCompletion {
  /** The name to show (default: the format's file name). */
  readonly name?: string;
  /**
   * Default: read from the content ("GGUF" starts a GGUF file, a JSON object is tokenizer.json,
   * protobuf bytes a SentencePiece `.model`, else `.tiktoken`).
   */
  readonly format?: TokenizerFileFormat;
  /** A tokenizer.json's (or .model's) chat setup: its tokenizer_config.json, parsed, and a chat_template.jinja. */
  readonly chatConfig?: Readonly<Record<string, unknown>> | null;
  readonly chatTemplate?: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Whether `data` starts with GGUF's magic. */
function isGguf(data: string | Uint8Array): boolean {
  return (
    typeof data !== "string" && data[0] === 0x47 && data[1] === 0x47 && data[2] === 0x55 && data[3] === 0x46
  );
}

/** The first non-space character of `data`, to tell JSON from base64 lines. */
function firstChar(data: string | Uint8Array): string {
  if (typeof data === "string") return data.trimStart().charAt(0);
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xef && c !== 0xbb && c !== 0xbf) {
      return String.fromCharCode(c);
    }
  }
  return "";
}

/**
 * A tokenizer from the contents of a tokenizer file: a Hugging Face tokenizer.json, a
 * SentencePiece `.model`, or a tiktoken rank file (completed by a preset, a pattern, or the
 * trainer's manifest; see {@link TiktokenCompletion}). Throws
 * `HfJsonError`/`SentencePieceModelError`/`TiktokenFormatError` for malformed files and
 * {@link TokenizerSpecError} when a rank file cannot be completed.
 *
 * @example
 * ```ts
 * const tok = parseTokenizer(await file.arrayBuffer().then((b) => new Uint8Array(b)), { name: file.name });
 * const ranks = parseTokenizer(text, { format: "tiktoken", preset: "cl100k_base" });
 * ```
 */
export function parseTokenizer(data: string | Uint8Array, options: ParseTokenizerOptions = {}): Tokenizer {
  const format = options.format ?? detectFormat(data);
  if (format === "gguf") {
    if (typeof data === "string")
      throw new TokenizerSpecError("a GGUF file is binary: pass its bytes, not a string");
    return parseGgufTokenizer(data, options.name === undefined ? {} : { name: options.name });
  }
  if (format === "sentencepiece") {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    return parseSentencePieceModel(bytes, { name: options.name ?? "tokenizer.model", chat: chatOf(options) });
  }
  if (format === "tokenizer.json") {
    let text: string;
    try {
      text = typeof data === "string" ? data : utf8.decode(data);
    } catch {
      throw new HfJsonError("$", "not UTF-8 text");
    }
    return loadTokenizerJson(text, { name: options.name ?? "tokenizer.json", chat: chatOf(options) });
  }
  const name = options.name ?? "tokenizer.tiktoken";
  const { pattern, specialTokens, chat } = completeTiktoken(name, options);
  const encodingName = name.replace(/\.tiktoken$/, "");
  // Before the ranks are read: a bad pattern fails fast.
  const pretokenizer = checkedPretokenizer(name, pattern, encodingName);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const ranks = parseTiktoken(bytes, { source: name });
  return new Encoding({ name: encodingName, pattern, ranks, specialTokens, chat }, { pretokenizer });
}

/**
 * The pretokenizer for a rank file's pattern; a pattern that is invalid or that no engine runs
 * in linear time (see src/core/regex) is the caller's to fix, so a {@link TokenizerSpecError}
 * that quotes it.
 */
function checkedPretokenizer(file: string, pattern: string, name: string): Pretokenizer {
  try {
    return pretokenizerForPattern(pattern, name);
  } catch (e) {
    throw new TokenizerSpecError(`${file}: pattern ${quotePattern(pattern)}: ${(e as Error).message}`);
  }
}

function detectFormat(data: string | Uint8Array): TokenizerFileFormat {
  if (isGguf(data)) return "gguf";
  if (typeof data !== "string" && looksLikeModelProto(data)) return "sentencepiece";
  return firstChar(data) === "{" ? "tokenizer.json" : "tiktoken";
}

/** The chat format of a tokenizer.json or .model: transformers' template setup. */
function chatOf(options: ParseTokenizerOptions): ChatFormat {
  return {
    kind: "template",
    config: options.chatConfig ?? null,
    ...(options.chatTemplate === undefined ? {} : { template: options.chatTemplate }),
  };
}

/**
 * The names `preset` accepts, for messages and help: the built-in encodings (pattern and special
 * tokens), then the pretokenizer presets with a tiktoken pattern that are not encoding names
 * (pattern only).
 *
 * @example
 * ```ts
 * tiktokenPresetChoices();
 * // "gpt2, r50k_base, ..., o200k_harmony for the pattern and special tokens; cl100k, llama3, o200k, qwen2, qwen3, none for the pattern only"
 * ```
 */
export function tiktokenPresetChoices(): string {
  const patternOnly = PRETOKENIZER_PRESETS.filter((p) => p.tiktokenPattern !== null)
    .flatMap((p) => [p.name, ...p.aliases])
    .filter((n) => !isEncodingName(n));
  return `${ENCODING_NAMES.join(", ")} for the pattern and special tokens; ${patternOnly.join(", ")} for the pattern only`;
}

/**
 * The pattern and special tokens for a rank file (see {@link TiktokenCompletion}). A `preset`
 * that is a built-in encoding's name gives its pattern, special tokens and chat format; one that
 * is only a pretokenizer preset's name (`o200k`, `qwen2`, `llama3`...) gives its pattern alone.
 */
export function completeTiktoken(
  name: string,
  options: TiktokenCompletion,
): { pattern: string; specialTokens: Readonly<Record<string, number>>; chat?: ChatFormat } {
  let encoding: BuiltinEncodingInfo | undefined;
  let presetPattern: string | undefined;
  if (options.preset !== undefined) {
    if (isEncodingName(options.preset)) encoding = builtinEncodingInfo(options.preset);
    else {
      const preset = findPretokenizerPreset(options.preset);
      if (preset === undefined) {
        const names = [...ENCODING_NAMES, ...PRETOKENIZER_PRESETS.flatMap((p) => [p.name, ...p.aliases])];
        const close = suggest(options.preset, names);
        throw new TokenizerSpecError(
          `unknown preset "${options.preset}"${didYouMean(options.preset, names)}; give one of ${tiktokenPresetChoices()}`,
          close,
        );
      }
      if (preset.tiktokenPattern === null && options.pattern === undefined) {
        throw new TokenizerSpecError(
          `${name}: preset "${options.preset}" has no tiktoken pattern (no single regex cuts as its ` +
            `scanner does), which a .tiktoken file needs; give one of ${tiktokenPresetChoices()}`,
        );
      }
      presetPattern = preset.tiktokenPattern ?? undefined;
    }
  }
  const fromManifest = options.preset === undefined ? manifestTiktoken(options.manifest, name) : undefined;
  const pattern = options.pattern ?? encoding?.pattern ?? presetPattern ?? fromManifest?.pattern;
  if (pattern === undefined) {
    throw new TokenizerSpecError(
      `${name}: a .tiktoken file stores no pretokenization pattern; give a preset ` +
        `(${tiktokenPresetChoices()}) or a pattern`,
    );
  }
  const specialTokens = options.specialTokens ?? encoding?.specialTokens ?? fromManifest?.specialTokens ?? {};
  return { pattern, specialTokens, ...(encoding?.chat === undefined ? {} : { chat: encoding.chat }) };
}

/** The tiktoken pattern and special tokens a trainer manifest records, if it is one. */
function manifestTiktoken(
  manifest: unknown,
  name: string,
): { pattern: string; specialTokens: Record<string, number> } | undefined {
  if (typeof manifest !== "object" || manifest === null) return undefined;
  const m = manifest as { format?: unknown; tiktoken?: unknown; specialTokens?: unknown };
  if (m.format !== MANIFEST_FORMAT) return undefined;
  const tiktoken = m.tiktoken as { pattern?: unknown } | undefined;
  if (tiktoken === undefined) return undefined;
  if (typeof tiktoken.pattern !== "string") {
    throw new TokenizerSpecError(
      `${name}: its manifest.json records no single split pattern for the rank file ` +
        "(the pieces were cut by a scanner no regex matches); use tokenizer.json, or give a pattern",
    );
  }
  const specialTokens: Record<string, number> = emptyRecord<number>();
  const specials = m.specialTokens;
  if (typeof specials === "object" && specials !== null) {
    for (const [text, id] of Object.entries(specials)) {
      if (!Number.isInteger(id) || (id as number) < 0) {
        throw new Error(`${name}: manifest.json specialTokens.${text} is not a token id: ${String(id)}`);
      }
      specialTokens[text] = id as number;
    }
  }
  return { pattern: tiktoken.pattern, specialTokens: plainRecord(specialTokens) };
}

/**
 * A built-in encoding by its name (`o200k_base`) or a model's name (`gpt-4o`), or `undefined`
 * when `name` is neither. `as` renames it (sharing the vocabulary).
 *
 * @example
 * ```ts
 * (await builtinTokenizer("gpt-4o"))?.name; // "o200k_base"
 * ```
 */
export async function builtinTokenizer(name: string, as?: string): Promise<Encoding | undefined> {
  const encoding = isEncodingName(name) ? name : findEncodingNameForModel(name);
  if (encoding === undefined) return undefined;
  const enc = await getEncoding(encoding);
  return as === undefined || as === enc.name ? enc : enc.withName(as);
}
