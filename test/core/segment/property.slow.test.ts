/**
 * Properties on real vocabularies (o200k_base, cl100k_base, r50k_base, Llama 3's tokenizer.json)
 * over seeded adversarial text (CJK, emoji ZWJ sequences, combining marks, digit runs,
 * whitespace runs, lone surrogates):
 * - PathPiece never produces more tokens than BPE (the issue's property), nor than any other
 *   segmenter, and reaches the minimum of a plain DP piece by piece;
 * - the `bpe` segmenter is the tokenizer's own encoder, id for id;
 * - every segmenter gives back the input's bytes;
 * - LBPE and greedy equal their naive references piece by piece.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { splitPieces } from "../../../src/core/pretokenize/types.js";
import { createSegmenter } from "../../../src/core/segment/create.js";
import { SEGMENTER_NAMES } from "../../../src/core/segment/types.js";
import { adversarialStrings, isWellFormed, longRuns } from "../../support/adversarial.js";
import { minTokens, naiveGreedy, naiveLbpe } from "../../support/segment/reference.js";
import { type Subject, subjects } from "../../support/segment/subjects.js";

const TEXTS = [...adversarialStrings(2024, 300), ...longRuns(5).map((s) => s.slice(0, 1500))];
const ALL = subjects();
const utf8 = new TextEncoder();

describe("segmenters on real vocabularies", () => {
  for (const subject of ALL) {
    describe(subject.name, () => {
      const encoders = Object.fromEntries(
        SEGMENTER_NAMES.map((name) => [name, subject.segmented(name, { dropout: 0.2, seed: 11 })]),
      );

      test("PathPiece never produces more tokens than BPE, nor than any other segmenter", () => {
        let fewer = 0;
        for (const text of TEXTS) {
          const path = encoders.pathpiece(text).length;
          const own = subject.own(text).length;
          assert.ok(path <= own, `${path} > ${own} on ${JSON.stringify(text)}`);
          if (path < own) fewer++;
          for (const name of SEGMENTER_NAMES) {
            const other = encoders[name](text).length;
            assert.ok(path <= other, `${path} > ${name} ${other} on ${JSON.stringify(text)}`);
          }
        }
        // Not vacuous: BPE is not already minimal everywhere.
        assert.ok(fewer > 0, "PathPiece was never shorter than BPE");
      });

      test("the bpe segmenter is the tokenizer's own encoder", () => {
        for (const text of TEXTS)
          assert.deepEqual(encoders.bpe(text), subject.own(text), JSON.stringify(text));
      });

      test("every segmenter gives back the input's bytes", () => {
        for (const text of TEXTS) {
          // Lone surrogates become U+FFFD in every pipeline, so compare with the own encoding.
          const want = isWellFormed(text) ? utf8.encode(text) : subject.decodeBytes(subject.own(text));
          for (const name of SEGMENTER_NAMES) {
            assert.deepEqual(
              subject.decodeBytes(encoders[name](text)),
              want,
              `${name} on ${JSON.stringify(text)}`,
            );
          }
        }
      });

      if (subject.encoding !== undefined) piecewise(subject);
    });
  }
});

/** Piece by piece on short pieces: PathPiece's count is the DP minimum; LBPE and greedy are naive. */
function piecewise(subject: Subject): void {
  test("piece by piece: PathPiece is minimal, LBPE and greedy equal the naive definitions", () => {
    const enc = subject.encoding!;
    const idOf = (b: Uint8Array, s: number, e: number) => {
      const r = enc.vocab.rankOfRange(b, s, e);
      return enc.vocab.hasRank(r) ? r : undefined;
    };
    const maxLen = enc.vocab.maxTokenLength;
    let checked = 0;
    for (const text of TEXTS.slice(0, 150)) {
      for (const piece of splitPieces(enc.pretokenizer, text)) {
        const bytes = utf8.encode(piece);
        if (bytes.length > 48 || !isWellFormed(piece)) continue;
        const run = (name: "pathpiece" | "lbpe" | "greedy") => {
          const out: number[] = [];
          createSegmenter(name, subject.vocabulary).segment(bytes, 0, bytes.length, out);
          return out;
        };
        assert.equal(run("pathpiece").length, minTokens(bytes, idOf, maxLen), JSON.stringify(piece));
        assert.deepEqual(run("lbpe"), naiveLbpe(bytes, idOf), JSON.stringify(piece));
        assert.deepEqual(run("greedy"), naiveGreedy(bytes, idOf, maxLen), JSON.stringify(piece));
        checked++;
      }
    }
    assert.ok(checked > 500, `only ${checked} pieces`);
  });
}
