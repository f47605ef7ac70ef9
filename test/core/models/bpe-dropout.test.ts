/**
 * (f) BPE-dropout. HF draws from an unseeded thread RNG, so individual random outcomes cannot
 * be compared; what can be pinned: ours is deterministic for a seed; p = 0 is no dropout (and
 * equals the binding); p = 1 merges nothing, so words become characters or bytes (HF's
 * documented behaviour, also checked against the binding, where p = 1 is deterministic too).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BPE } from "../../../src/core/models/bpe.js";
import { bpeFromJson } from "../../../src/formats/hf/bpe.js";
import { assertSame, bpeModel, charVocab, hfTokenizer, r50kBpe, seededRandom } from "../../support/hf/bpe.js";
import { toByteLevel } from "../../support/hf/byte-level.js";
import { randomWord, WORDS } from "../../support/hf/models.js";

const data = charVocab(WORDS, { seed: 21, maxLen: 8, missing: 0 });
const rand = seededRandom(5);
const words = Array.from({ length: 200 }, () => randomWord(rand, WORDS, 5, 0.1));
const ids = (bpe: BPE, w: string) => bpe.tokenize(w).map((t) => t.id);

describe("BPE-dropout", () => {
  test("the same seed gives the same tokens; another seed differs", () => {
    const run = (seed: number) => {
      const bpe = bpeFromJson(bpeModel(data, { dropout: 0.3, unk_token: "<unk>" }), "model", { seed });
      return words.map((w) => ids(bpe, w));
    };
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
  });

  test("p = 0 equals no dropout, and the binding", async () => {
    const plain = bpeFromJson(bpeModel(data, { unk_token: "<unk>" }));
    const zero = bpeFromJson(bpeModel(data, { unk_token: "<unk>", dropout: 0 }));
    for (const w of words) assert.deepEqual(ids(zero, w), ids(plain, w));
    const hf = hfTokenizer(bpeModel(data, { unk_token: "<unk>", dropout: 0 }));
    for (const w of words) await assertSame(zero, hf, w);
  });

  test("p = 1 gives characters only, as the binding does (ignore_merges is then off, as in HF)", async () => {
    for (const ignore of [false, true]) {
      const model = bpeModel(data, { unk_token: "<unk>", dropout: 1, ignore_merges: ignore });
      const ours = bpeFromJson(model);
      const hf = hfTokenizer(model);
      for (const w of words) {
        const tokens = ours.tokenize(w);
        for (const t of tokens) assert.ok(t.value === "<unk>" || Array.from(t.value).length === 1, t.value);
        await assertSame(ours, hf, w);
      }
    }
  });

  test("p = 1 on a byte-level vocabulary gives one token per byte-level character", async () => {
    const model = bpeModel(r50kBpe(), { dropout: 1 });
    const ours = bpeFromJson(model);
    const hf = hfTokenizer(model);
    for (const w of [" hello world", " café", "中文😀"].map(toByteLevel)) {
      assert.equal(ours.tokenize(w).length, w.length);
      await assertSame(ours, hf, w);
    }
  });

  test("token counts fall between no dropout and p = 1, growing with p", () => {
    const count = (p: number) => {
      const bpe = new BPE(data.vocab, data.merges, { dropout: p, unkToken: "<unk>", seed: 3 });
      let n = 0;
      for (const w of words) n += bpe.tokenize(w).length;
      return n;
    };
    const counts = [0, 0.1, 0.5, 1].map(count);
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i] > counts[i - 1], `${counts}`);
  });

  test("dropout outside [0, 1] is rejected", () => {
    assert.throws(() => new BPE(data.vocab, data.merges, { dropout: 1.5 }), /between 0 and 1/);
    assert.throws(() => new BPE(data.vocab, data.merges, { dropout: -0.1 }), /between 0 and 1/);
    assert.throws(() => new BPE(data.vocab, data.merges, { dropout: Number.NaN }), /between 0 and 1/);
  });
});
