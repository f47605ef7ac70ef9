/**
 * tokenizer.json `model` objects → word models, validated the way HF's serde loaders are:
 * the same required fields and defaults, and every failure an {@link HfJsonError} naming the
 * JSON path of the offending value, never a crash or a silent fallback.
 *
 * BPE lives elsewhere; these are the WordPiece, WordLevel and Unigram models.
 */
import { Unigram } from "../../core/models/unigram.js";
import { WordLevel } from "../../core/models/wordlevel.js";
import { WordPiece } from "../../core/models/wordpiece.js";
import { HfJsonError } from "./errors.js";
import { checkEntryCount, child, describe, hasLoneSurrogate } from "./json-fields.js";

export { HfJsonError };

/**
 * A malformed or unsupported tokenizer.json value; `path` is where it is
 * (e.g. `model.vocab[12]`).
 */

type JsonObject = Record<string, unknown>;

function expectObject(value: unknown, path: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HfJsonError(path, `expected an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

function expectString(value: unknown, path: string): string {
  if (typeof value !== "string") throw new HfJsonError(path, `expected a string, got ${describe(value)}`);
  if (hasLoneSurrogate(value)) throw new HfJsonError(path, "string contains a lone surrogate");
  return value;
}

function expectInteger(value: unknown, path: string, max: number, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new HfJsonError(path, `expected ${what}, got ${describe(value)}`);
  }
  return value;
}

function required(obj: JsonObject, key: string, path: string): unknown {
  if (!(key in obj)) throw new HfJsonError(path, `missing field "${key}"`);
  return obj[key];
}

/** HF treats a missing `type` as fine (older files) and any other type as an error. */
function checkType(obj: JsonObject, type: string, path: string): void {
  if (!("type" in obj)) return;
  const got = obj.type;
  if (got !== type) throw new HfJsonError(child(path, "type"), `expected "${type}", got ${describe(got)}`);
}

/** A `{ token: id }` object (HF's `HashMap<String, u32>`). */
function tokenIdMap(value: unknown, path: string): Map<string, number> {
  const obj = expectObject(value, path);
  const vocab = new Map<string, number>();
  const tokens = Object.keys(obj);
  checkEntryCount(tokens.length, path);
  for (const token of tokens) {
    const at = `${path}[${JSON.stringify(token)}]`;
    if (hasLoneSurrogate(token)) throw new HfJsonError(at, "token contains a lone surrogate");
    vocab.set(token, expectInteger(obj[token], at, 0xffffffff, "an integer id in [0, 2^32)"));
  }
  return vocab;
}

/**
 * Builds a {@link WordPiece} from a tokenizer.json `model` object. All of `unk_token`,
 * `continuing_subword_prefix`, `max_input_chars_per_word` and `vocab` are required, as in HF.
 *
 * @example
 * ```ts
 * const model = wordPieceFromJson(JSON.parse(text).model);
 * wordPieceFromJson({ type: "WordPiece", vocab: {} }); // HfJsonError: model: missing field "unk_token"
 * ```
 */
export function wordPieceFromJson(json: unknown, path = "model"): WordPiece {
  const obj = expectObject(json, path);
  checkType(obj, "WordPiece", path);
  const unkToken = expectString(required(obj, "unk_token", path), child(path, "unk_token"));
  const prefix = expectString(
    required(obj, "continuing_subword_prefix", path),
    child(path, "continuing_subword_prefix"),
  );
  const maxChars = expectInteger(
    required(obj, "max_input_chars_per_word", path),
    child(path, "max_input_chars_per_word"),
    Number.MAX_SAFE_INTEGER,
    "a non-negative integer",
  );
  const vocab = tokenIdMap(required(obj, "vocab", path), child(path, "vocab"));
  return new WordPiece(vocab, { unkToken, continuingSubwordPrefix: prefix, maxInputCharsPerWord: maxChars });
}

/**
 * Builds a {@link WordLevel} from a tokenizer.json `model` object (`vocab` and `unk_token`
 * required, as in HF).
 *
 * @example
 * ```ts
 * const model = wordLevelFromJson({ type: "WordLevel", vocab: { "<unk>": 0, hi: 1 }, unk_token: "<unk>" });
 * ```
 */
export function wordLevelFromJson(json: unknown, path = "model"): WordLevel {
  const obj = expectObject(json, path);
  checkType(obj, "WordLevel", path);
  const vocab = tokenIdMap(required(obj, "vocab", path), child(path, "vocab"));
  const unkToken = expectString(required(obj, "unk_token", path), child(path, "unk_token"));
  return new WordLevel(vocab, { unkToken });
}

/**
 * Builds a {@link Unigram} from a tokenizer.json `model` object: `vocab` (a list of
 * `[piece, score]`) is required; `unk_id` (absent or `null`: none) and `byte_fallback`
 * (default `false`) are optional, as in HF.
 *
 * @example
 * ```ts
 * const model = unigramFromJson({ type: "Unigram", unk_id: 0, vocab: [["<unk>", 0], ["▁a", -1.5]] });
 * unigramFromJson({ vocab: [["a", "x"]] }); // HfJsonError: model.vocab[0]: expected [string, number], got an array
 * ```
 */
export function unigramFromJson(json: unknown, path = "model"): Unigram {
  const obj = expectObject(json, path);
  checkType(obj, "Unigram", path);
  const vocabPath = child(path, "vocab");
  const list = required(obj, "vocab", path);
  if (!Array.isArray(list)) throw new HfJsonError(vocabPath, `expected an array, got ${describe(list)}`);
  checkEntryCount(list.length, vocabPath);
  const vocab: [string, number][] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    const at = `${vocabPath}[${i}]`;
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== "string" ||
      typeof entry[1] !== "number" ||
      !Number.isFinite(entry[1])
    ) {
      throw new HfJsonError(at, `expected [string, number], got ${describe(entry)}`);
    }
    if (hasLoneSurrogate(entry[0])) throw new HfJsonError(`${at}[0]`, "piece contains a lone surrogate");
    vocab[i] = [entry[0], entry[1]];
  }
  const unkPath = child(path, "unk_id");
  const rawUnk = obj.unk_id;
  const unkId =
    rawUnk === undefined || rawUnk === null
      ? undefined
      : expectInteger(rawUnk, unkPath, Number.MAX_SAFE_INTEGER, "a non-negative integer or null");
  const rawFallback = obj.byte_fallback ?? false;
  if ("byte_fallback" in obj && typeof obj.byte_fallback !== "boolean") {
    throw new HfJsonError(
      child(path, "byte_fallback"),
      `expected a boolean, got ${describe(obj.byte_fallback)}`,
    );
  }
  if (unkId !== undefined && vocab.length === 0) {
    throw new HfJsonError(vocabPath, "the vocabulary is empty but at least <unk> is needed");
  }
  if (unkId !== undefined && unkId >= vocab.length) {
    throw new HfJsonError(unkPath, `unk_id ${unkId} is not below the vocabulary size ${vocab.length}`);
  }
  return new Unigram(vocab, { unkId, byteFallback: rawFallback === true });
}
