/** The n-gram model: interpolated Kneser-Ney by hand on a toy corpus, normalisation, its file. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getEncoding } from "../../src/encodings/index.js";
import { createByteLevelLM } from "../../src/lm/byte-level.js";
import { trainNgramLM } from "../../src/lm/ngram.js";
import { loadNgramLM, saveNgramLM } from "../../src/lm/ngram-format.js";
import { LmError } from "../../src/lm/types.js";
import { smallTrainedBpe } from "../support/lm/tokenizers.js";

const utf8 = new TextEncoder();

function sumOf(logProbs: Float64Array): number {
  let s = 0;
  for (const v of logProbs) s += Math.exp(v);
  return s;
}

describe("trainNgramLM", async () => {
  const tok = await getEncoding("r50k_base");
  const V = tok.vocabSize;
  const [x, y, z, q] = [tok.encode("x")[0], tok.encode(" y")[0], tok.encode(" z")[0], tok.encode("q")[0]];
  const E = 50256;

  test("bigram probabilities are interpolated Kneser-Ney's, computed by hand", () => {
    assert.deepEqual(tok.encode("x y"), [x, y]);
    const lm = trainNgramLM(tok, ["x y", "x z"], { order: 2, discount: 0.5 });
    // Bigrams: (S x) 2, (x y) 1, (x z) 1, (y E) 1, (z E) 1. Unigram continuation counts: x 1
    // (after S), y 1, z 1, E 2 (after y and z): 5 in all over 4 types. D = 0.5 everywhere.
    // P1(w) = max(N(•w) − D, 0)/5 + D·4/5 · 1/V.
    const p1 = (n: number) => Math.max(n - 0.5, 0) / 5 + 0.4 / V;
    const afterX = lm.nextLogProbs([x]);
    assert.ok(Math.abs(Math.exp(afterX[y]) - (0.5 / 2 + ((0.5 * 2) / 2) * p1(1))) < 1e-15);
    assert.ok(Math.abs(Math.exp(afterX[E]) - ((0.5 * 2) / 2) * p1(2)) < 1e-15);
    assert.ok(Math.abs(Math.exp(afterX[q]) - ((0.5 * 2) / 2) * p1(0)) < 1e-18);
    const start = lm.nextLogProbs([]);
    assert.ok(Math.abs(Math.exp(start[x]) - (1.5 / 2 + ((0.5 * 1) / 2) * p1(1))) < 1e-15);
    // A history never seen: the unigram level alone.
    assert.ok(Math.abs(Math.exp(lm.nextLogProbs([q])[z]) - p1(1)) < 1e-15);
    assert.ok(Math.abs(sumOf(afterX) - 1) < 1e-9);
  });

  test("every context's distribution sums to 1 and gives every id a positive probability", () => {
    const texts = ["the cat sat on the mat", "the dog sat on the log", "a cat and a dog"];
    for (const order of [1, 2, 3, 5]) {
      const lm = trainNgramLM(tok, texts, { order });
      assert.equal(lm.data.discounts.length, order);
      for (const d of lm.data.discounts) assert.ok(d > 0 && d < 1);
      for (const context of [
        [],
        tok.encode("the"),
        tok.encode("the cat sat on"),
        tok.encode("zebra quantum"),
      ]) {
        const lp = lm.nextLogProbs(context);
        assert.equal(lp.length, V);
        assert.ok(Math.abs(sumOf(lp) - 1) < 1e-9, `order ${order}: sums to ${sumOf(lp)}`);
        assert.ok(lp.every((v) => v > Number.NEGATIVE_INFINITY));
      }
    }
    // A trigram model has learnt what follows "the cat sat".
    const lm = trainNgramLM(tok, texts, { order: 3 });
    const next = lm.nextLogProbs(tok.encode("the cat sat"));
    let best = 0;
    for (let id = 1; id < V; id++) if (next[id] > next[best]) best = id;
    assert.equal(tok.decode([best]), " on");
  });

  test("its file gives back the same model", () => {
    const lm = trainNgramLM(tok, ["the cat sat on the mat", "é 🙂 <|endoftext|>"], { order: 3 });
    const text = saveNgramLM(lm, tok.name);
    const back = loadNgramLM(text);
    assert.equal(back.tokenizer, "r50k_base");
    for (const context of [[], tok.encode("the cat"), tok.encode("é 🙂")]) {
      assert.deepEqual(back.lm.nextLogProbs(context), lm.nextLogProbs(context));
    }
    assert.throws(() => loadNgramLM("{"), LmError);
    assert.throws(() => loadNgramLM(JSON.stringify({ format: "other" })), LmError);
    const doc = JSON.parse(text);
    doc.levels[0][""].push(5);
    assert.throws(() => loadNgramLM(JSON.stringify(doc)), /not \[id, count/);
  });

  test("bad options", () => {
    assert.throws(() => trainNgramLM(tok, [], { order: 0 }), RangeError);
    assert.throws(() => trainNgramLM(tok, [], { discount: 1 }), RangeError);
    assert.throws(() => trainNgramLM(tok, [], { eosId: V }), LmError);
  });

  test("as a byte-level model: next bytes sum to 1 and agree with prefix probabilities", async () => {
    const small = smallTrainedBpe();
    const lm = trainNgramLM(small, ["ab aab abba", "ba bab é aé"], { order: 3 });
    const bl = createByteLevelLM(small, lm);
    for (const prompt of ["a", "ab a", "aé", "b"]) {
      const bytes = utf8.encode(prompt);
      const next = await bl.nextByteLogProbs(bytes);
      assert.ok(Math.abs(sumOf(next) - 1) < 1e-12);
      // P(next byte = b | prompt) ∝ P(text starts with prompt·b): the two paths agree.
      const before = await bl.prefixLogProb(bytes);
      const extended = await Promise.all(
        [0x61, 0x62, 0x20].map((b) => bl.prefixLogProb(new Uint8Array([...bytes, b]))),
      );
      const continuing = Math.log(extended.reduce((s, v) => s + Math.exp(v - before), 0));
      [0x61, 0x62, 0x20].forEach((b, i) => {
        const ratio = extended[i] - before - next[b];
        // The same ratio for every byte: P(the text goes on | prompt).
        assert.ok(Math.abs(ratio - (extended[0] - before - next[0x61])) < 1e-9, `${prompt} + ${b}`);
      });
      assert.ok(continuing <= 1e-12);
    }
  });
});
