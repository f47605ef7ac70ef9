import { readFileSync } from "node:fs";
import { HF_MODELS, type HfModelName, hfModelFiles } from "../hf-models.js";
import type { AsyncTokenizer, SyncTokenizer, Tokenizer } from "./types.js";

/**
 * A library in the Hugging Face section: loads a real tokenizer.json (by model name) and
 * encodes with `add_special_tokens = false`. Unlike the OpenAI section, added tokens written in
 * the text are recognised by every library: that is what HF's `encode` does and cannot be
 * switched off, and the corpus contains none.
 */
export interface HfAdapter {
  readonly name: string;
  readonly packageName?: string;
  readonly models: readonly HfModelName[];
  readonly cacheNote: string;
  /** What this row measures, for the report. */
  readonly note: string;
  load(model: HfModelName): Promise<Tokenizer>;
}

/** The shape of toklab's HfTokenizer that the benchmark uses. */
interface ToklabHf {
  encode(text: string, options: { allowedSpecial: "all" }): number[];
  encodeFull(text: string, pair: null, options: { addSpecialTokens: boolean }): { ids: number[] };
  count(text: string, options: { allowedSpecial: "all" }): number;
  decode(ids: ArrayLike<number>): string;
}

/** Special tokens in the text recognised, no template: the binding's `add_special_tokens=False`. */
const AS_BINDING = Object.freeze({ allowedSpecial: "all" as const });

/** toklab's tokenizer.json loader, bundled like the rest of toklab (see bench/build.ts). */
async function loadToklab(model: HfModelName): Promise<ToklabHf> {
  const buildError = process.env.TOKLAB_BENCH_TOKLAB_ERROR;
  if (buildError) throw new Error(`toklab did not build: ${buildError}`);
  const modulePath = process.env.TOKLAB_BENCH_TOKLAB_HF_ENTRY ?? "../../src/formats/hf/tokenizer-json.js";
  const mod = (await import(modulePath)) as { loadTokenizerJson?: (json: string) => ToklabHf };
  if (typeof mod.loadTokenizerJson !== "function") throw new Error("no loadTokenizerJson in toklab");
  // Reading the file is part of loading, as in the binding's fromFile.
  return mod.loadTokenizerJson(readFileSync(hfModelFiles(model).tokenizer, "utf8"));
}

const toklabIds: HfAdapter = {
  name: "toklab",
  models: HF_MODELS,
  cacheNote: "BPE word cache (words ≤ 64 units), as HF's",
  note: '`HfTokenizer.encode(text, { allowedSpecial: "all" })` (the `Tokenizer` interface): ids only, no offsets',
  async load(model) {
    const tok = await loadToklab(model);
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      encode: (text) => tok.encode(text, AS_BINDING),
      count: (text) => tok.count(text, AS_BINDING),
      decode: (ids) => tok.decode(ids),
    };
    return tokenizer;
  },
};

const toklabFull: HfAdapter = {
  name: "toklab encode",
  models: HF_MODELS,
  cacheNote: toklabIds.cacheNote,
  note: "`HfTokenizer.encodeFull(text, null, { addSpecialTokens: false })`: the whole encoding (tokens, offsets, masks), as the binding's encode builds",
  async load(model) {
    const tok = await loadToklab(model);
    const options = { addSpecialTokens: false };
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      encode: (text) => tok.encodeFull(text, null, options).ids,
      decode: (ids) => tok.decode(ids),
    };
    return tokenizer;
  },
};

const binding: HfAdapter = {
  name: "hf-tokenizers",
  packageName: "tokenizers",
  models: HF_MODELS,
  cacheNote: "BPE word cache on (not configurable)",
  note: "the Rust library's Node binding, `Tokenizer.fromFile` then `encode(text, null, { addSpecialTokens: false })` (full encoding, offsets included); the exactness reference",
  async load(model) {
    const { Tokenizer } = await import("tokenizers");
    const tok = Tokenizer.fromFile(hfModelFiles(model).tokenizer);
    const options = { addSpecialTokens: false };
    const tokenizer: AsyncTokenizer = {
      kind: "async",
      encode: async (text) => (await tok.encode(text, null, options)).getIds(),
      decode: (ids) => tok.decode(Array.from(ids), false),
    };
    return tokenizer;
  },
};

interface TokenizersJs {
  encode(text: string, options: { add_special_tokens: boolean }): { ids: number[] };
  decode(ids: number[], options: { skip_special_tokens: boolean }): string;
}

const tokenizersJs: HfAdapter = {
  name: "tokenizers.js",
  packageName: "@huggingface/tokenizers",
  models: HF_MODELS,
  cacheNote: "BPE cache on (its default; not configurable from the API)",
  note: "`new Tokenizer(tokenizerJson, tokenizerConfig).encode(text, { add_special_tokens: false }).ids`",
  async load(model) {
    const { Tokenizer } = (await import("@huggingface/tokenizers")) as unknown as {
      Tokenizer: new (json: object, config: object) => TokenizersJs;
    };
    const files = hfModelFiles(model);
    const json = JSON.parse(readFileSync(files.tokenizer, "utf8")) as object;
    const config = files.config ? (JSON.parse(readFileSync(files.config, "utf8")) as object) : {};
    const tok = new Tokenizer(json, config);
    const encodeOptions = { add_special_tokens: false };
    const decodeOptions = { skip_special_tokens: false };
    const tokenizer: SyncTokenizer = {
      kind: "sync",
      encode: (text) => tok.encode(text, encodeOptions).ids,
      decode: (ids) => tok.decode(Array.from(ids), decodeOptions),
    };
    return tokenizer;
  },
};

const transformersJs: HfAdapter = {
  name: "transformers.js",
  packageName: "@huggingface/transformers",
  models: HF_MODELS,
  cacheNote: "–",
  note: "not measurable here: `@huggingface/transformers` cannot be installed in this environment (its onnxruntime-node dependency downloads a native binary at install time)",
  async load() {
    throw new Error("not installed: onnxruntime-node downloads a binary at install time");
  },
};

/** Report order: toklab (ids, then full encode), the reference, the other JavaScript libraries. */
export const HF_ADAPTERS: readonly HfAdapter[] = [
  toklabIds,
  toklabFull,
  binding,
  tokenizersJs,
  transformersJs,
];

export function hfAdapterByName(name: string): HfAdapter {
  const adapter = HF_ADAPTERS.find((a) => a.name === name);
  if (!adapter) throw new Error(`unknown HF-section library "${name}"`);
  return adapter;
}
