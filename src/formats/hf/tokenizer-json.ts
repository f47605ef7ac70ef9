/**
 * tokenizer.json ⇄ {@link HfTokenizer}: the whole file, validated at the top level as HF's
 * `TokenizerVisitor` does, each component by its own loader, every failure an
 * {@link HfJsonError} naming the JSON path (`pre_tokenizer.pretokenizers[1].type: unknown "Foo"`).
 */

import {
  type AddedToken,
  HfTokenizer,
  type PaddingParams,
  type TruncationParams,
} from "../../core/hf/index.js";
import type { WordModel } from "../../core/models/types.js";
import type { ChatFormat } from "../../core/tokenizer.js";
import { bpeFromJson } from "./bpe.js";
import { decoderFromJson } from "./decoders.js";
import { HfJsonError } from "./errors.js";
import { checkEntryCount } from "./json-fields.js";
import { unigramFromJson, wordLevelFromJson, wordPieceFromJson } from "./models.js";
import { normalizerFromJson } from "./normalizers.js";
import { postProcessorFromJson } from "./postprocessors.js";
import { preTokenizerFromJson } from "./pretokenizers.js";

type Json = Record<string, unknown>;

/**
 * The component objects a tokenizer was loaded from, written back by {@link saveTokenizerJson}
 * (the components have no `toJson` of their own yet).
 */
const sources = new WeakMap<HfTokenizer, Json>();

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === "object" ? "an object" : String(v);
}

function object(v: unknown, path: string): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new HfJsonError(path, `expected an object, got ${describe(v)}`);
  }
  return v as Json;
}

function field(o: Json, key: string, path: string): unknown {
  if (!(key in o)) throw new HfJsonError(path, `missing field "${key}"`);
  return o[key];
}

function bool(o: Json, key: string, path: string): boolean {
  const v = field(o, key, path);
  if (typeof v !== "boolean")
    throw new HfJsonError(`${path}.${key}`, `expected a boolean, got ${describe(v)}`);
  return v;
}

function uint(o: Json, key: string, path: string, max = Number.MAX_SAFE_INTEGER): number {
  const v = field(o, key, path);
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw new HfJsonError(`${path}.${key}`, `expected a non-negative integer, got ${describe(v)}`);
  }
  return v;
}

function str(o: Json, key: string, path: string): string {
  const v = field(o, key, path);
  if (typeof v !== "string") throw new HfJsonError(`${path}.${key}`, `expected a string, got ${describe(v)}`);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, names: readonly T[]): T {
  if (typeof v !== "string" || !names.includes(v as T)) {
    throw new HfJsonError(
      path,
      `expected one of ${names.map((n) => `"${n}"`).join(", ")}, got ${describe(v)}`,
    );
  }
  return v as T;
}

const MODEL_TYPES = ["BPE", "WordPiece", "WordLevel", "Unigram"] as const;

/**
 * tokenizer.json `model` → a word model. With `type`, that model's loader; without (old files),
 * HF's untagged order BPE, WordPiece, WordLevel, Unigram, the first that loads.
 */
export function modelFromJson(json: unknown, path = "model"): WordModel {
  const o = object(json, path);
  if ("type" in o) {
    switch (oneOf(o.type, `${path}.type`, MODEL_TYPES)) {
      case "BPE":
        return bpeFromJson(o, path);
      case "WordPiece":
        return wordPieceFromJson(o, path);
      case "WordLevel":
        return wordLevelFromJson(o, path);
      case "Unigram":
        return unigramFromJson(o, path);
    }
  }
  const loaders = [bpeFromJson, wordPieceFromJson, wordLevelFromJson, unigramFromJson];
  for (const load of loaders) {
    try {
      return load(o, path);
    } catch (e) {
      if (!(e instanceof HfJsonError)) throw e;
    }
  }
  throw new HfJsonError(path, "data did not match any model (BPE, WordPiece, WordLevel, Unigram)");
}

/** tokenizer.json `added_tokens` (every field required, as HF's serde derive). */
export function addedTokensFromJson(json: unknown, path = "added_tokens"): AddedToken[] {
  if (json === undefined) return [];
  if (!Array.isArray(json)) throw new HfJsonError(path, `expected an array, got ${describe(json)}`);
  checkEntryCount(json.length, path);
  return json.map((entry, i) => {
    const at = `${path}[${i}]`;
    const o = object(entry, at);
    uint(o, "id", at, 0xffffffff);
    return {
      content: str(o, "content", at),
      singleWord: bool(o, "single_word", at),
      lstrip: bool(o, "lstrip", at),
      rstrip: bool(o, "rstrip", at),
      normalized: bool(o, "normalized", at),
      special: bool(o, "special", at),
    };
  });
}

const DIRECTIONS = ["Left", "Right"] as const;
const STRATEGIES = ["LongestFirst", "OnlyFirst", "OnlySecond"] as const;

/** tokenizer.json `truncation` (`null` → none). */
export function truncationFromJson(json: unknown, path = "truncation"): TruncationParams | null {
  if (json === null || json === undefined) return null;
  const o = object(json, path);
  const direction = "direction" in o ? oneOf(o.direction, `${path}.direction`, DIRECTIONS) : "Right";
  const strategy = oneOf(field(o, "strategy", path), `${path}.strategy`, STRATEGIES);
  return {
    maxLength: uint(o, "max_length", path),
    stride: uint(o, "stride", path),
    strategy:
      strategy === "LongestFirst" ? "longest_first" : strategy === "OnlyFirst" ? "only_first" : "only_second",
    direction: direction === "Left" ? "left" : "right",
  };
}

