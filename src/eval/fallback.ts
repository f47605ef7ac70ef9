/**
 * Byte-fallback tokens: SentencePiece-style `<0xAB>` tokens that a BPE or Unigram model with
 * `byte_fallback` emits for characters outside its vocabulary. Byte-level tokenizers (tiktoken,
 * GPT-2-style ByteLevel) have no such tokens: every byte is an ordinary token there.
 */
import type { Tokenizer } from "../core/tokenizer.js";

const cache = new WeakMap<Tokenizer, ReadonlySet<number>>();

/**
 * The ids of the tokenizer's byte-fallback tokens (empty when it has none).
 *
 * @example
 * byteFallbackIds(llama2).size; // 256
 */
export function byteFallbackIds(tok: Tokenizer): ReadonlySet<number> {
  let ids = cache.get(tok);
  if (ids === undefined) {
    const found = new Set<number>();
    for (let b = 0; b < 256; b++) {
      const id = tok.tokenId(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
      if (id !== undefined && tok.token(id)?.form === "byte") found.add(id);
    }
    ids = found;
    cache.set(tok, ids);
  }
  return ids;
}
