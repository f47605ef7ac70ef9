/**
 * tokenizer.json `model` of type `BPE` → {@link BPE}, validated as HF's `BPEVisitor` and
 * `BpeBuilder::build` do (tokenizers/src/models/bpe/serialization.rs): every failure is an
 * {@link HfJsonError} naming the JSON path, e.g. `model.merges[17]: Token \`ab\` out of vocabulary`.
 */
import { BPE } from "../../core/models/bpe.js";
import { BpeMergeError, type MergeInput } from "../../core/models/bpe-merge-list.js";
import { TokenVocab } from "../../core/models/vocab.js";
import { HfJsonError } from "./errors.js";
import { checkEntryCount, describe, hasLoneSurrogate } from "./json-fields.js";

type JsonObject = Record<string, unknown>;

/** Ids above this are rejected (see {@link BPE}); HF takes any `u32`. */
const MAX_ID = 0x7fffffff;

/** Options that tokenizer.json cannot carry. */
export interface BpeJsonOptions {
  /** Seed of the dropout's random stream (only used when `dropout` is set). */
  readonly seed?: number;
}

/**
 * Builds a {@link BPE} from a tokenizer.json `model` object. `vocab` and `merges` are required
 * (merges as `[["a", "b"], …]` or legacy `["a b", …]`); `dropout`, `unk_token`,
 * `continuing_subword_prefix`, `end_of_word_suffix` may be absent or `null`; `fuse_unk`,
 * `byte_fallback`, `ignore_merges` default to `false`. Unknown fields are ignored, as in HF.
 *
 * @example
 * ```ts
 * const bpe = bpeFromJson({ type: "BPE", vocab: { a: 0, b: 1, ab: 2 }, merges: ["a b"] });
 * bpe.tokenize("ab")[0].id; // 2
 * bpeFromJson({ vocab: { a: 0 }, merges: [["a", "b"]] }); // HfJsonError: model.merges[0]: Token `b` out of vocabulary
 * ```
 */
export function bpeFromJson(json: unknown, path = "model", options: BpeJsonOptions = {}): BPE {
  const obj = expectObject(json, path);
  if ("type" in obj && obj.type !== "BPE") {
    throw new HfJsonError(`${path}.type`, `expected "BPE", got ${describe(obj.type)}`);
  }
  if (!("vocab" in obj) || !("merges" in obj)) throw new HfJsonError(path, "Missing vocab/merges");
  const dropout = optional(obj, "dropout", path, "number");
  if (dropout !== null && !(dropout >= 0 && dropout <= 1)) {
    throw new HfJsonError(`${path}.dropout`, "Dropout should be between 0 and 1, inclusive");
  }
  const vocab = readVocab(obj.vocab, `${path}.vocab`);
  const merges = readMerges(obj.merges, `${path}.merges`);
  try {
    return new BPE(TokenVocab.adopt(vocab), merges, {
      dropout,
      unkToken: optional(obj, "unk_token", path, "string"),
      continuingSubwordPrefix: optional(obj, "continuing_subword_prefix", path, "string"),
      endOfWordSuffix: optional(obj, "end_of_word_suffix", path, "string"),
      fuseUnk: optional(obj, "fuse_unk", path, "boolean") ?? false,
      byteFallback: optional(obj, "byte_fallback", path, "boolean") ?? false,
      ignoreMerges: optional(obj, "ignore_merges", path, "boolean") ?? false,
      seed: options.seed,
    });
  } catch (err) {
    if (err instanceof BpeMergeError) throw new HfJsonError(`${path}.merges[${err.index}]`, err.detail);
    if (err instanceof RangeError) throw new HfJsonError(path, err.message);
    throw err;
  }
}

interface JsonTypes {
  number: number;
  string: string;
  boolean: boolean;
}

/** An optional field: absent or `null` → `null` (serde's `Option`), else of type `type`. */
function optional<K extends keyof JsonTypes>(
  obj: JsonObject,
  key: string,
  path: string,
  type: K,
): JsonTypes[K] | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== type)
    throw new HfJsonError(`${path}.${key}`, `expected a ${type}, got ${describe(value)}`);
  if (typeof value === "string" && hasLoneSurrogate(value)) {
    throw new HfJsonError(`${path}.${key}`, "string contains a lone surrogate");
  }
  return value as JsonTypes[K];
}

/** `{ token: id }` (HF's `HashMap<String, u32>`). */
function readVocab(value: unknown, path: string): Map<string, number> {
  const obj = expectObject(value, path);
  const vocab = new Map<string, number>();
  const tokens = Object.keys(obj);
  checkEntryCount(tokens.length, path);
  // The entry's path is only spelled out for an error: building it for each of 128k tokens
  // was a sixth of loading Llama 3's tokenizer.json.
  const at = (token: string) => `${path}[${JSON.stringify(token)}]`;
  for (const token of tokens) {
    if (hasLoneSurrogate(token)) throw new HfJsonError(at(token), "token contains a lone surrogate");
    const id = obj[token];
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id > 0xffffffff) {
      throw new HfJsonError(at(token), `expected an integer id in [0, 2^32), got ${describe(id)}`);
    }
    if (id > MAX_ID) throw new HfJsonError(at(token), `ids above 2^31 - 1 are not supported: ${id}`);
    vocab.set(token, id);
  }
  return vocab;
}

/**
 * Either merges spelling, not mixed (serde's untagged `MergeType`: all pairs, or all strings).
 * A pair is exactly two strings. Validated in place, not copied.
 */
function readMerges(value: unknown, path: string): ReadonlyArray<MergeInput> {
  if (!Array.isArray(value)) throw new HfJsonError(path, `expected an array, got ${describe(value)}`);
  checkEntryCount(value.length, path);
  const legacy = value.length > 0 && typeof value[0] === "string";
  for (let i = 0; i < value.length; i++) {
    const merge: unknown = value[i];
    if (legacy) {
      if (typeof merge !== "string")
        throw new HfJsonError(`${path}[${i}]`, `expected a string like "a b", got ${describe(merge)}`);
      if (hasLoneSurrogate(merge)) throw new HfJsonError(`${path}[${i}]`, "string contains a lone surrogate");
    } else {
      if (
        !Array.isArray(merge) ||
        merge.length !== 2 ||
        typeof merge[0] !== "string" ||
        typeof merge[1] !== "string"
      ) {
        throw new HfJsonError(`${path}[${i}]`, `expected a pair [string, string], got ${describe(merge)}`);
      }
      if (hasLoneSurrogate(merge[0]) || hasLoneSurrogate(merge[1])) {
        throw new HfJsonError(`${path}[${i}]`, "string contains a lone surrogate");
      }
    }
  }
  // Checked above: every element is a merge of one spelling; the parsed array is used as is.
  return value as MergeInput[];
}

function expectObject(value: unknown, path: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HfJsonError(path, `expected an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}
