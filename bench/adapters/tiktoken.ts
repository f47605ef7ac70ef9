import type { Adapter, SyncTokenizer } from "./types.js";

const utf8 = new TextDecoder();

/** tiktoken (npm): the Rust core compiled to WASM. It is the exactness reference. */
export const tiktokenAdapter: Adapter = {
  name: "tiktoken",
  packageName: "tiktoken",
  encodings: ["o200k_base", "cl100k_base", "r50k_base"],
  cacheNote: "none (tiktoken has no merge cache)",
  async load(encoding) {
    const { get_encoding } = await import("tiktoken");
    const enc = get_encoding(encoding);
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      // encode_ordinary: no special-token scan, the same work as every other adapter.
      encode: (text) => enc.encode_ordinary(text),
      // decode returns UTF-8 bytes; turning them into a string is part of "ids → string".
      decode: (ids) => utf8.decode(enc.decode(ids as Uint32Array)),
    };
    return tokenizer;
  },
};
