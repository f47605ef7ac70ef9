/**
 * tokenizer.json `pre_tokenizer` → an {@link HfPreTokenizer}, validating every field the way the
 * Hugging Face library requires it and naming the JSON path of anything wrong.
 */
import { FixedLength } from "../../core/hf-pretokenize/fixed-length.js";
import {
  BertPreTokenizer,
  ByteLevel,
  CharDelimiterSplit,
  Digits,
  type HfPreTokenizer,
  Metaspace,
  type PrependScheme,
  PreTokenizerSequence,
  Punctuation,
  SPLIT_BEHAVIORS,
  Split,
  type SplitDelimiterBehavior,
  UnicodeScripts,
  Whitespace,
  WhitespaceSplit,
} from "../../core/hf-pretokenize/index.js";
import { HfJsonError } from "./errors.js";
import { bool, char, type Json, object, str } from "./json-fields.js";

/**
 * Builds the pre-tokenizer described by a tokenizer.json `pre_tokenizer` value (`null` → `null`).
 *
 * @example
 * const p = preTokenizerFromJson({ type: "ByteLevel", add_prefix_space: false, trim_offsets: true });
 * preTokenize(p!, "Hi there").map((x) => x.text); // ["Hi", "Ġthere"]
 * preTokenizerFromJson({ type: "Sequence", pretokenizers: [{ type: "Foo" }] });
 * // throws 'pre_tokenizer.pretokenizers[0].type: unknown "Foo"'
 */
export function preTokenizerFromJson(json: unknown, path = "pre_tokenizer"): HfPreTokenizer | null {
  if (json === null || json === undefined) return null;
  const o = object(json, path);
  const type = o.type;
  if (typeof type !== "string") throw new HfJsonError(`${path}.type`, "missing or not a string");
  switch (type) {
    case "ByteLevel":
      return new ByteLevel({
        addPrefixSpace: bool(o, "add_prefix_space", path),
        trimOffsets: bool(o, "trim_offsets", path),
        useRegex: bool(o, "use_regex", path, true),
      });
    case "Metaspace": {
      const replacement = char(o, "replacement", path);
      const scheme = o.prepend_scheme ?? "always";
      if (scheme !== "always" && scheme !== "first" && scheme !== "never") {
        throw new HfJsonError(`${path}.prepend_scheme`, 'expected "always", "first" or "never"');
      }
      let prependScheme = scheme as PrependScheme;
      const legacy = o.add_prefix_space;
      if (legacy !== undefined && legacy !== null && typeof legacy !== "boolean") {
        throw new HfJsonError(`${path}.add_prefix_space`, "expected a boolean");
      }
      if (legacy === false) {
        // HF: the legacy flag may only agree with the scheme.
        if (prependScheme !== "never") {
          throw new HfJsonError(
            `${path}.add_prefix_space`,
            "add_prefix_space does not match declared prepend_scheme",
          );
        }
        prependScheme = "never";
      }
      return new Metaspace({ replacement, prependScheme, split: bool(o, "split", path, true) });
    }
    case "Split": {
      const p = object(o.pattern, `${path}.pattern`);
      const keys = Object.keys(p);
      if (keys.length !== 1 || (keys[0] !== "String" && keys[0] !== "Regex")) {
        throw new HfJsonError(`${path}.pattern`, 'expected {"String": ...} or {"Regex": ...}');
      }
      const kind = keys[0] as "String" | "Regex";
      const value = str(p, kind, `${path}.pattern`);
      const behavior = behaviorOf(o, path, undefined);
      const invert = bool(o, "invert", path);
      try {
        return new Split(kind === "String" ? { String: value } : { Regex: value }, behavior, invert);
      } catch (e) {
        throw new HfJsonError(`${path}.pattern.${kind}`, (e as Error).message);
      }
    }
    case "Whitespace":
      return new Whitespace();
    case "WhitespaceSplit":
      return new WhitespaceSplit();
    case "BertPreTokenizer":
      return new BertPreTokenizer();
    case "UnicodeScripts":
      return new UnicodeScripts();
    case "Punctuation":
      return new Punctuation(behaviorOf(o, path, "Isolated"));
    case "Digits":
      return new Digits(bool(o, "individual_digits", path));
    case "CharDelimiterSplit":
      return new CharDelimiterSplit(char(o, "delimiter", path));
    case "FixedLength": {
      const length = o.length ?? 5;
      if (typeof length !== "number" || !Number.isInteger(length) || length < 0) {
        throw new HfJsonError(`${path}.length`, "expected a non-negative integer");
      }
      return new FixedLength(length);
    }
    case "Sequence": {
      const list = o.pretokenizers;
      if (!Array.isArray(list)) throw new HfJsonError(`${path}.pretokenizers`, "expected an array");
      return new PreTokenizerSequence(
        list.map((item, i) => {
          const p = preTokenizerFromJson(item, `${path}.pretokenizers[${i}]`);
          if (p === null) throw new HfJsonError(`${path}.pretokenizers[${i}]`, "null pre-tokenizer");
          return p;
        }),
      );
    }
    default:
      throw new HfJsonError(`${path}.type`, `unknown ${JSON.stringify(type)}`);
  }
}

function behaviorOf(
  o: Json,
  path: string,
  fallback: SplitDelimiterBehavior | undefined,
): SplitDelimiterBehavior {
  const v = o.behavior ?? fallback;
  if (typeof v !== "string" || !(SPLIT_BEHAVIORS as readonly string[]).includes(v)) {
    throw new HfJsonError(`${path}.behavior`, `expected one of ${SPLIT_BEHAVIORS.join(", ")}`);
  }
  return v as SplitDelimiterBehavior;
}
