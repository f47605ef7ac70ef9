/**
 * The ids-only front half of the pipeline: `forEachSplit` without alignments. Normalizers run
 * their `normalizeString` and pre-tokenizers their `preTokenizePlain`, so no
 * `NormalizedString` (two `Int32Array`s per rewrite) is built; the words are the same strings,
 * so the model gives the same ids. `encodeIds` and `count` use it when no offsets are needed
 * (docs/decisions/0014, "An ids-only pipeline").
 */
import { PlainSplits, readsInputStart, supportsPlain } from "../hf-pretokenize/plain.js";
import type { HfPreTokenizer } from "../hf-pretokenize/types.js";
import { NormalizedString, toWellFormed } from "../normalize/normalized.js";
import type { Normalizer } from "../normalize/types.js";
import type { AddedVocabulary } from "./added-tokens.js";

/** Receives the ids-only splits of one sequence, in order. */
export interface PlainSplitSink {
  /** An added token's id. */
  addedToken(id: number): void;
  /** A word for the model: `text[start, end)`. */
  word(text: string, start: number, end: number): void;
}

/**
 * Runs the ids-only front half for one pipeline; `null` from {@link plainPipeline} when a
 * component has no plain path.
 */
export class PlainPipeline {
  private readonly splits = new PlainSplits();
  private readonly cuts: number[] = [];
  private readonly inner: number[] = [];

  constructor(
    private readonly added: AddedVocabulary,
    private readonly normalizer: Normalizer | null,
    private readonly preTokenizer: HfPreTokenizer | null,
  ) {
    this.splits.trackInputStart = preTokenizer !== null && readsInputStart(preTokenizer);
  }

  /**
   * Streams the words and added tokens of `text` to `sink`, as `forEachSplit` would. Returns
   * `false` if a component needed the aligned path for this input (a `Replace` matching empty at
   * the start, an unknowable Metaspace `first`); the caller then discards what it received and
   * runs `forEachSplit`.
   */
  run(text: string, sink: PlainSplitSink): boolean {
    if (text.length === 0) return true;
    const { added, normalizer, preTokenizer, cuts, inner } = this;
    cuts.length = 0;
    if (added.hasRawTokens) added.findMatches(toWellFormed(text), false, cuts);
    else cuts.push(0, text.length, -1);
    for (let k = 0; k < cuts.length; k += 3) {
      const s = cuts[k];
      const e = cuts[k + 1];
      const id = cuts[k + 2];
      if (s >= e) continue;
      if (id >= 0) {
        sink.addedToken(id);
        continue;
      }
      const raw = s === 0 && e === text.length ? text : text.slice(s, e);
      const seg = toWellFormed(raw);
      const norm = normalizer === null ? seg : normalizer.normalizeString!(seg);
      if (norm === null) return false;
      const n = norm.length;
      if (n === 0) continue;
      inner.length = 0;
      if (added.hasNormalizedTokens) added.findMatches(norm, true, inner);
      else inner.push(0, n, -1);
      for (let j = 0; j < inner.length; j += 3) {
        const a = inner[j];
        const b = inner[j + 1];
        const id2 = inner[j + 2];
        if (a >= b) continue;
        if (id2 >= 0) {
          sink.addedToken(id2);
          continue;
        }
        if (preTokenizer === null) {
          sink.word(norm, a, b);
          continue;
        }
        const piece = a === 0 && b === n ? norm : norm.slice(a, b);
        const ps = this.splits;
        ps.reset(piece, this.originOf(raw, s, a));
        if (!preTokenizer.preTokenizePlain!(ps)) return false;
        ps.forEach(sink.word);
      }
    }
    return true;
  }

  /**
   * Original offset (whole input) of unit `i` of a piece starting at normalized unit `a` of the
   * segment `raw` at `shift`: the aligned `originalShift` Metaspace `first` reads. Offsets are
   * never below the segment's start, so only the first segment (shift 0) needs alignments, and
   * they are computed once, on demand.
   */
  private originOf(raw: string, shift: number, a: number): (i: number) => number {
    if (shift > 0) return () => shift;
    const normalizer = this.normalizer;
    let ns: NormalizedString | null = null;
    return (i) => {
      if (ns === null) {
        ns = new NormalizedString(raw, 0);
        normalizer?.normalize(ns);
      }
      const j = a + i;
      return j < ns.length ? ns.alignStart[j] : ns.original.length;
    };
  }
}

/**
 * The ids-only pipeline for these components, or `null` when one of them has no plain path.
 *
 * @example
 * plainPipeline(added, new NFC(), new ByteLevel())?.run("héllo", sink);
 */
export function plainPipeline(
  added: AddedVocabulary,
  normalizer: Normalizer | null,
  preTokenizer: HfPreTokenizer | null,
): PlainPipeline | null {
  if (normalizer !== null && normalizer.normalizeString === undefined) return null;
  if (preTokenizer !== null && !supportsPlain(preTokenizer)) return null;
  return new PlainPipeline(added, normalizer, preTokenizer);
}
