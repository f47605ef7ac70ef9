/**
 * How a Hugging Face vocabulary spells bytes in its token strings. tokenizer.json stores
 * tokens as strings, and the same string means different bytes under different conventions:
 * `Ġthe` is " the" in a byte-level BPE and literally "Ġthe" elsewhere. The decoder (or, failing
 * that, the pre-tokenizer and model) says which convention the vocabulary was built with.
 */
import { WordPiece } from "../models/wordpiece.js";
import type { ByteSchemeKind } from "../tokenizer.js";
import type { HfTokenizerParts } from "./tokenizer.js";

/** The convention of one vocabulary, with the parameters needed to undo it. */
export interface ByteScheme {
  /** Never `bytes`: tokenizer.json stores token strings, not bytes. */
  readonly kind: Exclude<ByteSchemeKind, "bytes">;
  /** `sentencepiece`: the character that stands for a space (default `▁`). */
  readonly spaceMark: string;
  /** `sentencepiece`: whether `<0xAB>` tokens are bytes (a `ByteFallback` decoder or model flag). */
  readonly byteFallback: boolean;
  /** `wordpiece`: the continuation prefix (default `##`). */
  readonly continuationPrefix: string;
}

interface Component {
  readonly type?: string;
  readonly decoders?: readonly Component[];
  readonly preTokenizers?: readonly Component[];
  readonly replacement?: string;
  readonly pattern?: { String?: string };
  readonly content?: string;
  readonly prefix?: string;
}

/** A component and, for a `Sequence`, the components inside it, depth first. */
function flatten(c: Component | null | undefined): Component[] {
  if (c === null || c === undefined) return [];
  const inner = c.decoders ?? c.preTokenizers;
  return inner === undefined ? [c] : inner.flatMap(flatten);
}

/**
 * Reads the byte convention of a Hugging Face tokenizer off its decoder (what turns tokens back
 * into text, so the authority on what they mean), then its pre-tokenizer, normalizer and model.
 *
 * @example
 * byteSchemeOf(llama3).kind; // "byte-level"
 * byteSchemeOf(llama2); // { kind: "sentencepiece", spaceMark: "▁", byteFallback: true, ... }
 */
export function byteSchemeOf(
  tok: Pick<HfTokenizerParts, "decoder" | "preTokenizer" | "normalizer" | "model">,
): ByteScheme {
  const decoders = flatten(tok.decoder as Component | null);
  const pre = flatten(tok.preTokenizer as Component | null);
  const model = tok.model as { byteFallback?: boolean; continuingSubwordPrefix?: string | null };
  const normalizer = tok.normalizer as Component | null;
  const has = (list: Component[], type: string) => list.some((c) => c.type === type);
  let spaceMark = "\u2581";
  const base = { spaceMark, byteFallback: false, continuationPrefix: "##" };

  if (has(decoders, "ByteLevel") || has(pre, "ByteLevel") || normalizer?.type === "ByteLevel") {
    return { ...base, kind: "byte-level" };
  }
  const wordPiece = decoders.find((c) => c.type === "WordPiece");
  if (wordPiece !== undefined || tok.model instanceof WordPiece) {
    const prefix = wordPiece?.prefix ?? model.continuingSubwordPrefix ?? "##";
    return { ...base, kind: "wordpiece", continuationPrefix: prefix };
  }
  // A SentencePiece .model's own decoder spells spaces as Metaspace does.
  const metaspace =
    decoders.find((c) => c.type === "Metaspace" || c.type === "SentencePiece") ??
    pre.find((c) => c.type === "Metaspace");
  const toSpace = decoders.find((c) => c.type === "Replace" && c.content === " " && c.pattern?.String);
  const byteFallback = has(decoders, "ByteFallback") || model.byteFallback === true;
  if (metaspace?.replacement !== undefined) spaceMark = metaspace.replacement;
  else if (toSpace?.pattern?.String !== undefined) spaceMark = toSpace.pattern.String;
  if (metaspace !== undefined || toSpace !== undefined || byteFallback) {
    return { ...base, kind: "sentencepiece", spaceMark, byteFallback };
  }
  return { ...base, kind: "plain" };
}
