/** Which special token ends a text, for models that predict the end. */
import type { Tokenizer } from "../core/tokenizer.js";

const EOS_NAMES = ["<|endoftext|>", "</s>", "<|end_of_text|>", "<eos>", "<|im_end|>", "[SEP]"];

/** The tokenizer's end-of-text token by its usual names, else its first special token, else null. */
export function findEosId(tokenizer: Tokenizer): number | null {
  const specials = tokenizer.specialTokens;
  for (const name of EOS_NAMES) if (Object.hasOwn(specials, name)) return specials[name];
  const ids = Object.values(specials).sort((a, b) => a - b);
  return ids.length > 0 ? ids[0] : null;
}
