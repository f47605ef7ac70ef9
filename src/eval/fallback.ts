/**
 * Byte-fallback tokens: SentencePiece-style `<0xAB>` tokens that a BPE or Unigram model with
 * `byte_fallback` emits for characters outside its vocabulary. Byte-level tokenizers (tiktoken,
 * GPT-2-style ByteLevel) have no such tokens: every byte is an ordinary token there.
 */
import type { HfTokenizer } from "../core/hf/tokenizer.js";
import type { EvalTokenizer } from "./subject.js";

const cache = new WeakMap<HfTokenizer, ReadonlySet<number>>();

/**
 * The ids of the tokenizer's byte-fallback tokens (empty when its model has no byte fallback).
 *
 * @example
 * byteFallbackIds(llama2).size; // 256
 */
export function byteFallbackIds(tok: EvalTokenizer): ReadonlySet<number> {
  const hf = tok.hf;
  if (hf === undefined) return new Set();
  let ids = cache.get(hf);
  if (ids === undefined) {
    const found = new Set<number>();
    if ((hf.model as { byteFallback?: boolean }).byteFallback === true) {
      for (let b = 0; b < 256; b++) {
        const id = hf.tokenToId(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
        if (id !== undefined) found.add(id);
      }
    }
    ids = found;
    cache.set(hf, ids);
  }
  return ids;
}

const byteLevelCache = new WeakMap<HfTokenizer, boolean>();

/**
 * Whether the HF tokenizer decodes with ByteLevel (GPT-2's byte-to-character map): then each
 * character of a (non-added) token string stands for exactly one byte, so a token's byte length
 * is the code-point length of its string, even for tokens that hold part of a character.
 *
 * @example
 * isByteLevelHf(llama3); // true
 */
export function isByteLevelHf(tok: EvalTokenizer): boolean {
  const hf = tok.hf;
  if (hf === undefined) return false;
  let yes = byteLevelCache.get(hf);
  if (yes === undefined) {
    const types: string[] = [];
    const walk = (d: { type: string; decoders?: readonly { type: string }[] } | null) => {
      if (d === null) return;
      types.push(d.type);
      for (const inner of d.decoders ?? []) walk(inner);
    };
    walk(hf.decoder as { type: string; decoders?: readonly { type: string }[] } | null);
    yes = types.includes("ByteLevel");
    byteLevelCache.set(hf, yes);
  }
  return yes;
}
