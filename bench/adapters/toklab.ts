import type { Adapter, SyncTokenizer } from "./types.js";

/** The part of toklab's `Tokenizer` interface that the benchmark relies on (checked at load time). */
interface ToklabEncoding {
  encode(text: string, options: { disallowedSpecial: string[] }): ArrayLike<number>;
  count(text: string, options: { disallowedSpecial: string[] }): number;
  decode(ids: ArrayLike<number>): string;
}

/** tiktoken's `encode_ordinary`: special-token text is ordinary text. */
const ORDINARY = Object.freeze({ disallowedSpecial: [] as string[] });

/**
 * toklab's src/encodings, normally as the esbuild bundle bench/build.ts makes (path in the
 * environment), else straight from source (when run under tsx). Imported through a variable so
 * that a missing or broken module makes only this adapter "unavailable" and does not break
 * type-checking or the rest of the run.
 */
export const toklabAdapter: Adapter = {
  name: "toklab",
  encodings: ["o200k_base", "cl100k_base", "r50k_base"],
  cacheNote: "none",
  async load(encoding) {
    const buildError = process.env.TOKLAB_BENCH_TOKLAB_ERROR;
    if (buildError) throw new Error(`toklab did not build: ${buildError}`);
    const modulePath = process.env.TOKLAB_BENCH_TOKLAB_ENTRY ?? "../../src/encodings/index.js";
    const mod = (await import(modulePath)) as {
      getEncoding?: (name: string) => Promise<ToklabEncoding> | ToklabEncoding;
    };
    if (typeof mod.getEncoding !== "function") throw new Error("src/encodings/index.ts has no getEncoding");
    const enc = await mod.getEncoding(encoding);
    for (const method of ["encode", "count", "decode"] as const) {
      if (typeof enc[method] !== "function") throw new Error(`toklab Encoding has no ${method}()`);
    }
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      encode: (text) => enc.encode(text, ORDINARY),
      count: (text) => enc.count(text, ORDINARY),
      decode: (ids) => enc.decode(ids),
    };
    return tokenizer;
  },
};
