import { NormalizedString } from "./normalized.js";

/**
 * One normalization step of a tokenizer pipeline (HF `Normalizer`): rewrites a
 * {@link NormalizedString} in place, keeping its alignments to the original.
 *
 * @example
 * const n: Normalizer = new Lowercase();
 * normalizeText(n, "ABC"); // "abc"
 */
export interface Normalizer {
  /** The tokenizer.json `type` of the component. */
  readonly type: string;
  /** Rewrites `ns` in place. */
  normalize(ns: NormalizedString): void;
  /**
   * The text `normalize` would leave in a fresh `NormalizedString(s)` (`s` well formed), without
   * alignments: the ids-only pipeline's path. `null` when this input needs the aligned path
   * (see `Replace`). Components without it make the pipeline keep the aligned path.
   */
  normalizeString?(s: string): string | null;
  /**
   * True when `normalizeString` maps every UTF-16 unit on its own to one unit (no context, same
   * length; e.g. `Replace(" ", "▁")`): the normalized form of a substring is then the same
   * substring of the normalized text, so the ids-only pipeline normalizes a whole input once
   * instead of each part between added tokens.
   */
  readonly unitwise?: boolean;
}

/**
 * Runs `normalizer` over `text` and returns the normalized text (the binding's `normalizeString`).
 *
 * @example
 * normalizeText(new NFKC(), "ﬁ"); // "fi"
 */
export function normalizeText(normalizer: Normalizer, text: string): string {
  const ns = new NormalizedString(text);
  normalizer.normalize(ns);
  return ns.normalized;
}
