/**
 * The tokenizer.json `pre_tokenizer` of a trained tokenizer comes from the piece config
 * (`hfPreTokenizerFor` in src/train/pieces-hf.ts, the byte-level form). A character base needs the
 * same cuts without the byte alphabet; these helpers derive that form and check that a
 * pre-tokenizer fits a base. Browser-safe.
 */
import { GPT2_PATTERN } from "../../core/pretokenize/patterns.js";
import { TrainedBpeError } from "./layout.js";

/** A tokenizer.json pre-tokenizer object. */
export type PreTokenizerJson = Readonly<Record<string, unknown>>;

function isObject(v: unknown): v is PreTokenizerJson {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Calls `visit` on every pre-tokenizer object of `json`, a `Sequence` and each of its members.
 */
function visitAll(json: PreTokenizerJson, visit: (p: PreTokenizerJson) => void): void {
  visit(json);
  if (json.type === "Sequence" && Array.isArray(json.pretokenizers)) {
    for (const p of json.pretokenizers) if (isObject(p)) visitAll(p, visit);
  }
}

/** The `ByteLevel` objects in `json` (none for `null`). */
export function byteLevelSteps(json: PreTokenizerJson | null): PreTokenizerJson[] {
  const found: PreTokenizerJson[] = [];
  if (json !== null) visitAll(json, (p) => p.type === "ByteLevel" && found.push(p));
  return found;
}

/**
 * The same cuts without the byte alphabet, for a character-base tokenizer: a `ByteLevel` with
 * `use_regex` becomes `Split` on the GPT-2 pattern (the regex ByteLevel runs, verbatim), a
 * `ByteLevel` without it disappears, and a `Sequence` keeps its other members (collapsing to one
 * member or to `null`). A prefix space has no character-level equivalent here, so
 * `add_prefix_space: true` is refused.
 *
 * @example
 * ```ts
 * withoutByteLevel({ type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true });
 * // { type: "Split", pattern: { Regex: "'s|'t|…" }, behavior: "Isolated", invert: false }
 * withoutByteLevel({ type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false }); // null
 * ```
 */
export function withoutByteLevel(json: PreTokenizerJson | null): PreTokenizerJson | null {
  if (json === null) return null;
  if (json.type === "ByteLevel") {
    if (json.add_prefix_space === true) {
      throw new TrainedBpeError(
        "a ByteLevel pre-tokenizer with add_prefix_space has no character-level form",
      );
    }
    if (json.use_regex === false) return null;
    return { type: "Split", pattern: { Regex: GPT2_PATTERN }, behavior: "Isolated", invert: false };
  }
  if (json.type === "Sequence" && Array.isArray(json.pretokenizers)) {
    const kept = json.pretokenizers
      .map((p) => (isObject(p) ? withoutByteLevel(p) : p))
      .filter((p): p is PreTokenizerJson => p !== null);
    if (kept.length === 0) return null;
    return kept.length === 1 ? kept[0] : { type: "Sequence", pretokenizers: kept };
  }
  return json;
}

/**
 * Checks that `json` suits a base: a byte-level vocabulary only has tokens for the byte
 * alphabet, so exactly one `ByteLevel` step must write it; a character vocabulary with byte
 * fallback must see raw characters, so none may.
 */
export function checkPreTokenizerForBase(json: PreTokenizerJson | null, base: "byte" | "char"): void {
  if (json !== null && !isObject(json)) throw new TrainedBpeError("pre_tokenizer must be an object or null");
  const steps = byteLevelSteps(json).length;
  if (base === "byte" && steps !== 1) {
    throw new TrainedBpeError(
      `a byte-level base needs exactly one ByteLevel step in pre_tokenizer, found ${steps}`,
    );
  }
  if (base === "char" && steps !== 0) {
    throw new TrainedBpeError(
      "a character base must not have a ByteLevel pre-tokenizer (use withoutByteLevel on the piece config's)",
    );
  }
}
