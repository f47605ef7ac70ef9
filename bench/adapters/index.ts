import { aiTokenizerAdapter } from "./ai-tokenizer.js";
import { gptTokenizerAdapter } from "./gpt-tokenizer.js";
import { hfTokenizersAdapter } from "./hf-tokenizers.js";
import { jsTiktokenAdapter } from "./js-tiktoken.js";
import { kitokenAdapter } from "./kitoken.js";
import { tiktokenAdapter } from "./tiktoken.js";
import { tiktokenNodeAdapter } from "./tiktoken-node.js";
import { toklabAdapter } from "./toklab.js";
import type { Adapter } from "./types.js";

/**
 * Report order: toklab first, then the exactness reference, the other Rust builds of tiktoken's
 * algorithm (native, WASM), then the JavaScript references.
 */
export const ADAPTERS: readonly Adapter[] = [
  toklabAdapter,
  tiktokenAdapter,
  tiktokenNodeAdapter,
  kitokenAdapter,
  jsTiktokenAdapter,
  gptTokenizerAdapter,
  aiTokenizerAdapter,
  hfTokenizersAdapter,
];

export function adapterByName(name: string): Adapter {
  const adapter = ADAPTERS.find((a) => a.name === name);
  if (!adapter)
    throw new Error(`unknown library "${name}" (known: ${ADAPTERS.map((a) => a.name).join(", ")})`);
  return adapter;
}
