/**
 * Each fast segmenter equals its naive reference (test/support/segment/reference.ts) on small random
 * vocabularies and pieces, where PathPiece's minimum is found by enumerating every segmentation.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { seededRandom } from "../../../src/core/random.js";
import { createSegmenter } from "../../../src/core/segment/create.js";
import type { SegmenterName } from "../../../src/core/segment/types.js";
import { BytePairVocab } from "../../../src/core/vocab.js";
import {
  allSegmentations,
  naiveBpe,
  naiveGreedy,
  naiveLbpe,
  naivePathPiece,
  randomPiece,
  toyVocab,
} from "../../support/segment/reference.js";

const ALPHABETS = ["ab", "abc", "abcd", "a b"];

/** Runs `check` on 400 random pieces over each of several random vocabularies. */
function forToyCases(check: (name: string, piece: Uint8Array, toy: ReturnType<typeof toyVocab>) => void) {
  ALPHABETS.forEach((alphabet, k) => {
    for (const count of [5, 20, 60]) {
      const toy = toyVocab(100 * k + count, alphabet, count);
      const rnd = seededRandom(7 * k + count);
      for (let i = 0; i < 400; i++) check(`${alphabet}/${count}/${i}`, randomPiece(rnd, alphabet, 12), toy);
    }
  });
}

function run(name: SegmenterName, vocab: BytePairVocab, piece: Uint8Array, offset = 0): number[] {
  // Segment the piece inside a larger buffer, to check that `start` is honoured.
  const buffer = new Uint8Array(piece.length + offset + 3).fill(0x7a);
  buffer.set(piece, offset);
  const out = [99];
  const n = createSegmenter(name, vocab).segment(buffer, offset, offset + piece.length, out);
  assert.equal(out[0], 99, "segment must append, not overwrite");
  assert.equal(n, out.length - 1);
  return out.slice(1);
}

describe("segmenters equal their naive references on random toy vocabularies", () => {
  test("greedy longest prefix", () => {
    forToyCases((label, piece, toy) => {
      const vocab = new BytePairVocab(toy.table, { name: "toy" });
      assert.deepEqual(run("greedy", vocab, piece, 2), naiveGreedy(piece, toy.idOf, toy.maxLen), label);
    });
  });

  test("LBPE: longest token first, leftmost on ties, both sides recursively", () => {
    forToyCases((label, piece, toy) => {
      const vocab = new BytePairVocab(toy.table, { name: "toy" });
      assert.deepEqual(run("lbpe", vocab, piece, 1), naiveLbpe(piece, toy.idOf), label);
    });
  });

  test("PathPiece: the fewest tokens (by enumeration), longest-first on ties", () => {
    let ties = 0;
    forToyCases((label, piece, toy) => {
      const vocab = new BytePairVocab(toy.table, { name: "toy" });
      const got = run("pathpiece", vocab, piece, 3);
      assert.deepEqual(got, naivePathPiece(piece, toy.idOf), label);
      const all = allSegmentations(piece, toy.idOf);
      const min = Math.min(...all.map((s) => s.length));
      assert.equal(got.length, piece.length === 0 ? 0 : min, label);
      if (all.filter((s) => s.length === min).length > 1) ties++;
    });
    // The tie-break rule was exercised, not just the minimum.
    assert.ok(ties > 500, `only ${ties} pieces had tied minimum segmentations`);
  });

  test("bpe: tiktoken's merge rule, with and without the whole-piece rule", () => {
    for (const whole of [true, false]) {
      forToyCases((label, piece, toy) => {
        const vocab = new BytePairVocab(toy.table, { name: "toy", wholePieceFirst: whole });
        assert.deepEqual(run("bpe", vocab, piece, 1), naiveBpe(piece, toy.idOf, whole), label);
      });
    }
  });

  test("the segmenters really differ on these vocabularies (the references are not all one rule)", () => {
    const differs = new Map<string, number>();
    forToyCases((_label, piece, toy) => {
      const vocab = new BytePairVocab(toy.table, { name: "toy" });
      const bpe = JSON.stringify(run("bpe", vocab, piece));
      for (const name of ["lbpe", "pathpiece", "greedy"] as const) {
        if (JSON.stringify(run(name, vocab, piece)) !== bpe) differs.set(name, (differs.get(name) ?? 0) + 1);
      }
    });
    for (const name of ["lbpe", "pathpiece", "greedy"]) assert.ok((differs.get(name) ?? 0) > 50, name);
  });

  test("a vocabulary without every single byte is refused, naming the segmenter", () => {
    const offsets = new Uint32Array(3);
    offsets.set([0, 1, 2]);
    const table = { blob: Uint8Array.of(0x61, 0x62), offsets };
    assert.throws(
      () => createSegmenter("lbpe", new BytePairVocab(table, { name: "tiny" })),
      /segmenter lbpe needs a byte-level BPE vocabulary \(tiny: byte 0x00 is not a token\)/,
    );
  });
});
