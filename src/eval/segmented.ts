/**
 * Measuring one vocabulary under another segmenter: an {@link EvalTokenizer} whose model step
 * is LBPE, PathPiece, BPE-dropout or greedy longest-prefix, everything else (special tokens,
 * normalizer, pretokenizer, ids, decoding) the tokenizer's own.
 */

import type { MergeInput } from "../core/models/bpe-merge-list.js";
import { createSegmenter } from "../core/segment/create.js";
import { encodeWithSegmenter } from "../core/segment/encoding.js";
import { hfSegmentVocabulary, segmentedHfTokenizer } from "../core/segment/hf.js";
import type { SegmenterName } from "../core/segment/types.js";
import { SegmentVocabulary } from "../core/segment/vocabulary.js";
import { saveTokenizerJson } from "../formats/hf/tokenizer-json.js";
import { type EvalTokenizer, evalTokenizerFromHf } from "./subject.js";

/**
 * Which segmenter, and for BPE-dropout its probability and seed (a type alias, so that it fits
 * records of settings such as the report's).
 */
export type SegmenterSpec = {
  readonly name: SegmenterName;
  /** BPE-dropout probability in `[0, 1]` (default 0.1). */
  readonly dropout?: number;
  /** BPE-dropout seed (default 0). */
  readonly seed?: number;
};

/**
 * `tok` with its model step replaced by the segmenter `spec` names, over the same vocabulary.
 * `bpe` returns `tok` itself (its own encoder). The name stays `tok.name`. For BPE-dropout the
 * random stream restarts at every text, so measurements are reproducible for a seed.
 *
 * Throws "segmenter X needs a byte-level BPE vocabulary" for HF tokenizers of another kind.
 *
 * @example
 * const lbpe = withSegmenter(evalTokenizerFromEncoding(enc), { name: "lbpe" });
 * evaluateCorpus(lbpe, docs).overall.tokens;
 */
export function withSegmenter(tok: EvalTokenizer, spec: SegmenterSpec | SegmenterName): EvalTokenizer {
  const { name, dropout, seed } = typeof spec === "string" ? { name: spec } : spec;
  if (name === "bpe") return tok;
  const options = { dropout, seed };
  if (tok.encoding !== undefined) {
    const enc = tok.encoding;
    const segmenter = createSegmenter(name, SegmentVocabulary.fromEncoding(enc, name), options);
    return { ...tok, encode: (text) => encodeWithSegmenter(enc, segmenter, text) };
  }
  if (tok.hf !== undefined) {
    const hf = tok.hf;
    const merges = name === "dropout" ? hfMerges(tok) : undefined;
    const vocabulary = hfSegmentVocabulary(hf, { merges, segmenter: name, name: tok.name });
    const segmented = segmentedHfTokenizer(hf, createSegmenter(name, vocabulary, options));
    return { ...evalTokenizerFromHf(segmented, tok.name), unknownId: tok.unknownId };
  }
  throw new Error(`segmenter ${name}: ${tok.name} exposes no vocabulary to segment`);
}

/** The merges list of a byte-level BPE tokenizer.json (BPE-dropout merges by it). */
function hfMerges(tok: EvalTokenizer): ReadonlyArray<MergeInput> {
  let json: { model?: { merges?: MergeInput[] } };
  try {
    json = JSON.parse(saveTokenizerJson(tok.hf!));
  } catch (e) {
    throw new Error(`segmenter dropout: cannot read the merges of ${tok.name}: ${(e as Error).message}`);
  }
  const merges = json.model?.merges;
  if (!Array.isArray(merges)) {
    throw new Error(`segmenter dropout needs a byte-level BPE vocabulary (${tok.name} has no BPE merges)`);
  }
  return merges;
}
