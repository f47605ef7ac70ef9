import type { Adapter, EncodingName, SyncTokenizer } from "./types.js";

/** Each encoding is its own entry point; importing one must not pull in the others. */
async function importEncoding(encoding: EncodingName) {
  switch (encoding) {
    case "o200k_base":
      return import("gpt-tokenizer/encoding/o200k_base");
    case "cl100k_base":
      return import("gpt-tokenizer/encoding/cl100k_base");
    case "r50k_base":
      return import("gpt-tokenizer/encoding/r50k_base");
  }
}

export const gptTokenizerAdapter: Adapter = {
  name: "gpt-tokenizer",
  packageName: "gpt-tokenizer",
  encodings: ["o200k_base", "cl100k_base", "r50k_base"],
  cacheNote: "merge cache off (setMergeCacheSize(0))",
  async load(encoding) {
    const api = await importEncoding(encoding);
    // The LRU merge cache makes repeated words nearly free; the corpus repeats a lot, so with
    // the cache on we would measure the cache, not the tokenizer.
    api.setMergeCacheSize(0);
    // An empty disallowed set skips the "is there a special token in here?" regex scan, so the
    // call does the same work as tiktoken's encode_ordinary.
    const ordinary = { disallowedSpecial: new Set<string>() };
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      encode: (text) => api.encode(text, ordinary),
      count: (text) => api.countTokens(text, ordinary),
      decode: (ids) => api.decode(ids as number[]),
    };
    return tokenizer;
  },
};
