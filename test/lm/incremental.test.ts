/**
 * The cost of a cover update does not grow with the prompt: the same text after a prompt of 120
 * bytes and after one of 1,620 (the same 500 bytes repeated, so both end alike) takes exactly the
 * same model calls, canonical checks and covers per appended byte. Counted, not timed.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createByteLevelLM } from "../../src/lm/byte-level.js";
import { trainNgramLM } from "../../src/lm/ngram.js";
import { smallTrainedBpe } from "../support/lm/tokenizers.js";

const prose = readFileSync(fileURLToPath(new URL("../fixtures/prose.txt", import.meta.url)), "utf8");

test("per-byte work after a 1.6 KB prompt equals that after a 120-byte one", async () => {
  const tok = smallTrainedBpe();
  const lm = trainNgramLM(tok, prose.split("\n"), { order: 3 });
  const unit = new TextEncoder().encode(prose.slice(0, 500));
  assert.equal(unit.length, 500, "the fixture's first 500 characters are ASCII");
  const text = new Uint8Array(2000);
  for (let i = 0; i < 4; i++) text.set(unit, i * 500);
  const work = async (start: number) => {
    const bl = createByteLevelLM(tok, lm);
    await bl.nextByteLogProbs(text.subarray(0, start));
    const before = bl.stats();
    for (let i = 1; i <= 16; i++) await bl.nextByteLogProbs(text.subarray(0, start + i));
    const after = bl.stats();
    return {
      calls: after.calls - before.calls,
      checks: after.checks - before.checks,
      covers: after.covers - before.covers,
      encoded: after.encoded - before.encoded,
    };
  };
  const short = await work(120);
  const long = await work(1620);
  assert.ok(short.calls > 0 && short.checks > 0 && short.covers > 0, JSON.stringify(short));
  assert.deepEqual(long, short);
});

test("with no boundary (a margin longer than the prompt) the bytes encoded per byte grow with it", async () => {
  // The counter the test above relies on does see the prompt when the boundary is not used.
  const tok = smallTrainedBpe();
  const lm = trainNgramLM(tok, prose.split("\n"), { order: 3 });
  const text = new TextEncoder().encode(prose.slice(0, 400));
  const encodedPerByte = async (margin: number) => {
    const bl = createByteLevelLM(tok, lm, { boundaryMargin: margin, checkLastToken: false });
    await bl.nextByteLogProbs(text.subarray(0, 390));
    const before = bl.stats().encoded;
    await bl.nextByteLogProbs(text.subarray(0, 391));
    return bl.stats().encoded - before;
  };
  const bounded = await encodedPerByte(8);
  const unbounded = await encodedPerByte(100000);
  assert.ok(unbounded > 390 && bounded < 100, `bounded ${bounded}, unbounded ${unbounded}`);
});
