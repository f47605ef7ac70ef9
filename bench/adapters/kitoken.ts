import { readFile } from "node:fs/promises";
import type { Adapter, SyncTokenizer } from "./types.js";

/** Where the parent wrote the `.tiktoken` rank files (bench/tiktoken-file.ts), as JSON `{encoding: path}`. */
export const TIKTOKEN_FILES_ENV = "TOKLAB_BENCH_TIKTOKEN_FILES";

const utf8 = new TextDecoder();

/** The part of kitoken's Node API the benchmark uses. */
interface Kitoken {
  encode(text: string, encodeSpecials?: boolean): Uint32Array;
  decode(ids: Uint32Array, decodeSpecials?: boolean): Uint8Array;
}

/**
 * kitoken (npm, Rust compiled to WebAssembly), through its `kitoken/node` entry (the one with its
 * regex optimisations), built from the encoding's `.tiktoken` rank file as its README shows.
 */
export const kitokenAdapter: Adapter = {
  name: "kitoken",
  packageName: "kitoken",
  encodings: ["o200k_base", "cl100k_base", "r50k_base"],
  cacheNote: "none documented",
  async load(encoding) {
    const paths = JSON.parse(process.env[TIKTOKEN_FILES_ENV] ?? "{}") as Record<string, string>;
    const path = paths[encoding];
    if (!path) throw new Error(`no .tiktoken file for ${encoding} (set ${TIKTOKEN_FILES_ENV})`);
    const { Kitoken } = (await import("kitoken/node")) as unknown as {
      Kitoken: { from_tiktoken(data: Uint8Array): Kitoken };
    };
    const enc = Kitoken.from_tiktoken(await readFile(path));
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      // encode_specials false: special-token text is not read as the special token. kitoken still
      // splits the text where one stands (" <|endoftext|>" gives " ", "<", "|"… where tiktoken's
      // encode_ordinary gives " <|"…): the edge-case table shows it; the corpora contain none.
      encode: (text) => enc.encode(text, false),
      decode: (ids) => utf8.decode(enc.decode(ids instanceof Uint32Array ? ids : Uint32Array.from(ids))),
    };
    return tokenizer;
  },
};
