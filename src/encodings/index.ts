/**
 * The built-in OpenAI encodings (gpt2, r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base,
 * o200k_harmony), loaded lazily: each rank table is a separate module behind a dynamic
 * `import()`, so a bundle only fetches and decodes the encodings it actually uses.
 * Browser-safe: no Node APIs.
 */
import { Encoding } from "../core/encoding.js";
import { encodingNameForModel, getEncodingSpec } from "./spec.js";

export { MODEL_NAMES, modelsOfEncoding } from "./models.js";
export type { BuiltinEncodingInfo } from "./registry.js";
export {
  builtinEncodingInfo,
  ENCODING_NAMES,
  encodingNameForModel,
  findEncodingNameForModel,
  getEncodingSpec,
  isEncodingName,
  listEncodings,
  UnknownEncodingError,
  UnknownModelError,
} from "./spec.js";

const encodingCache = new Map<string, Promise<Encoding>>();

/**
 * Loads a built-in encoding. Cached: every call with the same name returns the same `Encoding`.
 * Rejects with `UnknownEncodingError` (whose `available` lists the names) for an unknown name.
 *
 * @example
 * const enc = await getEncoding("o200k_base");
 * enc.encode("hello world"); // [24912, 2375]
 */
export function getEncoding(name: string): Promise<Encoding> {
  let encoding = encodingCache.get(name);
  if (encoding === undefined) {
    encoding = getEncodingSpec(name).then((spec) => new Encoding(spec));
    encodingCache.set(name, encoding);
    encoding.catch(() => encodingCache.delete(name));
  }
  return encoding;
}

/**
 * Loads the encoding a model uses (tiktoken's model → encoding rules).
 * Rejects with `UnknownModelError` when the model is not recognised.
 *
 * @example
 * const enc = await encodingForModel("gpt-4o");
 * enc.name; // "o200k_base"
 */
export function encodingForModel(model: string): Promise<Encoding> {
  try {
    return getEncoding(encodingNameForModel(model));
  } catch (error) {
    return Promise.reject(error);
  }
}
