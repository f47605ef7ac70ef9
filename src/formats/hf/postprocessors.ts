/**
 * tokenizer.json `post_processor` → a {@link PostProcessor}, accepting what the Hugging Face
 * library accepts and naming the JSON path of anything wrong.
 */
import {
  BertProcessing,
  ByteLevelProcessing,
  type PostProcessor,
  PostProcessorSequence,
  RobertaProcessing,
  type SpecialPair,
  type TemplatePiece,
  TemplateProcessing,
  type TemplateSpecialToken,
} from "../../core/hf-postprocess/index.js";
import { HfJsonError } from "./errors.js";
import { array, bool, type Json, object, str, u32 } from "./json-fields.js";

const KNOWN = ["RobertaProcessing", "BertProcessing", "ByteLevel", "TemplateProcessing", "Sequence"];

/**
 * Builds the post-processor described by a tokenizer.json `post_processor` value (`null` →
 * `null`).
 *
 * HF reads this field as an untagged enum, trying RobertaProcessing, BertProcessing, ByteLevel,
 * TemplateProcessing, Sequence in that order, and only ByteLevel and Sequence check `type`. So
 * we do the same: a `"BertProcessing"` that also has `trim_offsets` and `add_prefix_space` is a
 * RobertaProcessing, exactly as in HF. When nothing fits, the error is the one of the variant
 * `type` names (or `unknown` for an unknown type).
 *
 * @example
 * const p = postProcessorFromJson({ type: "BertProcessing", sep: ["[SEP]", 102], cls: ["[CLS]", 101] });
 * p!.addedTokens(true); // 3
 * postProcessorFromJson({ type: "Foo" }); // throws 'post_processor.type: unknown "Foo"'
 */
export function postProcessorFromJson(json: unknown, path = "post_processor"): PostProcessor | null {
  if (json === null || json === undefined) return null;
  const o = object(json, path);
  const type = o.type;
  const attempts: [string, () => PostProcessor][] = [
    ["RobertaProcessing", () => roberta(o, path)],
    ["BertProcessing", () => bert(o, path)],
    ["ByteLevel", () => byteLevel(o, path)],
    ["TemplateProcessing", () => template(o, path)],
    ["Sequence", () => sequence(o, path)],
  ];
  const errors = new Map<string, HfJsonError>();
  for (const [name, build] of attempts) {
    try {
      return build();
    } catch (e) {
      if (!(e instanceof HfJsonError)) throw e;
      errors.set(name, e);
    }
  }
  if (typeof type === "string" && KNOWN.includes(type)) throw errors.get(type)!;
  if (type === undefined) throw new HfJsonError(`${path}.type`, "missing");
  throw new HfJsonError(`${path}.type`, `unknown ${JSON.stringify(type)}`);
}

function roberta(o: Json, path: string): PostProcessor {
  return new RobertaProcessing(
    special(o, "sep", path),
    special(o, "cls", path),
    bool(o, "trim_offsets", path),
    bool(o, "add_prefix_space", path),
  );
}

function bert(o: Json, path: string): PostProcessor {
  return new BertProcessing(special(o, "sep", path), special(o, "cls", path));
}

function byteLevel(o: Json, path: string): PostProcessor {
  if (o.type !== "ByteLevel") throw new HfJsonError(`${path}.type`, 'expected "ByteLevel"');
  const useRegex = o.use_regex === undefined ? true : bool(o, "use_regex", path);
  return new ByteLevelProcessing(bool(o, "trim_offsets", path), bool(o, "add_prefix_space", path), useRegex);
}

function sequence(o: Json, path: string): PostProcessor {
  if (o.type !== "Sequence") throw new HfJsonError(`${path}.type`, 'expected "Sequence"');
  const list = o.processors;
  if (!Array.isArray(list)) throw new HfJsonError(`${path}.processors`, "expected an array");
  return new PostProcessorSequence(
    list.map((item, i) => {
      const p = postProcessorFromJson(item, `${path}.processors[${i}]`);
      if (p === null)
        throw new HfJsonError(`${path}.processors[${i}]`, "expected a post-processor, got null");
      return p;
    }),
  );
}

function template(o: Json, path: string): PostProcessor {
  const single = pieces(o.single, `${path}.single`);
  const pair = pieces(o.pair, `${path}.pair`);
  const map = object(o.special_tokens, `${path}.special_tokens`);
  const specialTokens = new Map<string, TemplateSpecialToken>();
  for (const [key, value] of Object.entries(map)) {
    const p = `${path}.special_tokens[${JSON.stringify(key)}]`;
    const t = object(value, p);
    str(t, "id", p);
    const ids = array(t.ids, `${p}.ids`).map((v, i) => u32(v, `${p}.ids[${i}]`));
    const tokens = array(t.tokens, `${p}.tokens`).map((v, i) => {
      if (typeof v !== "string") throw new HfJsonError(`${p}.tokens[${i}]`, "expected a string");
      return v;
    });
    // HF accepts different lengths and then builds encodings whose arrays disagree; we refuse.
    if (ids.length !== tokens.length) {
      throw new HfJsonError(p, `${ids.length} ids but ${tokens.length} tokens`);
    }
    specialTokens.set(key, { ids, tokens });
  }
  return new TemplateProcessing(single, pair, specialTokens);
}

function pieces(v: unknown, path: string): TemplatePiece[] {
  return array(v, path).map((item, i) => {
    const p = `${path}[${i}]`;
    const o = object(item, p);
    const keys = Object.keys(o);
    if (keys.length !== 1 || (keys[0] !== "Sequence" && keys[0] !== "SpecialToken")) {
      throw new HfJsonError(p, 'expected {"Sequence": ...} or {"SpecialToken": ...}');
    }
    const inner = object(o[keys[0]], `${p}.${keys[0]}`);
    const ip = `${p}.${keys[0]}`;
    const typeId = u32(inner.type_id, `${ip}.type_id`);
    if (keys[0] === "SpecialToken") return { kind: "special", id: str(inner, "id", ip), typeId };
    const id = inner.id;
    if (id !== "A" && id !== "B") throw new HfJsonError(`${ip}.id`, 'expected "A" or "B"');
    return { kind: "sequence", sequence: id, typeId };
  });
}

function special(o: Json, key: string, path: string): SpecialPair {
  const v = o[key];
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== "string") {
    throw new HfJsonError(`${path}.${key}`, "expected [token, id]");
  }
  return [v[0], u32(v[1], `${path}.${key}[1]`)];
}
