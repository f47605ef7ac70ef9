/**
 * The training pretokenizer as a Hugging Face tokenizer.json `pre_tokenizer`, for the writers.
 * It cuts text into the same pieces as `pieceWalker` (special tokens are the writer's
 * `added_tokens`, matched before the pre-tokenizer as in toklab):
 *
 * - number policy (if any): `Split(\p{N} | \p{N}{1,3} | rtl3 regex, Isolated)` first, so that the
 *   preset sees digit groups as separate splits (cl100k's `\p{N}{1,3}` would otherwise group
 *   from the left before an `rtl3` split could regroup from the right);
 * - the preset's own steps (`hfPreTokenizer` in the table of src/core/pretokenize/presets.ts):
 *   `Split(pattern, Isolated)` with the pattern verbatim (toklab's loader runs its hand-written
 *   scanner for exactly these strings) then `ByteLevel` (no prefix space), or for `gpt2` the
 *   `ByteLevel` pre-tokenizer's own GPT-2 regex (`use_regex: true`), as the binding's
 *   `byteLevelPreTokenizer(false, true)` writes it.
 *
 * Browser-safe.
 */
import { type PreTokenizerJson, pretokenizerPreset } from "../core/pretokenize/presets.js";
import { validatePieceConfig } from "./pieces.js";
import type { NumberPolicy, PieceConfig } from "./types.js";

/** A tokenizer.json pre-tokenizer object (plain JSON data). */
export type HfPreTokenizerJson = Record<string, unknown>;

/**
 * Oniguruma patterns of the number policies. `rtl3` takes 1–3 digits only where the digits left
 * after them are a multiple of three: matched from the left, the first group is the remainder
 * and every later one has three digits (Oniguruma and JavaScript agree on greedy `{1,3}` with
 * backtracking into a lookahead). The triple is spelled out because toklab's Oniguruma translator
 * refuses `(?:\p{N}{3})*` as possibly nested repetition.
 */
export const NUMBER_POLICY_PATTERNS: Readonly<Record<Exclude<NumberPolicy, "none">, string>> = {
  single: "\\p{N}",
  ltr3: "\\p{N}{1,3}",
  rtl3: "\\p{N}{1,3}(?=(?:\\p{N}\\p{N}\\p{N})*(?!\\p{N}))",
};

function split(regex: string): HfPreTokenizerJson {
  return { type: "Split", pattern: { Regex: regex }, behavior: "Isolated", invert: false };
}

/** A fresh, mutable copy of a table entry's step (the table itself is frozen). */
function copy(step: PreTokenizerJson): HfPreTokenizerJson {
  return structuredClone(step) as HfPreTokenizerJson;
}

/**
 * The `pre_tokenizer` of a byte-level tokenizer.json that cuts text as training did.
 *
 * @example
 * ```ts
 * hfPreTokenizerFor({ preset: "gpt2", numbers: "none", specialTokens: [] });
 * // { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true }
 * hfPreTokenizerFor({ preset: "o200k", numbers: "single", specialTokens: [] }).type; // "Sequence"
 * ```
 */
export function hfPreTokenizerFor(config: PieceConfig): HfPreTokenizerJson {
  validatePieceConfig(config);
  if (config.within !== undefined) {
    // Cutting inside another preset's pieces is a training-side device (SuperBPE's stage 1);
    // nothing writes it, so say so rather than write a pre-tokenizer that cuts otherwise.
    throw new Error(`a piece config with within (${config.within}) has no tokenizer.json pre-tokenizer`);
  }
  const preset = pretokenizerPreset(config.preset);
  if (preset.hfPreTokenizer === null) {
    // No component says what the trainer did; refuse rather than write a tokenizer that cuts
    // otherwise (for `script`: Hugging Face's UnicodeScripts groups differently).
    throw new Error(
      `preset ${JSON.stringify(config.preset)} has no tokenizer.json pre-tokenizer (no Hugging Face component cuts the same way)`,
    );
  }
  const steps: HfPreTokenizerJson[] = [];
  if (config.numbers !== "none") steps.push(split(NUMBER_POLICY_PATTERNS[config.numbers]));
  steps.push(...preset.hfPreTokenizer.map(copy));
  return steps.length === 1 ? steps[0] : { type: "Sequence", pretokenizers: steps };
}
