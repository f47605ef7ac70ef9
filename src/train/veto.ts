import type { MergeVeto } from "./merge-state.js";
import { charCount, concatBytes } from "./token-table.js";

/**
 * Vetoes a merge whose result would be longer than `max` (inclusive bound) characters or bytes.
 * Applied to every merge from the first one (the Hugging Face trainer skips the check on the
 * pairs counted before the first merge and uses a strict bound; see docs/decisions/0023).
 * Characters are counted on the merged bytes, so a character split across the two tokens
 * counts once. Vetoes run once per pair, when it reaches the top of the heap.
 *
 * @example
 * const veto = maxLengthVeto(4, "chars"); // KL3M's character tokenizers
 */
export function maxLengthVeto(max: number, unit: "chars" | "bytes"): MergeVeto {
  if (unit === "bytes") return (a, b, t) => t.bytes[a].length + t.bytes[b].length > max;
  return (a, b, t) => charCount(concatBytes(t.bytes[a], t.bytes[b])) > max;
}

/** One veto from several (any of them forbids). */
export function combineVetoes(vetoes: readonly MergeVeto[]): MergeVeto | undefined {
  if (vetoes.length === 0) return undefined;
  if (vetoes.length === 1) return vetoes[0];
  return (a, b, t) => vetoes.some((v) => v(a, b, t));
}
