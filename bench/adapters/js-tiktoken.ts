import type { Adapter, EncodingName, SyncTokenizer } from "./types.js";

/**
 * js-tiktoken, through its "lite" entry point plus one rank file: the package's main entry
 * imports every encoding's ranks, which would charge this library for data it does not need.
 */
async function importRanks(encoding: EncodingName) {
  switch (encoding) {
    case "o200k_base":
      return (await import("js-tiktoken/ranks/o200k_base")).default;
    case "cl100k_base":
      return (await import("js-tiktoken/ranks/cl100k_base")).default;
    case "r50k_base":
      return (await import("js-tiktoken/ranks/r50k_base")).default;
  }
}

export const jsTiktokenAdapter: Adapter = {
  name: "js-tiktoken",
  packageName: "js-tiktoken",
  encodings: ["o200k_base", "cl100k_base", "r50k_base"],
  cacheNote: "none (no merge cache)",
  async load(encoding) {
    const { Tiktoken } = await import("js-tiktoken/lite");
    const enc = new Tiktoken(await importRanks(encoding));
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      // allowedSpecial = [], disallowedSpecial = []: ordinary text, no disallowed-token scan.
      encode: (text) => enc.encode(text, [], []),
      decode: (ids) => enc.decode(ids as number[]),
    };
    return tokenizer;
  },
};
