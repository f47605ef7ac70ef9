/**
 * BPE-dropout: p = 0 is BPE (the tokenizer's own encoder), a seed fixes the result, p > 0 changes
 * it, p = 1 leaves single bytes, and more dropout means more tokens.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createSegmenter } from "../../../src/core/segment/create.js";
import { adversarialStrings } from "../../support/adversarial.js";
import { llama3Subject, tiktokenSubject } from "../../support/segment/subjects.js";

const TEXTS = [
  ...adversarialStrings(77, 120),
  "Tokenization is unbelievably interesting, internationally speaking.",
  "The quick brown fox jumps over the lazy dog. ".repeat(5),
];

for (const subject of [tiktokenSubject("cl100k_base"), tiktokenSubject("o200k_base"), llama3Subject()]) {
  describe(`BPE-dropout on ${subject.name}`, () => {
    test("p = 0 equals bpe, whatever the seed", () => {
      for (const seed of [0, 1, 12345]) {
        const zero = subject.segmented("dropout", { dropout: 0, seed });
        for (const text of TEXTS) assert.deepEqual(zero(text), subject.own(text), JSON.stringify(text));
      }
    });

    test("deterministic for a seed: across instances and across calls", () => {
      const a = subject.segmented("dropout", { dropout: 0.1, seed: 42 });
      const b = subject.segmented("dropout", { dropout: 0.1, seed: 42 });
      const first = TEXTS.map((t) => a(t));
      assert.deepEqual(
        TEXTS.map((t) => b(t)),
        first,
      );
      // The stream restarts at every text, so the order of calls does not matter.
      assert.deepEqual(
        [...TEXTS].reverse().map((t) => a(t)),
        [...first].reverse(),
      );
    });

    test("p > 0 differs from bpe on some text, and another seed differs", () => {
      const a = subject.segmented("dropout", { dropout: 0.1, seed: 42 });
      const b = subject.segmented("dropout", { dropout: 0.1, seed: 43 });
      const fromBpe = TEXTS.filter((t) => JSON.stringify(a(t)) !== JSON.stringify(subject.own(t))).length;
      const fromSeed = TEXTS.filter((t) => JSON.stringify(a(t)) !== JSON.stringify(b(t))).length;
      assert.ok(fromBpe > 20, `only ${fromBpe} texts changed`);
      assert.ok(fromSeed > 20, `only ${fromSeed} texts changed with the seed`);
    });

    test("p = 1 drops every merge: one token per byte", () => {
      const one = subject.segmented("dropout", { dropout: 1, seed: 5 });
      for (const text of TEXTS.slice(0, 40)) {
        const ids = one(text);
        assert.equal(subject.decodeBytes(ids).length, ids.length, JSON.stringify(text));
      }
    });

    test("more dropout, more tokens; never fewer than PathPiece", () => {
      const total = (p: number) =>
        TEXTS.reduce((n, t) => n + subject.segmented("dropout", { dropout: p, seed: 9 })(t).length, 0);
      const counts = [0, 0.05, 0.2, 0.6, 1].map(total);
      for (let i = 1; i < counts.length; i++) assert.ok(counts[i] > counts[i - 1], `${counts}`);
      const path = subject.segmented("pathpiece");
      for (const text of TEXTS) {
        assert.ok(path(text).length <= subject.segmented("dropout", { dropout: 0.3, seed: 2 })(text).length);
      }
    });
  });
}

test("dropout outside [0, 1] is refused", () => {
  const { vocabulary } = tiktokenSubject("r50k_base");
  assert.throws(
    () => createSegmenter("dropout", vocabulary, { dropout: 1.5 }),
    /dropout must be in \[0, 1\]/,
  );
  assert.throws(() => createSegmenter("dropout", vocabulary, { dropout: Number.NaN }), /dropout must be in/);
});