/** tokenizer.json `padding` (`null` → none). */
export function paddingFromJson(json: unknown, path = "padding"): PaddingParams | null {
  if (json === null || json === undefined) return null;
  const o = object(json, path);
  const rawStrategy = field(o, "strategy", path);
  let strategy: PaddingParams["strategy"];
  if (rawStrategy === "BatchLongest") strategy = "batch_longest";
  else if (typeof rawStrategy === "object" && rawStrategy !== null && "Fixed" in rawStrategy) {
    strategy = { fixed: uint(rawStrategy as Json, "Fixed", `${path}.strategy`) };
  } else {
    throw new HfJsonError(
      `${path}.strategy`,
      `expected "BatchLongest" or {"Fixed": n}, got ${describe(rawStrategy)}`,
    );
  }
  const multiple = field(o, "pad_to_multiple_of", path);
  return {
    strategy,
    direction:
      oneOf(field(o, "direction", path), `${path}.direction`, DIRECTIONS) === "Left" ? "left" : "right",
    padToMultipleOf: multiple === null ? null : uint(o, "pad_to_multiple_of", path),
    padId: uint(o, "pad_id", path, 0xffffffff),
    padTypeId: uint(o, "pad_type_id", path, 0xffffffff),
    padToken: str(o, "pad_token", path),
  };
}

/**
 * What went wrong in `JSON.parse`, without the bit of the text V8 quotes: the text may be a file
 * that is not what its name says (a link to a private file), and errors get printed.
 */
export function jsonSyntaxError(e: unknown): string {
  const message = (e as Error).message;
  const at = /at position (\d+)/.exec(message);
  if (/Unexpected end of JSON input/.test(message)) return "it ends too early";
  return at === null ? "a syntax error" : `a syntax error at character ${at[1]}`;
}

/**
 * Loads a tokenizer.json (its text or the parsed object) into an {@link HfTokenizer}.
 *
 * @example
 * ```ts
 * const tok = loadTokenizerJson(readFileSync("tokenizer.json", "utf8"), { name: "llama3" });
 * tok.encode("Hello world");
 * loadTokenizerJson('{"model": {"type": "Foo"}}'); // HfJsonError: model.type: expected one of "BPE", ...
 * ```
 */
export function loadTokenizerJson(
  json: string | object,
  options: { readonly name?: string; readonly chat?: ChatFormat } = {},
): HfTokenizer {
  let parsed: unknown = json;
  if (typeof json === "string") {
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new HfJsonError("$", `not JSON (${jsonSyntaxError(e)})`);
    }
  }
  const o = object(parsed, "$");
  if ("version" in o && o.version !== "1.0") {
    throw new HfJsonError("version", `unknown tokenizer version ${describe(o.version)}`);
  }
  if (!("model" in o)) throw new HfJsonError("model", "missing (every tokenizer.json needs a model)");
  const tokenizer = new HfTokenizer({
    name: options.name,
    chat: options.chat,
    normalizer: normalizerFromJson(o.normalizer),
    preTokenizer: preTokenizerFromJson(o.pre_tokenizer),
    model: modelFromJson(o.model, "model"),
    postProcessor: postProcessorFromJson(o.post_processor),
    decoder: decoderFromJson(o.decoder),
    addedTokens: addedTokensFromJson(o.added_tokens),
    truncation: truncationFromJson(o.truncation),
    padding: paddingFromJson(o.padding),
  });
  sources.set(tokenizer, o);
  return tokenizer;
}

function truncationToJson(t: TruncationParams | null): Json | null {
  if (t === null) return null;
  const strategy = { longest_first: "LongestFirst", only_first: "OnlyFirst", only_second: "OnlySecond" }[
    t.strategy
  ];
  return {
    direction: t.direction === "left" ? "Left" : "Right",
    max_length: t.maxLength,
    strategy,
    stride: t.stride,
  };
}

function paddingToJson(p: PaddingParams | null): Json | null {
  if (p === null) return null;
  return {
    strategy: p.strategy === "batch_longest" ? "BatchLongest" : { Fixed: p.strategy.fixed },
    direction: p.direction === "left" ? "Left" : "Right",
    pad_to_multiple_of: p.padToMultipleOf,
    pad_id: p.padId,
    pad_type_id: p.padTypeId,
    pad_token: p.padToken,
  };
}

/**
 * tokenizer.json text for a tokenizer loaded by {@link loadTokenizerJson}, in HF's field order:
 * truncation, padding and added tokens (with the ids HF assigned) from the tokenizer's current
 * state; normalizer, pre-tokenizer, post-processor, decoder and model as they were loaded (the
 * components cannot serialize themselves yet, so a tokenizer built in code cannot be saved).
 * The Hugging Face library loads the result and encodes identically.
 *
 * @example
 * ```ts
 * const again = loadTokenizerJson(saveTokenizerJson(tok));
 * ```
 */
export function saveTokenizerJson(tokenizer: HfTokenizer, options: { pretty?: boolean } = {}): string {
  const source = sources.get(tokenizer);
  if (source === undefined) {
    throw new Error("saveTokenizerJson: only tokenizers loaded from tokenizer.json can be saved for now");
  }
  const out = {
    version: "1.0",
    truncation: truncationToJson(tokenizer.truncation),
    padding: paddingToJson(tokenizer.padding),
    added_tokens: tokenizer.addedVocabulary.entries().map(({ id, token }) => ({
      id,
      content: token.content,
      single_word: token.singleWord,
      lstrip: token.lstrip,
      rstrip: token.rstrip,
      normalized: token.normalized,
      special: token.special,
    })),
    normalizer: source.normalizer ?? null,
    pre_tokenizer: source.pre_tokenizer ?? null,
    post_processor: source.post_processor ?? null,
    decoder: source.decoder ?? null,
    model: source.model,
  };
  return options.pretty ? JSON.stringify(out, null, 2) : JSON.stringify(out);
}
