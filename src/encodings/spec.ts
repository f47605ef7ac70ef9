import type { EncodingSpec } from "../core/types.js";
import { lookupModelEncoding } from "./models.js";
import { BUILTIN_ENCODINGS, type BuiltinEncodingInfo } from "./registry.js";

/** Names of the built-in encodings, e.g. for a CLI's `--encoding` choices. */
export const ENCODING_NAMES: readonly string[] = Object.freeze([...BUILTIN_ENCODINGS.keys()]);

/** Thrown for a name that is not a built-in encoding; `available` lists the valid names. */
export class UnknownEncodingError extends Error {
  readonly available: readonly string[] = ENCODING_NAMES;
  constructor(readonly encoding: string) {
    super(`Unknown encoding "${encoding}". Available encodings: ${ENCODING_NAMES.join(", ")}`);
    this.name = "UnknownEncodingError";
  }
}

/** Thrown when no rule maps a model name to an encoding. */
export class UnknownModelError extends Error {
  readonly available: readonly string[] = ENCODING_NAMES;
  constructor(readonly model: string) {
    super(
      `Cannot map model "${model}" to an encoding; pass an encoding name instead. ` +
        `Available encodings: ${ENCODING_NAMES.join(", ")}`,
    );
    this.name = "UnknownModelError";
  }
}

/**
 * The names of the built-in encodings.
 *
 * @example
 * listEncodings(); // ["gpt2", "r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base", "o200k_harmony"]
 */
export function listEncodings(): string[] {
  return [...ENCODING_NAMES];
}

/**
 * Whether `name` is a built-in encoding.
 *
 * @example
 * isEncodingName("cl100k_base"); // true
 */
export function isEncodingName(name: string): boolean {
  return BUILTIN_ENCODINGS.has(name);
}

/**
 * The static metadata of a built-in encoding (pattern, special tokens), without loading its
 * ranks. Throws {@link UnknownEncodingError} for an unknown name.
 *
 * @example
 * builtinEncodingInfo("o200k_base").specialTokens["<|endoftext|>"]; // 199999
 */
export function builtinEncodingInfo(name: string): BuiltinEncodingInfo {
  const entry = BUILTIN_ENCODINGS.get(name);
  if (entry === undefined) throw new UnknownEncodingError(name);
  return entry;
}

const specCache = new Map<string, Promise<EncodingSpec>>();

/**
 * Loads the {@link EncodingSpec} of a built-in encoding. Cached per name; encodings that share
 * ranks (p50k_base/p50k_edit, o200k_base/o200k_harmony, gpt2/r50k_base) share one `RankTable`.
 * Rejects with {@link UnknownEncodingError} for an unknown name.
 *
 * @example
 * const spec = await getEncodingSpec("cl100k_base");
 * spec.ranks.offsets.length - 1; // 100256 mergeable ranks
 */
export function getEncodingSpec(name: string): Promise<EncodingSpec> {
  let spec = specCache.get(name);
  if (spec === undefined) {
    const entry = BUILTIN_ENCODINGS.get(name);
    if (entry === undefined) return Promise.reject(new UnknownEncodingError(name));
    spec = entry.loadRanks().then((ranks): EncodingSpec => {
      const result: EncodingSpec = {
        name: entry.name,
        pattern: entry.pattern,
        ranks,
        specialTokens: entry.specialTokens,
        ...(entry.explicitNVocab === undefined ? {} : { explicitNVocab: entry.explicitNVocab }),
        ...(entry.chat === undefined ? {} : { chat: entry.chat }),
      };
      return Object.freeze(result);
    });
    specCache.set(name, spec);
    spec.catch(() => specCache.delete(name));
  }
  return spec;
}

/**
 * The name of the encoding a model uses, by tiktoken's rules (exact name, then prefix).
 * Throws {@link UnknownModelError} when no rule matches.
 *
 * @example
 * encodingNameForModel("gpt-4o-2024-08-06"); // "o200k_base"
 * encodingNameForModel("gpt-3.5-turbo"); // "cl100k_base"
 */
export function encodingNameForModel(model: string): string {
  const name = findEncodingNameForModel(model);
  if (name === undefined) throw new UnknownModelError(model);
  return name;
}

/**
 * Like {@link encodingNameForModel} but returns `undefined` for an unknown model (for callers
 * that try several interpretations of a name, such as the CLI).
 *
 * @example
 * findEncodingNameForModel("gpt-oss-20b"); // "o200k_harmony"
 * findEncodingNameForModel("./vocab.tiktoken"); // undefined
 */
export function findEncodingNameForModel(model: string): string | undefined {
  return lookupModelEncoding(model);
}
