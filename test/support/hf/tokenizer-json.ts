/**
 * The one tokenizer.json skeleton of the differential tests: every top-level field HF writes,
 * empty (`null`, no added tokens), in HF's order, with the parts under test filled in. The
 * builders of each area (a model alone, a normalizer, a pre-tokenizer, a decoder, a
 * post-processor, a byte-level BPE) call it, so a file differs from the next only in its parts.
 */

/** The top-level fields of a tokenizer.json (HF's names). */
export interface TokenizerJsonParts {
  truncation?: unknown;
  padding?: unknown;
  added_tokens?: unknown[];
  normalizer?: unknown;
  pre_tokenizer?: unknown;
  post_processor?: unknown;
  decoder?: unknown;
  model: unknown;
}

/** tokenizer.json text: HF's fields in HF's order, `null` (or `[]`) unless given in `parts`. */
export function tokenizerJsonWith(parts: TokenizerJsonParts): string {
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    ...parts,
  });
}
