/**
 * Byte-level sampling: with the Markov oracle through r50k_base, sampling after "a" gives "b" as
 * often as the chain does, where sampling the next token after the prompt's own tokens never
 * can (the paper's example: "ab" is one token, so after the token "a" no token starts with "b").
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import { getEncoding } from "../../src/encodings/index.js";
import { createByteLevelLM } from "../../src/lm/byte-level.js";
import { markovOracleLM } from "../../src/lm/markov-oracle.js";
import { drawByte } from "../../src/lm/sample.js";
import { CHAIN, N } from "../support/lm/oracle.js";

const utf8 = new TextEncoder();
const DRAWS = 400;

describe("sampling bytes", async () => {
  const tok = await getEncoding("r50k_base");
  const oracle = markovOracleLM(tok, CHAIN, N);
  const prompt = utf8.encode("a");

  test("byte-level sampling follows the chain after a prompt that ends inside a token; token-level cannot", async () => {
    const bl = createByteLevelLM(tok, oracle);
    const bytes = new Map<number, number>();
    for (let seed = 0; seed < DRAWS; seed++) {
      const [b] = await bl.sample(prompt, { maxBytes: 1, seed });
      bytes.set(b, (bytes.get(b) ?? 0) + 1);
    }
    // The chain after "a": a 0.3, b 0.3, space 0.3, é 0.1 (its lead byte 0xc3). Four standard
    // deviations of 400 draws at 0.3 is 0.092.
    const want: [string, number, number][] = [
      ["a", 0x61, 0.3],
      ["b", 0x62, 0.3],
      ["space", 0x20, 0.3],
      ["é", 0xc3, 0.1],
    ];
    for (const [name, byte, p] of want) {
      const got = (bytes.get(byte) ?? 0) / DRAWS;
      assert.ok(Math.abs(got - p) < 0.092, `byte-level: ${name} drawn ${got}, the chain says ${p}`);
    }
    // Token level: the next token after encode("a") = [64], drawn from the same random streams.
    const logProbs = await oracle.nextLogProbs(tok.encode("a"));
    let b = 0;
    for (let seed = 0; seed < DRAWS; seed++) {
      let r = seededRandom(seed)();
      for (let id = 0; id < logProbs.length; id++) {
        r -= Math.exp(logProbs[id]);
        if (r < 0) {
          if (tok.tokenBytes(id)[0] === 0x62) b++;
          break;
        }
      }
    }
    assert.equal(b, 0, "token level: no token after [a] starts with b, so b is never drawn");
    // Why: "ab" is one r50k token, so the canonical tokens of any text with "ab" never split it.
    assert.equal(tok.encode("ab").length, 1);
  });

  test("the same seed gives the same bytes; temperature 0 takes the likeliest byte each time", async () => {
    const bl = createByteLevelLM(tok, oracle);
    const seen: number[] = [];
    const one = await bl.sample(prompt, { maxBytes: 4, seed: 7, onByte: (b) => seen.push(b) });
    assert.deepEqual([...one], seen);
    assert.deepEqual(await bl.sample(prompt, { maxBytes: 4, seed: 7 }), one);
    const greedy = await bl.sample(utf8.encode(" "), { maxBytes: 3, temperature: 0 });
    // After a space the chain prefers "a" (0.5); after "a", a, b and space tie at 0.3 and the
    // lowest byte (space, 0x20) wins the tie.
    assert.deepEqual(new TextDecoder().decode(greedy), "a a");
  });

  test("wholeCharacters finishes a character cut by maxBytes", async () => {
    const bl = createByteLevelLM(tok, oracle);
    // "é" is the only two-byte symbol: find a seed whose first byte starts it.
    let seed = 0;
    while ((await bl.sample(prompt, { maxBytes: 1, seed }))[0] !== 0xc3) seed++;
    assert.deepEqual([...(await bl.sample(prompt, { maxBytes: 1, seed }))], [0xc3]);
    assert.deepEqual(
      [...(await bl.sample(prompt, { maxBytes: 1, seed, wholeCharacters: true }))],
      [0xc3, 0xa9],
    );
  });

  test("bad options are RangeErrors", async () => {
    const bl = createByteLevelLM(tok, oracle);
    await assert.rejects(bl.sample(prompt, { maxBytes: -1 }), RangeError);
    await assert.rejects(bl.sample(prompt, { maxBytes: 1.5 }), RangeError);
    await assert.rejects(bl.sample(prompt, { temperature: -1 }), RangeError);
    await assert.rejects(bl.sample(prompt, { temperature: Number.NaN }), RangeError);
    await assert.rejects(bl.sample(prompt, { seed: 0.5 }), RangeError);
  });

  test("drawByte at temperature 0 breaks ties towards the lowest byte", () => {
    const lp = new Float64Array(256).fill(Number.NEGATIVE_INFINITY);
    lp[9] = Math.log(0.5);
    lp[3] = Math.log(0.5);
    assert.equal(
      drawByte(lp, 0, () => 0.99),
      3,
    );
    assert.equal(
      drawByte(lp, 1, () => 0.99),
      9,
    );
    assert.equal(
      drawByte(lp, 1, () => 0),
      3,
    );
  });
});
