/**
 * Word counts for the WordPiece trainer: each line through a pre-tokenizing tokenizer's
 * normalizer and pre-tokenizer (BERT's, built from tokenizer.json parts by the caller), as
 * Hugging Face's trainer feeds it lines. Browser-safe.
 */
import type { Tokenizer } from "../../core/tokenizer.js";

/**
 * Adds the words of `text`, line by line, to `counts`.
 *
 * @example
 * ```ts
 * const counts = new Map<string, number>();
 * addWords(counts, bert, "Hello, world!"); // hello 1, "," 1, world 1, "!" 1
 * ```
 */
export function addWords(
  counts: Map<string, number>,
  pipeline: Pick<Tokenizer, "pretokenize">,
  text: string,
): void {
  for (const line of text.split("\n")) {
    if (line.length === 0) continue;
    for (const w of pipeline.pretokenize(line)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
}
