import type { Adapter, SyncTokenizer } from "./types.js";

/** The part of tiktoken-node's API the benchmark uses. */
interface NativeEncoding {
  encode(text: string): number[];
  decode(ids: number[]): string;
}

/**
 * tiktoken-node (npm): tiktoken's Rust core as a native N-API module, prebuilt for linux-x64.
 * Its `getEncoding` knows gpt2, r50k_base, p50k_base and cl100k_base: no o200k_base (0.0.7).
 */
export const tiktokenNodeAdapter: Adapter = {
  name: "tiktoken-node",
  packageName: "tiktoken-node",
  encodings: ["cl100k_base", "r50k_base"],
  cacheNote: "none (tiktoken's core has no merge cache); special tokens always recognised",
  async load(encoding) {
    const mod = (await import("tiktoken-node")) as unknown as {
      getEncoding?: (name: string) => NativeEncoding;
      default?: { getEncoding: (name: string) => NativeEncoding };
    };
    const getEncoding = mod.getEncoding ?? mod.default?.getEncoding;
    if (!getEncoding) throw new Error("tiktoken-node has no getEncoding");
    const enc = getEncoding(encoding);
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      // Its only encode reads special-token text as the special token (an ordinary-text mode is
      // missing): the corpora contain none, the edge cases show the difference.
      encode: (text) => enc.encode(text),
      decode: (ids) => enc.decode(Array.isArray(ids) ? ids : Array.from(ids)),
    };
    return tokenizer;
  },
};
