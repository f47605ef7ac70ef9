import type { Adapter, EncodingName, SyncTokenizer } from "./types.js";

async function importEncoding(encoding: EncodingName) {
  switch (encoding) {
    case "o200k_base":
      return import("ai-tokenizer/encoding/o200k_base");
    case "cl100k_base":
      return import("ai-tokenizer/encoding/cl100k_base");
    case "r50k_base":
      throw new Error("ai-tokenizer ships no r50k_base encoding");
  }
}

export const aiTokenizerAdapter: Adapter = {
  name: "ai-tokenizer",
  packageName: "ai-tokenizer",
  encodings: ["o200k_base", "cl100k_base"],
  cacheNote: "merge cache size 0 (the constructor argument; it still keeps the last piece)",
  async load(encoding) {
    const { Tokenizer } = await import("ai-tokenizer");
    const data = await importEncoding(encoding);
    // Third constructor argument is the LRU merge cache size (default 100,000).
    const enc = new Tokenizer(data, undefined, 0);
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      // allowedSpecial "all" takes the library's ordinary-text path (no special-token regex).
      // The corpus holds no special-token text, so the ids are those of ordinary encoding.
      encode: (text) => enc.encode(text, "all"),
      // count() takes no options: it is encode with the default special-token check.
      count: (text) => enc.count(text),
      decode: (ids) => enc.decode(ids as number[]),
    };
    return tokenizer;
  },
};
