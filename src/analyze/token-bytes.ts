/**
 * The bytes of every token of a vocabulary, whatever its format. Every vocabulary analysis
 * (partial UTF-8, byte-fallback duplicates, scripts) is a question about these bytes; each
 * tokenizer works them out from its own spelling convention (`Tokenizer.token`).
 */
import type { TokenInfo, Tokenizer } from "../core/tokenizer.js";

/**
 * Every token of the vocabulary with its bytes, in id order (ids with no token are skipped).
 *
 * @example
 * const all = vocabularyBytes(llama2);
 * all.find((t) => t.piece === "<0x0A>")?.bytes; // Uint8Array [10]
 * all.find((t) => t.piece === "▁the")?.bytes; // the bytes of " the"
 */
export function vocabularyBytes(tok: Tokenizer): TokenInfo[] {
  const out: TokenInfo[] = [];
  for (let id = 0; id < tok.vocabSize; id++) {
    const info = tok.token(id);
    if (info !== undefined) out.push(info);
  }
  return out;
}
