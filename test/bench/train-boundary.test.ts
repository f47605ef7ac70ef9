import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { boundaryConsistency, tokenBoundaries } from "../../bench/train-boundary.js";
import { addOcrNoise } from "../../bench/train-noise.js";
import { seededRandom } from "../../src/core/random.js";
import { applyScript, type Edit, naiveConsistency, randomScript } from "./support.js";

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe("tokenBoundaries", () => {
  test("inner gaps between tokens, in characters", () => {
    const chars = [..."ab cd"];
    assert.deepEqual([...tokenBoundaries(chars, [1, 2, 2])].sort(), [1, 3]);
  });
  test("a cut inside a multi-byte character is not a boundary", () => {
    // "hé!": é is 2 bytes; tokens h | 0xC3 | 0xA9 | ! cut at bytes 1, 2, 3.
    assert.deepEqual([...tokenBoundaries(["h", "é", "!"], [1, 1, 1, 1])].sort(), [1, 2]);
    // An astral character (4 bytes) split 2 + 2.
    assert.deepEqual([...tokenBoundaries(["a", "😀", "b"], [1, 2, 2, 1])].sort(), [1, 2]);
  });
  test("tokens must cover the text exactly", () => {
    assert.throws(() => tokenBoundaries([..."abc"], [1, 1]), /cover 2 bytes, the text has 3/);
  });
});

describe("boundaryConsistency", () => {
  test("hand example: one insertion shifts fixed-width chunks", () => {
    // clean "abcdefgh", chunks of 2: boundaries 2, 4, 6. Insert "x" before "e" (gap 4):
    // noisy "abcdxefgh", chunks of 2: boundaries 2, 4, 6, 8 (noisy gaps).
    const text = applyScript("abcdefgh", [{ kind: "insert", at: 4, char: "x" }]);
    assert.equal(text.noisy.join(""), "abcdxefgh");
    const clean = new Set([2, 4, 6]);
    const noisy = new Set([2, 4, 6, 8]);
    // w = 0: gap 4 is touched; 2 maps to 2 (kept), 6 maps to noisy gap 7 (not a boundary).
    // w = 2: gaps 2 and 6 are within 2 of gap 4: nothing is evaluated.
    assert.deepEqual(boundaryConsistency(text, clean, noisy, [0, 1, 2]), [
      { window: 0, evaluated: 2, kept: 1 },
      { window: 1, evaluated: 2, kept: 1 },
      { window: 2, evaluated: 0, kept: 0 },
    ]);
  });

  test("a substitution touches the gaps on both sides of its character", () => {
    const text = applyScript("abcdef", [{ kind: "substitute", at: 2, char: "z" }]);
    assert.equal(text.noisy.join(""), "abzdef");
    const cuts = new Set([1, 2, 3, 4, 5]);
    // Gaps 2 and 3 are touched; 1, 4, 5 map to themselves and are boundaries of "every char".
    assert.deepEqual(boundaryConsistency(text, cuts, cuts, [0]), [{ window: 0, evaluated: 3, kept: 3 }]);
  });

  test("equals a naive computation from the edit script (random scripts and tokenizations)", () => {
    const random = seededRandom(7);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 40);
      const clean = Array.from({ length: n }, () => "abcdé😀 "[Math.floor(random() * 8)]).join("");
      const script: Edit[] = randomScript([...clean].length, random);
      const text = applyScript(clean, script);
      const cuts = (len: number) =>
        new Set(Array.from({ length: len - 1 }, (_, i) => i + 1).filter(() => random() < 0.4));
      const cleanCuts = cuts(text.clean.length);
      const noisyCuts = cuts(text.noisy.length);
      const windows = [0, 1, 3];
      assert.deepEqual(
        boundaryConsistency(text, cleanCuts, noisyCuts, windows),
        windows.map((w) => naiveConsistency(text.clean.length, script, cleanCuts, noisyCuts, w)),
        `round ${round}: ${JSON.stringify(clean)} ${JSON.stringify(script)}`,
      );
    }
  });

  test("a tokenizer that cuts between every character keeps every evaluated boundary", () => {
    const text = addOcrNoise("the quick brown fox jumps over the lazy dog ".repeat(20), 0.1, seededRandom(3));
    const everyChar = (chars: string[]) => tokenBoundaries(chars, chars.map(utf8));
    const [c] = boundaryConsistency(text, everyChar(text.clean), everyChar(text.noisy), [0]);
    assert.ok(c.evaluated > 100);
    assert.equal(c.kept, c.evaluated);
  });

  test("no noise: every boundary is evaluated and kept", () => {
    const text = addOcrNoise("one two three four", 0, seededRandom(1));
    const cuts = new Set([3, 4, 7, 8, 13, 14]);
    assert.deepEqual(boundaryConsistency(text, cuts, cuts, [0, 5]), [
      { window: 0, evaluated: 6, kept: 6 },
      { window: 5, evaluated: 6, kept: 6 },
    ]);
  });
});
