/**
 * tokenizer.json `decoder` → a {@link Decoder}, accepting exactly the fields the Hugging Face
 * library accepts and naming the JSON path of anything wrong.
 */
import {
  BpeDecoder,
  ByteFallbackDecoder,
  ByteLevelDecoder,
  CtcDecoder,
  type Decoder,
  DecoderSequence,
  FuseDecoder,
  MetaspaceDecoder,
  type PrependScheme,
  ReplaceDecoder,
  StripDecoder,
  WordPieceDecoder,
} from "../../core/hf-decode/index.js";
import { HfJsonError } from "./errors.js";
import { bool, char, type Json, object, optionalBool, str, usize } from "./json-fields.js";

/**
 * Builds the decoder described by a tokenizer.json `decoder` value (`null` → `null`).
 *
 * A `type` HF does not know (or no `type`) is read the way HF's untagged fallback reads it: as
 * the first of BPEDecoder, WordPiece, CTC, Replace, Strip whose fields are all present and
 * valid (those are the decoders whose serde form does not check the tag). Only if none fits is
 * it an error.
 *
 * @example
 * const d = decoderFromJson({ type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Fuse" }] });
 * d!.decodeChain(["<0x41>", "b"]); // ["Ab"]
 * decoderFromJson({ type: "Foo" }); // throws 'decoder.type: unknown "Foo"'
 */
export function decoderFromJson(json: unknown, path = "decoder"): Decoder | null {
  if (json === null || json === undefined) return null;
  const o = object(json, path);
  const type = o.type;
  if (type !== undefined && typeof type !== "string") {
    throw new HfJsonError(`${path}.type`, "expected a string");
  }
  switch (type) {
    case "BPEDecoder":
      return bpe(o, path);
    case "ByteLevel":
      bool(o, "add_prefix_space", path);
      bool(o, "trim_offsets", path);
      if (o.use_regex !== undefined) bool(o, "use_regex", path);
      return new ByteLevelDecoder();
    case "WordPiece":
      return wordPiece(o, path);
    case "Metaspace":
      return metaspace(o, path);
    case "CTC":
      return ctc(o, path);
    case "Sequence": {
      const list = o.decoders;
      if (!Array.isArray(list)) throw new HfJsonError(`${path}.decoders`, "expected an array");
      return new DecoderSequence(
        list.map((item, i) => {
          const d = decoderFromJson(item, `${path}.decoders[${i}]`);
          if (d === null) throw new HfJsonError(`${path}.decoders[${i}]`, "expected a decoder, got null");
          return d;
        }),
      );
    }
    case "Replace":
      return replace(o, path);
    case "Fuse":
      return new FuseDecoder();
    case "Strip":
      return strip(o, path);
    case "ByteFallback":
      return new ByteFallbackDecoder();
    default:
      for (const build of [bpe, wordPiece, ctc, replace, strip]) {
        try {
          return build(o, path);
        } catch (e) {
          if (!(e instanceof HfJsonError)) throw e;
        }
      }
      throw new HfJsonError(
        `${path}.type`,
        type === undefined ? "missing" : `unknown ${JSON.stringify(type)}`,
      );
  }
}

function bpe(o: Json, path: string): Decoder {
  return new BpeDecoder(str(o, "suffix", path));
}

function wordPiece(o: Json, path: string): Decoder {
  return new WordPieceDecoder(str(o, "prefix", path), bool(o, "cleanup", path));
}

function ctc(o: Json, path: string): Decoder {
  return new CtcDecoder(
    str(o, "pad_token", path),
    str(o, "word_delimiter_token", path),
    bool(o, "cleanup", path),
  );
}

function strip(o: Json, path: string): Decoder {
  return new StripDecoder(char(o, "content", path), usize(o, "start", path), usize(o, "stop", path));
}

function replace(o: Json, path: string): Decoder {
  const p = object(o.pattern, `${path}.pattern`);
  const keys = Object.keys(p);
  if (keys.length !== 1 || (keys[0] !== "String" && keys[0] !== "Regex")) {
    throw new HfJsonError(`${path}.pattern`, 'expected {"String": ...} or {"Regex": ...}');
  }
  const kind = keys[0] as "String" | "Regex";
  const value = str(p, kind, `${path}.pattern`);
  const content = str(o, "content", path);
  try {
    return new ReplaceDecoder(kind === "String" ? { String: value } : { Regex: value }, content);
  } catch (e) {
    throw new HfJsonError(`${path}.pattern.${kind}`, (e as Error).message);
  }
}

function metaspace(o: Json, path: string): Decoder {
  const replacement = char(o, "replacement", path);
  let scheme: PrependScheme = "always";
  if (o.prepend_scheme !== undefined) {
    const s = o.prepend_scheme;
    if (s !== "first" && s !== "never" && s !== "always") {
      throw new HfJsonError(`${path}.prepend_scheme`, 'expected "first", "never" or "always"');
    }
    scheme = s;
  }
  const aps = optionalBool(o, "add_prefix_space", path);
  // HF: the legacy `add_prefix_space: false` means "never", and contradicts any other scheme
  // (including the default one).
  if (aps === false) {
    if (scheme !== "never") {
      throw new HfJsonError(
        `${path}.add_prefix_space`,
        "add_prefix_space does not match declared prepend_scheme",
      );
    }
  }
  const split = optionalBool(o, "split", path) ?? true;
  if (o.str_rep !== undefined && o.str_rep !== null && typeof o.str_rep !== "string") {
    throw new HfJsonError(`${path}.str_rep`, "expected a string or null");
  }
  return new MetaspaceDecoder(replacement, scheme, split);
}
