/**
 * Sampling at temperature 1 by rejection (byte-level.ts drawByRejection): the bounds it proposes
 * from are exact where they claim to be and upper bounds elsewhere, settling a byte gives the
 * exact sum, and draws follow nextByteLogProbs while checking far fewer tokens.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../../src/core/random.js";
import { getEncoding } from "../../src/encodings/index.js";
import { createByteLevelLM } from "../../src/lm/byte-level.js";
import { CoverState } from "../../src/lm/covers.js";
import { ModelCalls } from "../../src/lm/model-calls.js";
import { trainNgramLM } from "../../src/lm/ngram.js";
import { TokenStream } from "../../src/lm/stream.js";
import { TokenIndex } from "../../src/lm/token-index.js";
import type { TokenLM } from "../../src/lm/types.js";
import { smallTrainedBpe } from "../support/lm/tokenizers.js";

const prose = readFileSync(fileURLToPath(new URL("../fixtures/prose.txt", import.meta.url)), "utf8");
const utf8 = new TextEncoder();

function coverState(tok: Parameters<typeof TokenIndex.of>[0], lm: TokenLM): CoverState {
  return new CoverState(TokenIndex.of(tok), TokenStream.of(tok), new ModelCalls(lm, [], 1000), {
    margin: 8,
    checkLastToken: true,
  });
}

describe("sampling by rejection", async () => {
  const small = smallTrainedBpe();
  const smallLm = trainNgramLM(small, prose.split("\n"), { order: 3 });

  test("exact part + settled part = the full next-byte sum, and the bound is above the settled part", async () => {
    const gpt2 = await getEncoding("r50k_base");
    const cases: [typeof small, TokenLM, string][] = [
      [small, smallLm, "The keeper"],
      [small, smallLm, "a mile"],
      [small, smallLm, "He'"],
      [gpt2, trainNgramLM(gpt2, prose.split("\n"), { order: 3 }), "the ca"],
    ];
    for (const [tok, lm, prompt] of cases) {
      const state = coverState(tok, lm);
      state.set(utf8.encode(prompt));
      const { exact, bound, settle } = await state.bounds();
      const settled = new Float64Array(256);
      for (let b = 0; b < 256; b++) {
        const value = settle(b);
        assert.ok(value !== null);
        assert.ok(value <= bound[b] * (1 + 1e-12), `${prompt}: byte ${b}`);
        settled[b] = exact[b] + value;
      }
      const reference = coverState(tok, lm);
      reference.set(utf8.encode(prompt));
      const sums = await reference.sum(true);
      const total = settled.reduce((a, v) => a + v, 0);
      const fullTotal = sums.reduce((a, v) => a + Math.exp(v), 0);
      for (let b = 0; b < 256; b++) {
        assert.ok(
          Math.abs(settled[b] / total - Math.exp(sums[b]) / fullTotal) < 1e-12,
          `${prompt}: byte ${b}`,
        );
      }
      // The bound is loose somewhere: some token after the end is not canonical.
      assert.ok(bound.some((v, b) => v > settled[b] - exact[b] + 1e-15));
    }
  });

  test("draws follow nextByteLogProbs", async () => {
    const bl = createByteLevelLM(small, smallLm);
    const prompt = utf8.encode("the ");
    const next = await bl.nextByteLogProbs(prompt);
    const draws = 3000;
    const counts = new Float64Array(256);
    const random = seededRandom(11);
    for (let i = 0; i < draws; i++) counts[await bl.drawNextByte(prompt, random)]++;
    for (let b = 0; b < 256; b++) {
      const p = Math.exp(next[b]);
      const sd = Math.sqrt((p * (1 - p)) / draws);
      assert.ok(Math.abs(counts[b] / draws - p) <= 5 * sd + 1e-3, `byte ${b}: ${counts[b] / draws} vs ${p}`);
      if (p === 0) assert.equal(counts[b], 0);
    }
  });

  test("sampling at temperature 1 checks under a quarter of the tokens the full distribution does", async () => {
    const gpt2 = await getEncoding("r50k_base");
    const lm = trainNgramLM(gpt2, prose.split("\n"), { order: 3 });
    const checks = async (temperature: number) => {
      const bl = createByteLevelLM(gpt2, lm);
      await bl.sample(utf8.encode("The keep"), { maxBytes: 4, temperature, seed: 5 });
      return bl.stats().checks;
    };
    const rejection = await checks(1);
    const full = await checks(0.999);
    assert.ok(rejection * 4 < full, `rejection ${rejection}, full ${full}`);
  });
});
