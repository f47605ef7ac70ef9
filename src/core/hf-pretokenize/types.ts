import type { PreTokenizedString } from "./pretokenized.js";

/**
 * One pre-tokenization step of a tokenizer pipeline (HF `PreTokenizer`): cuts, and sometimes
 * rewrites, the splits of a {@link PreTokenizedString} in place.
 *
 * @example
 * const pts = new PreTokenizedString("Hello world");
 * new WhitespaceSplit().preTokenize(pts);
 * pts.pieces().map((p) => p.text); // ["Hello", "world"]
 */
export interface HfPreTokenizer {
  /** The tokenizer.json `type` of the component. */
  readonly type: string;
  /** Cuts (and maybe rewrites) the splits of `pts` in place. */
  preTokenize(pts: PreTokenizedString): void;
}
