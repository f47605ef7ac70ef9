/**
 * tokenizer.json `normalizer` → a {@link Normalizer}, validating every field the way the
 * Hugging Face library requires it and naming the JSON path of anything wrong.
 */
import {
  BertNormalizer,
  ByteLevelNormalizer,
  Lowercase,
  NFC,
  NFD,
  NFKC,
  NFKD,
  Nmt,
  type Normalizer,
  NormalizerSequence,
  Precompiled,
  Prepend,
  Replace,
  Strip,
  StripAccents,
} from "../../core/normalize/index.js";
import { decodeBase64 } from "../base64.js";
import { HfJsonError } from "./errors.js";
import { bool, type Json, object, str } from "./json-fields.js";

/**
 * Builds the normalizer described by a tokenizer.json `normalizer` value (`null` → `null`).
 *
 * @example
 * const n = normalizerFromJson({ type: "Sequence", normalizers: [{ type: "Prepend", prepend: "▁" }] });
 * normalizeText(n!, "Hi"); // "▁Hi"
 * normalizerFromJson({ type: "Foo" }); // throws 'normalizer.type: unknown "Foo"'
 */
export function normalizerFromJson(json: unknown, path = "normalizer"): Normalizer | null {
  if (json === null || json === undefined) return null;
  const o = object(json, path);
  const type = o.type;
  if (type === undefined) return untagged(o, path);
  if (typeof type !== "string") throw new HfJsonError(`${path}.type`, "expected a string");
  return typed(type, o, path);
}

/**
 * The untagged forms HF's serde accepts (a normalizer object without `type`): the first of these
 * whose fields are all there, in HF's order (checked against the binding).
 */
const UNTAGGED = ["BertNormalizer", "Strip", "Sequence", "Replace", "Prepend"] as const;

function untagged(o: Json, path: string): Normalizer {
  for (const type of UNTAGGED) {
    try {
      return typed(type, o, path);
    } catch (e) {
      if (!(e instanceof HfJsonError)) throw e;
    }
  }
  throw new HfJsonError(
    path,
    `no "type", and the fields match no normalizer (${UNTAGGED.join(", ")} can omit it)`,
  );
}

function typed(type: string, o: Json, path: string): Normalizer {
  switch (type) {
    case "NFC":
      return new NFC();
    case "NFD":
      return new NFD();
    case "NFKC":
      return new NFKC();
    case "NFKD":
      return new NFKD();
    case "Lowercase":
      return new Lowercase();
    case "StripAccents":
      return new StripAccents();
    case "Nmt":
      return new Nmt();
    case "ByteLevel":
      return new ByteLevelNormalizer();
    case "Strip":
      return new Strip(bool(o, "strip_left", path), bool(o, "strip_right", path));
    case "Prepend":
      return new Prepend(str(o, "prepend", path));
    case "BertNormalizer": {
      const strip = o.strip_accents;
      if (strip !== undefined && strip !== null && typeof strip !== "boolean") {
        throw new HfJsonError(`${path}.strip_accents`, "expected a boolean or null");
      }
      return new BertNormalizer({
        cleanText: bool(o, "clean_text", path),
        handleChineseChars: bool(o, "handle_chinese_chars", path),
        stripAccents: strip ?? null,
        lowercase: bool(o, "lowercase", path),
      });
    }
    case "Replace": {
      const p = object(o.pattern, `${path}.pattern`);
      const content = str(o, "content", path);
      const keys = Object.keys(p);
      if (keys.length !== 1 || (keys[0] !== "String" && keys[0] !== "Regex")) {
        throw new HfJsonError(`${path}.pattern`, 'expected {"String": ...} or {"Regex": ...}');
      }
      const kind = keys[0] as "String" | "Regex";
      const value = str(p, kind, `${path}.pattern`);
      try {
        return new Replace(kind === "String" ? { String: value } : { Regex: value }, content);
      } catch (e) {
        throw new HfJsonError(`${path}.pattern.${kind}`, (e as Error).message);
      }
    }
    case "Precompiled": {
      const b64 = str(o, "precompiled_charsmap", path);
      let bytes: Uint8Array;
      try {
        bytes = decodeBase64(b64);
      } catch (e) {
        throw new HfJsonError(`${path}.precompiled_charsmap`, `bad base64: ${(e as Error).message}`);
      }
      try {
        return new Precompiled(bytes);
      } catch (e) {
        throw new HfJsonError(`${path}.precompiled_charsmap`, (e as Error).message);
      }
    }
    case "Sequence": {
      const list = o.normalizers;
      if (!Array.isArray(list)) throw new HfJsonError(`${path}.normalizers`, "expected an array");
      return new NormalizerSequence(
        list.map((item, i) => {
          const n = normalizerFromJson(item, `${path}.normalizers[${i}]`);
          if (n === null) throw new HfJsonError(`${path}.normalizers[${i}]`, "null normalizer");
          return n;
        }),
      );
    }
    default:
      throw new HfJsonError(`${path}.type`, `unknown ${JSON.stringify(type)}`);
  }
}
