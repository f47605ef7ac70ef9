/**
 * Ensembles across vocabularies: the Markov oracle through r50k_base and through Llama 2
 * (SentencePiece) are two byte-level models of known chains; their mixture's prefix and next-byte
 * probabilities are computed from the chains alone.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getEncoding } from "../../src/encodings/index.js";
import { createByteLevelLM } from "../../src/lm/byte-level.js";
import { ensembleByteLM } from "../../src/lm/ensemble.js";
import { type MarkovChain, markovOracleLM, markovPrefixLogProb } from "../../src/lm/markov-oracle.js";
import { LmError } from "../../src/lm/types.js";
import { CHAIN, N } from "../support/lm/oracle.js";
import { lenmlTokenizer } from "../support/lm/tokenizers.js";

const utf8 = new TextEncoder();
/** A second chain over the same symbols that prefers spaces. */
const OTHER: MarkovChain = {
  symbols: CHAIN.symbols,
  initial: [0.1, 0.1, 0.7, 0.1],
  transition: [
    [0.1, 0.1, 0.7, 0.1],
    [0.1, 0.1, 0.7, 0.1],
    [0.6, 0.2, 0.1, 0.1],
    [0.2, 0.2, 0.5, 0.1],
  ],
};
const PROMPTS = ["a", "ab", "a b", " é", "é"]
  .map((t) => utf8.encode(t))
  .concat([new Uint8Array([0x61, 0xc3])]);

describe("ensembles across vocabularies", async () => {
  const gpt2 = await getEncoding("r50k_base");
  const llama2 = lenmlTokenizer("llama2");

  test("a mixture of two chains through two tokenizers is the mixture of the chains", async () => {
    const a = createByteLevelLM(gpt2, markovOracleLM(gpt2, CHAIN, N));
    const b = createByteLevelLM(llama2, markovOracleLM(llama2, OTHER, N));
    const mix = ensembleByteLM([a, b], { weights: [3, 1] });
    const want = (bytes: Uint8Array) =>
      Math.log(
        0.75 * Math.exp(markovPrefixLogProb(CHAIN, N, bytes)) +
          0.25 * Math.exp(markovPrefixLogProb(OTHER, N, bytes)),
      );
    for (const bytes of PROMPTS) {
      assert.ok(Math.abs((await mix.prefixLogProb(bytes)) - want(bytes)) < 1e-9);
      const next = await mix.nextByteLogProbs(bytes);
      for (const byte of [0x61, 0x62, 0x20, 0xc3, 0xa9]) {
        const extended = new Uint8Array([...bytes, byte]);
        const expected = want(extended) - want(bytes);
        if (expected === Number.NEGATIVE_INFINITY) assert.equal(next[byte], expected);
        else assert.ok(Math.abs(next[byte] - expected) < 1e-9, `${bytes} then ${byte}`);
      }
    }
  });

  test("a product of the same chain through two tokenizers is that chain", async () => {
    const a = createByteLevelLM(gpt2, markovOracleLM(gpt2, CHAIN, N));
    const b = createByteLevelLM(llama2, markovOracleLM(llama2, CHAIN, N));
    const product = ensembleByteLM([a, b], { mode: "product", weights: [0.5, 0.5] });
    for (const bytes of PROMPTS) {
      assert.ok(Math.abs((await product.prefixLogProb(bytes)) - markovPrefixLogProb(CHAIN, N, bytes)) < 1e-9);
    }
    // A product rules out what either model rules out: a model that never writes "b" makes "b"
    // impossible.
    const noB: MarkovChain = {
      ...CHAIN,
      initial: [0.5, 0, 0.4, 0.1],
      transition: CHAIN.transition.map(() => [0.5, 0, 0.4, 0.1]),
    };
    const c = createByteLevelLM(llama2, markovOracleLM(llama2, noB, N));
    const strict = ensembleByteLM([a, c], { mode: "product" });
    assert.equal((await strict.nextByteLogProbs(utf8.encode("a")))[0x62], Number.NEGATIVE_INFINITY);
    const sample = await strict.sample(utf8.encode("a"), { maxBytes: 4, seed: 3 });
    assert.ok(!sample.includes(0x62));
  });

  test("bad ensembles", () => {
    const a = createByteLevelLM(gpt2, markovOracleLM(gpt2, CHAIN, N));
    assert.throws(() => ensembleByteLM([]), LmError);
    assert.throws(() => ensembleByteLM([a], { weights: [0] }), RangeError);
    assert.throws(() => ensembleByteLM([a], { weights: [1, 1] }), RangeError);
  });
});
