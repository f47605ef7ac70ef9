import type { Encoding } from "../core/encoding.js";
import type { HfTokenizer } from "../core/hf/tokenizer.js";

/**
 * What measurement needs from a tokenizer, whatever its kind (a tiktoken-style {@link Encoding}
 * or a Hugging Face {@link HfTokenizer}). Metrics, parity, domain efficiency and audits take
 * this, so every analysis runs the same encoder the CLI and the library use.
 */
export interface EvalTokenizer {
  /** As the user named it (e.g. `o200k_base`, `./my/tokenizer.json`). */
  readonly name: string;
  readonly kind: "tiktoken" | "huggingface";
  /**
   * Ids of ordinary text: tiktoken's `encode_ordinary`; HF's `encode(text,
   * add_special_tokens=False)` (added tokens in the text recognised, no template).
   */
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  /** Ids run from 0 to `vocabSize - 1` (holes allowed). */
  readonly vocabSize: number;
  /** Special (control) tokens: never produced from ordinary text by a tiktoken encoding. */
  isSpecial(id: number): boolean;
  /** The model's unknown token (HF `unk_token`), if any. */
  readonly unknownId: number | null;
  /** The underlying tokenizer, for analyses that need more (vocabulary bytes, merges). */
  readonly encoding?: Encoding;
  readonly hf?: HfTokenizer;
}

/**
 * Adapts a tiktoken-style encoding.
 *
 * @example
 * const t = evalTokenizerFromEncoding(await getEncoding("o200k_base"));
 * t.encode("hello world"); // [24912, 2375]
 */
export function evalTokenizerFromEncoding(enc: Encoding, name = enc.name): EvalTokenizer {
  const specialIds = new Set(Object.values(enc.specialTokens));
  return {
    name,
    kind: "tiktoken",
    encode: (text) => enc.encodeOrdinary(text),
    decode: (ids) => enc.decode(ids),
    vocabSize: enc.nVocab,
    isSpecial: (id) => specialIds.has(id),
    unknownId: null,
    encoding: enc,
  };
}

/**
 * Adapts a Hugging Face tokenizer.
 *
 * @example
 * const t = evalTokenizerFromHf(loadTokenizerJson(json), "llama3");
 */
export function evalTokenizerFromHf(tok: HfTokenizer, name: string): EvalTokenizer {
  return {
    name,
    kind: "huggingface",
    encode: (text) => tok.encodeIds(text, { addSpecialTokens: false }),
    decode: (ids) => tok.decode([...ids], { skipSpecialTokens: false }),
    vocabSize: tok.vocabSize,
    isSpecial: (id) => {
      const token = tok.idToToken(id);
      return token !== undefined && tok.addedVocabulary.isSpecialToken(token);
    },
    unknownId: unknownIdOf(tok),
    hf: tok,
  };
}

/** The model's unknown-token id: WordPiece/WordLevel/BPE name it, Unigram numbers it. */
function unknownIdOf(tok: HfTokenizer): number | null {
  const model = tok.model as { unkToken?: string | null; unkId?: number };
  if (typeof model.unkId === "number") return model.unkId;
  if (typeof model.unkToken === "string") return tok.tokenToId(model.unkToken) ?? null;
  return null;
}
