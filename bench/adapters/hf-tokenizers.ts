import { join } from "node:path";
import type { Adapter, AsyncTokenizer } from "./types.js";

/** Directory where the parent wrote the converted tokenizer.json files (see hf/tokenizer-json.ts). */
export const HF_PATHS_ENV = "TOKLAB_BENCH_HF_JSON";

/**
 * Hugging Face tokenizers (Rust, N-API binding) on a tokenizer.json converted from tiktoken's
 * ranks. The parent passes the file paths as JSON `{encoding: path}` in the environment, so the
 * child's load time is only what a user pays: reading and building the tokenizer.
 */
export const hfTokenizersAdapter: Adapter = {
  name: "hf-tokenizers",
  packageName: "tokenizers",
  encodings: ["o200k_base", "cl100k_base", "r50k_base"],
  cacheNote: "BPE word cache on (not configurable from tokenizer.json or the Node binding)",
  async load(encoding) {
    const paths = JSON.parse(process.env[HF_PATHS_ENV] ?? "{}") as Record<string, string>;
    const path = paths[encoding];
    if (!path) throw new Error(`no converted tokenizer.json for ${encoding} (set ${HF_PATHS_ENV})`);
    const { Tokenizer } = await import("tokenizers");
    const tok = Tokenizer.fromFile(join(path));
    const options = { addSpecialTokens: false };
    const tokenizer: AsyncTokenizer = {
      kind: "async",
      // One sequence per call: encodeBatch would spread work over Rayon threads, and every other
      // library here runs on one thread.
      encode: async (text) => (await tok.encode(text, null, options)).getIds(),
      decode: (ids) => tok.decode(Array.from(ids), false),
    };
    return tokenizer;
  },
};
