/** Bad models and bad prompts are clear LmErrors, not wrong numbers. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getEncoding } from "../../src/encodings/index.js";
import { createByteLevelLM } from "../../src/lm/byte-level.js";
import { LmError, type TokenLM } from "../../src/lm/types.js";

const utf8 = new TextEncoder();

describe("bad input", async () => {
  const tok = await getEncoding("r50k_base");
  const model = (make: () => Float64Array): TokenLM => ({ vocabSize: tok.vocabSize, nextLogProbs: make });
  const uniform = () => new Float64Array(tok.vocabSize).fill(-Math.log(tok.vocabSize));

  test("a model whose vocabulary size differs from the tokenizer's", () => {
    assert.throws(
      () => createByteLevelLM(tok, { vocabSize: 100, nextLogProbs: () => new Float64Array(100) }),
      (e: unknown) => e instanceof LmError && /100 ids/.test(e.message) && /50257/.test(e.message),
    );
  });

  test("a prefix id that is not an id of the tokenizer", () => {
    assert.throws(() => createByteLevelLM(tok, model(uniform), { prefixIds: [tok.vocabSize] }), LmError);
    assert.throws(() => createByteLevelLM(tok, model(uniform), { prefixIds: [1.5] }), LmError);
  });

  test("log-probabilities that are NaN, positive, the wrong length or do not sum to 1", async () => {
    const nan = () => {
      const lp = uniform();
      lp[5] = Number.NaN;
      return lp;
    };
    const half = () => new Float64Array(tok.vocabSize).fill(Math.log(0.5 / tok.vocabSize));
    const short = () => new Float64Array(10);
    const positive = () => {
      const lp = new Float64Array(tok.vocabSize).fill(Number.NEGATIVE_INFINITY);
      lp[0] = 0.5;
      return lp;
    };
    const cases: [string, () => Float64Array, RegExp][] = [
      ["NaN", nan, /id 5 has log-probability NaN/],
      ["half the mass", half, /sum to 0\.5/],
      ["10 entries", short, /10 entries/],
      ["log-probability 0.5", positive, /log-probability 0\.5/],
    ];
    for (const [name, make, message] of cases) {
      const bl = createByteLevelLM(tok, model(make));
      await assert.rejects(
        bl.nextByteLogProbs(utf8.encode("hi")),
        (e: unknown) => e instanceof LmError && message.test(e.message),
        name,
      );
    }
  });

  test("a prompt that is not UTF-8 (a cut last character is fine)", async () => {
    const bl = createByteLevelLM(tok, model(uniform));
    await assert.rejects(bl.prefixLogProb(new Uint8Array([0x61, 0xff])), /not UTF-8: byte 1 \(0xff\)/);
    await assert.rejects(bl.nextByteLogProbs(new Uint8Array([0xc3, 0x41])), LmError);
    // Overlong and surrogate lead-ins are caught before the character is complete.
    await assert.rejects(bl.prefixLogProb(new Uint8Array([0xe0, 0x80])), LmError);
    await assert.rejects(bl.prefixLogProb(new Uint8Array([0xed, 0xa0])), LmError);
    assert.ok(Number.isFinite(await bl.prefixLogProb(new Uint8Array([0x61, 0xc3]))));
  });

  test("a model that gives the prompt probability 0", async () => {
    // Only token 0 ("!") ever: "a" has no cover with positive probability.
    const only = () => {
      const lp = new Float64Array(tok.vocabSize).fill(Number.NEGATIVE_INFINITY);
      lp[0] = 0;
      return lp;
    };
    const bl = createByteLevelLM(tok, model(only));
    assert.equal(await bl.prefixLogProb(utf8.encode("a")), Number.NEGATIVE_INFINITY);
    await assert.rejects(bl.nextByteLogProbs(utf8.encode("a")), /probability 0 to every continuation/);
  });
});
