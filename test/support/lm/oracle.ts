/**
 * The defining property of the byte-level layer, against an exact reference: a known Markov chain
 * over characters, pushed through a tokenizer, is a token model whose byte-level probabilities
 * must be the chain's. The chain's values are computed from the chain alone
 * (markovPrefixLogProb), not by the cover code. Shared by oracle.test.ts (small tokenizers) and
 * oracle.slow.test.ts (the large built-ins).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { createByteLevelLM } from "../../../src/lm/byte-level.js";
import { findEosId } from "../../../src/lm/eos.js";
import {
  chainTexts,
  type MarkovChain,
  markovOracleLM,
  markovPrefixLogProb,
} from "../../../src/lm/markov-oracle.js";
import { LmError } from "../../../src/lm/types.js";

const utf8 = new TextEncoder();
const NEG = Number.NEGATIVE_INFINITY;

/** Four symbols, one of them two bytes long (so prefixes can stop inside a character). */
export const CHAIN: MarkovChain = {
  symbols: ["a", "b", " ", "é"],
  initial: [0.4, 0.3, 0.2, 0.1],
  transition: [
    [0.3, 0.3, 0.3, 0.1],
    [0.4, 0.2, 0.3, 0.1],
    [0.5, 0.3, 0.1, 0.1],
    [0.25, 0.25, 0.25, 0.25],
  ],
};
/** Texts of exactly this many characters. */
export const N = 6;

/** Every string of 1…N−1 symbols, and each one that ends in "é" cut inside it too. */
function prefixes(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const uniform: MarkovChain = {
    symbols: CHAIN.symbols,
    initial: CHAIN.symbols.map(() => 1 / CHAIN.symbols.length),
    transition: CHAIN.symbols.map(() => CHAIN.symbols.map(() => 1 / CHAIN.symbols.length)),
  };
  for (let length = 1; length < N; length++) {
    for (const [text] of chainTexts(uniform, length)) {
      const bytes = utf8.encode(text);
      out.push(bytes);
      if (text.endsWith("é")) out.push(bytes.subarray(0, bytes.length - 1));
    }
  }
  return out;
}

function close(got: number, want: number, what: string): void {
  if (want === NEG) assert.equal(got, NEG, what);
  else assert.ok(Math.abs(got - want) < 1e-9, `${what}: ${got} vs the chain's ${want}`);
}

const show = (bytes: Uint8Array) => JSON.stringify(Buffer.from(bytes).toString("latin1"));

/** The oracle tests for one tokenizer (a describe block). */
export function oracleSuite(name: string, load: () => Promise<Tokenizer>): void {
  describe(`the Markov oracle through ${name}`, () => {
    test("prefixLogProb is the chain's log-probability for every prefix up to N−1 characters", async () => {
      const tok = await load();
      const bl = createByteLevelLM(tok, markovOracleLM(tok, CHAIN, N));
      const all = prefixes();
      assert.equal(all.length, 4 + 16 + 64 + 256 + 1024 + (1 + 4 + 16 + 64 + 256));
      for (const bytes of all) {
        close(await bl.prefixLogProb(bytes), markovPrefixLogProb(CHAIN, N, bytes), show(bytes));
      }
    });

    test("nextByteLogProbs are the chain's transitions (and sum to 1)", async () => {
      const tok = await load();
      const bl = createByteLevelLM(tok, markovOracleLM(tok, CHAIN, N));
      // Prefixes up to N−2 characters plus the empty one: every byte after them is in the texts.
      const all = [
        new Uint8Array(0),
        ...prefixes().filter((b) => new TextDecoder().decode(b).length <= N - 2),
      ];
      for (const bytes of all) {
        const next = await bl.nextByteLogProbs(bytes);
        assert.equal(next.length, 256);
        let total = 0;
        const before = markovPrefixLogProb(CHAIN, N, bytes);
        for (let b = 0; b < 256; b++) {
          total += Math.exp(next[b]);
          const extended = new Uint8Array([...bytes, b]);
          close(next[b], markovPrefixLogProb(CHAIN, N, extended) - before, `${show(bytes)} then byte ${b}`);
        }
        assert.ok(Math.abs(total - 1) < 1e-12, `${show(bytes)}: the next bytes sum to ${total}`);
      }
    });

    test("naive token conditioning (encode the prompt, read the next token) is biased; covers are not", async (t) => {
      const tok = await load();
      const oracle = markovOracleLM(tok, CHAIN, N);
      const bl = createByteLevelLM(tok, oracle);
      const eos = findEosId(tok);
      const prompts = prefixes().filter((b) => {
        const text = new TextDecoder().decode(b);
        return [...text].length <= N - 2 && !text.endsWith("\ufffd");
      });
      let naiveWorst = 0;
      let naiveSum = 0;
      let worstPrompt = "";
      for (const bytes of prompts) {
        const text = new TextDecoder().decode(bytes);
        // The chain's next-byte distribution, from its last symbol.
        const last = CHAIN.symbols.indexOf([...text].at(-1) as string);
        const want = new Float64Array(256);
        CHAIN.symbols.forEach((s, i) => {
          want[utf8.encode(s)[0]] += CHAIN.transition[last][i];
        });
        // Naive: the next token after the prompt's own encoding, grouped by its first byte.
        const naive = new Float64Array(256);
        // A prompt whose own encoding never starts a longer text's encoding (Gemma's whitespace
        // runs) leaves naive conditioning with no answer at all: the worst bias, 1.
        const logProbs = await Promise.resolve()
          .then(() => oracle.nextLogProbs(tok.encode(text)))
          .catch((e: unknown) => {
            if (e instanceof LmError && /probability 0/.test(e.message)) return null;
            throw e;
          });
        let total = 0;
        for (let id = 0; logProbs !== null && id < logProbs.length; id++) {
          if (id === eos || logProbs[id] === NEG) continue;
          naive[tok.tokenBytes(id)[0]] += Math.exp(logProbs[id]);
          total += Math.exp(logProbs[id]);
        }
        const covers = await bl.nextByteLogProbs(bytes);
        let naiveTv = logProbs === null ? 1 : 0;
        let coverTv = 0;
        for (let b = 0; b < 256; b++) {
          if (logProbs !== null) naiveTv += Math.abs(naive[b] / total - want[b]) / 2;
          coverTv += Math.abs(Math.exp(covers[b]) - want[b]) / 2;
        }
        assert.ok(coverTv < 1e-9, `${show(bytes)}: the covers' next byte is off by ${coverTv}`);
        naiveSum += naiveTv;
        if (naiveTv > naiveWorst) {
          naiveWorst = naiveTv;
          worstPrompt = text;
        }
      }
      const mean = naiveSum / prompts.length;
      t.diagnostic(
        `naive conditioning over ${prompts.length} prompts: mean total variation ${mean.toFixed(3)}, worst ${naiveWorst.toFixed(3)} after ${JSON.stringify(worstPrompt)}`,
      );
      // The bias is large, not rounding: a prompt that ends where a longer token could go on
      // ("a" when "ab" is a token) rules that continuation out.
      assert.ok(naiveWorst > 0.3, `the worst naive total variation is only ${naiveWorst}`);
      assert.ok(mean > 0.1, `the mean naive total variation is only ${mean}`);
    });
  });
}
