import type { PlainSplits } from "./plain.js";
import type { PreTokenizedString, SplitFn } from "./pretokenized.js";

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
  /**
   * The same cuts and rewrites on plain strings (the ids-only pipeline): the same piece texts,
   * no offsets. `false` when this input needs the aligned path. Components without it make
   * the pipeline keep the aligned path.
   */
  preTokenizePlain?(ps: PlainSplits): boolean;
}

/** Anything splits can be cut in: a `PreTokenizedString` or `PlainSplits`. */
export interface Splittable {
  split(fn: SplitFn): unknown;
}
