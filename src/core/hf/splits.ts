/**
 * The front half of HF's `encode_single_sequence`: added tokens are cut out of the raw input,
 * the rest is normalized piece by piece, normalized added tokens are cut out of that, and the
 * pre-tokenizer cuts what remains into words (`AddedVocabulary::extract_and_normalize` then
 * `do_pre_tokenize`). The result is streamed to a {@link SplitSink} in input order, so the fast
 * paths allocate no split objects.
 */

import { PreTokenizedString } from "../hf-pretokenize/pretokenized.js";
import type { HfPreTokenizer } from "../hf-pretokenize/types.js";
import { NormalizedString, toWellFormed } from "../normalize/normalized.js";
import type { Normalizer } from "../normalize/types.js";
import type { AddedVocabulary } from "./added-tokens.js";

/** Receives the splits of one sequence, in order. */
export interface SplitSink {
  /**
   * An added token: its id, its text as HF reports it (with any whitespace `lstrip`/`rstrip`
   * absorbed, normalized for a `normalized` token) and its range in the input (UTF-16 units).
   */
  addedToken(id: number, value: string, start: number, end: number): void;
  /**
   * A word for the model: `ns.normalized[start, end)`; a normalized index `i` maps to the input
   * through `ns.originalRange` plus `ns.originalShift`.
   */
  word(ns: NormalizedString, start: number, end: number): void;
}

/**
 * Streams the splits of `text` to `sink` (see the module comment). Empty splits vanish, as in HF.
 * Added tokens whose ids are in `skip` are not cut out (special tokens read as ordinary text).
 *
 * @example
 * ```ts
 * forEachSplit("Hi [SEP]", added, new Lowercase(), new WhitespaceSplit(), {
 *   addedToken: (id, value) => console.log(id, value), // 2 "[SEP]"
 *   word: (ns, s, e) => console.log(ns.normalized.slice(s, e)), // "hi"
 * });
 * ```
 */
export function forEachSplit(
  text: string,
  added: AddedVocabulary,
  normalizer: Normalizer | null,
  preTokenizer: HfPreTokenizer | null,
  sink: SplitSink,
  skip: ReadonlySet<number> | null = null,
): void {
  if (text.length === 0) return;
  const cuts: number[] = [];
  if (added.hasRawTokens) added.findMatches(toWellFormed(text), false, cuts, 0, text.length, skip);
  else cuts.push(0, text.length, -1);
  const inner: number[] = [];
  for (let k = 0; k < cuts.length; k += 3) {
    const s = cuts[k];
    const e = cuts[k + 1];
    const id = cuts[k + 2];
    if (s >= e) continue;
    if (id >= 0) {
      sink.addedToken(id, toWellFormed(text.slice(s, e)), s, e);
      continue;
    }
    const ns = new NormalizedString(s === 0 && e === text.length ? text : text.slice(s, e), s);
    if (normalizer !== null) normalizer.normalize(ns);
    const n = ns.length;
    if (n === 0) continue;
    inner.length = 0;
    if (added.hasNormalizedTokens) added.findMatches(ns.normalized, true, inner, 0, n, skip);
    else inner.push(0, n, -1);
    for (let j = 0; j < inner.length; j += 3) {
      const a = inner[j];
      const b = inner[j + 1];
      const id2 = inner[j + 2];
      if (a >= b) continue;
      if (id2 >= 0) {
        const [os, oe] = ns.originalRange(a, b);
        sink.addedToken(id2, ns.normalized.slice(a, b), os + ns.originalShift, oe + ns.originalShift);
        continue;
      }
      const piece = a === 0 && b === n ? ns : ns.slice(a, b);
      if (preTokenizer === null) {
        sink.word(piece, 0, piece.length);
        continue;
      }
      const pts = new PreTokenizedString(piece);
      preTokenizer.preTokenize(pts);
      for (let i = 0; i < pts.count; i++) {
        if (pts.starts[i] < pts.ends[i]) sink.word(pts.strings[pts.owners[i]], pts.starts[i], pts.ends[i]);
      }
    }
  }
}
