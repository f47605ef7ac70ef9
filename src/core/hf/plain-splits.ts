/**
 * The ids-only front half of the pipeline: `forEachSplit` without alignments. Normalizers run
 * their `normalizeString` and pre-tokenizers their `preTokenizePlain`, so no
 * `NormalizedString` (two `Int32Array`s per rewrite) is built; the words are the same strings,
 * so the model gives the same ids. `encodeIds` and `count` use it when no offsets are needed
 * (docs/decisions/0014, "An ids-only pipeline").
 */
import { PlainSplits, readsInputStart, supportsPlain } from "../hf-pretokenize/plain.js";
import { Split } from "../hf-pretokenize/split.js";
import type { HfPreTokenizer } from "../hf-pretokenize/types.js";
import { NormalizedString, toWellFormed } from "../normalize/normalized.js";
import { Replace } from "../normalize/replace.js";
import { NormalizerSequence } from "../normalize/simple.js";
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
   * runs `forEachSplit`. Added tokens whose ids are in `skip` stay ordinary text.
   */
  run(text: string, sink: PlainSplitSink, skip: ReadonlySet<number> | null = null): boolean {
    if (text.length === 0) return true;
    const { added, normalizer, preTokenizer, cuts, inner } = this;
    cuts.length = 0;
    const wellFormed = toWellFormed(text);
    if (added.hasRawTokens) added.findMatches(wellFormed, false, cuts, 0, text.length, skip);
    else cuts.push(0, text.length, -1);
    // A unitwise normalizer is run once over the whole input; the parts between added tokens
    // are then ranges of its output (their own normalized forms, see `Normalizer.unitwise`).
    let whole: string | null = null;
    if (normalizer?.unitwise === true && cuts.length > 3 && !cutsSplitPairs(wellFormed, cuts)) {
      whole = normalizer.normalizeString!(wellFormed);
    }
    for (let k = 0; k < cuts.length; k += 3) {
      const s = cuts[k];
      const e = cuts[k + 1];
      const id = cuts[k + 2];
      if (s >= e) continue;
      if (id >= 0) {
        sink.addedToken(id);
        continue;
      }
      // The normalized part: norm[ns, ne).
      let norm: string | null;
      let ns = 0;
      let ne: number;
      if (whole !== null) {
        norm = whole;
        ns = s;
        ne = e;
      } else {
        // (Well formed again: an added token with a lone surrogate could cut a pair.)
        const seg = s === 0 && e === text.length ? wellFormed : toWellFormed(wellFormed.slice(s, e));
        norm = normalizer === null ? seg : normalizer.normalizeString!(seg);
        if (norm === null) return false;
        ne = norm.length;
      }
      if (ne === ns) continue;
      inner.length = 0;
      if (added.hasNormalizedTokens) added.findMatches(norm, true, inner, ns, ne, skip);
      else inner.push(ns, ne, -1);
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
        const ps = this.splits;
        ps.reset(norm, ps.trackInputStart ? this.originOf(wellFormed, s, e, ns) : NO_ORIGIN, a, b);
        if (!preTokenizer.preTokenizePlain!(ps)) return false;
        ps.forEach(sink.word);
      }
    }
    return true;
  }

  /**
   * Original offset (whole input) of index `i` of the normalized text whose segment
   * `text[shift, end)` starts at index `ns`: the aligned `originalShift` Metaspace `first`
   * reads. Offsets are never below the segment's start, so only the first segment (shift 0)
   * needs alignments, and they are computed once, on demand.
   */
  private originOf(text: string, shift: number, end: number, ns: number): (i: number) => number {
    if (shift > 0) return () => shift;
    const normalizer = this.normalizer;
    let aligned: NormalizedString | null = null;
    return (i) => {
      if (aligned === null) {
        aligned = new NormalizedString(end === text.length ? text : text.slice(0, end), 0);
        normalizer?.normalize(aligned);
      }
      const j = i - ns;
      return j < aligned.length ? aligned.alignStart[j] : aligned.original.length;
    };
  }
}

/** `originOf` when no pre-tokenizer asks where a split starts. */
const NO_ORIGIN = (): number => 1;

/** Whether a cut of `cuts` (start, end, id triples) falls inside a surrogate pair of `text`. */
function cutsSplitPairs(text: string, cuts: readonly number[]): boolean {
  for (let k = 0; k < cuts.length; k += 3) {
    const s = cuts[k];
    if (s > 0 && (text.charCodeAt(s - 1) & 0xfc00) === 0xd800 && (text.charCodeAt(s) & 0xfc00) === 0xdc00) {
      return true;
    }
  }
  return false;
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
  // Gemma 3: `Replace(" ", "▁")`, then `Split(" ")`, which can never match what is left.
  const removed = removedUnit(normalizer);
  const pre =
    preTokenizer instanceof Split && removed >= 0 && preTokenizer.cannotMatchWithout(removed)
      ? null
      : preTokenizer;
  return new PlainPipeline(added, normalizer, pre);
}

/**
 * A UTF-16 unit the normalizer's output never contains, or -1: the last step is a `Replace` of
 * that one unit by a content without it.
 */
function removedUnit(normalizer: Normalizer | null): number {
  if (normalizer instanceof NormalizerSequence) {
    const steps = normalizer.normalizers;
    return steps.length === 0 ? -1 : removedUnit(steps[steps.length - 1]);
  }
  if (!(normalizer instanceof Replace) || !("String" in normalizer.pattern)) return -1;
  const lit = normalizer.pattern.String;
  if (lit.length !== 1 || (lit.charCodeAt(0) & 0xf800) === 0xd800 || normalizer.content.includes(lit))
    return -1;
  return lit.charCodeAt(0);
}
