/** NormalizedString's own operations and alignment rules (HF's, in UTF-16 units). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ChangeStream, NormalizedString } from "../../../src/core/normalize/index.js";

const aligns = (ns: NormalizedString) =>
  Array.from(ns.alignStart, (s, i) => [s, ns.alignEnd[i]] as [number, number]);

describe("NormalizedString", () => {
  it("starts with identity alignments; a surrogate pair shares one", () => {
    const ns = new NormalizedString("a😀");
    assert.deepEqual(aligns(ns), [
      [0, 1],
      [1, 3],
      [1, 3],
    ]);
  });

  it("replaces lone surrogates by U+FFFD in the normalized text only", () => {
    const ns = new NormalizedString("a\ud800");
    assert.equal(ns.normalized, "a\ufffd");
    assert.equal(ns.original, "a\ud800");
  });

  it("NFD aligns every decomposed part to its source (HF's élégant test)", () => {
    const ns = new NormalizedString("élégant").normalize("NFD");
    assert.equal(ns.normalized, "e\u0301le\u0301gant");
    assert.deepEqual(aligns(ns).slice(0, 5), [
      [0, 1],
      [0, 1],
      [1, 2],
      [2, 3],
      [2, 3],
    ]);
  });

  it("NFC composes into the alignment of the base only (positional)", () => {
    const ns = new NormalizedString("e\u0301x").normalize("NFC");
    assert.equal(ns.normalized, "éx");
    assert.deepEqual(ns.originalRange(0, 1), [0, 1]);
    assert.deepEqual(ns.originalRange(0, 2), [0, 3]);
  });

  it("transform with changes: insertions take the previous alignment", () => {
    const ns = new NormalizedString("ab");
    const s = new ChangeStream();
    s.push(0x78, 1); // inserted at the very start: [0, 0)
    s.push(0x61, 0);
    s.push(0x79, 1);
    s.push(0x62, 0);
    ns.transform(s);
    assert.equal(ns.normalized, "xayb");
    assert.deepEqual(aligns(ns), [
      [0, 0],
      [0, 1],
      [0, 1],
      [1, 2],
    ]);
  });

  it("prepend shares the first character's alignment; append the last's", () => {
    const ns = new NormalizedString("hi").prepend("▁▁").append("!");
    assert.equal(ns.normalized, "▁▁hi!");
    assert.deepEqual(ns.originalRange(0, 2), [0, 1]);
    assert.deepEqual(ns.originalRange(4, 5), [1, 2]);
  });

  it("strip keeps inner alignments; all-whitespace becomes empty", () => {
    const ns = new NormalizedString("  ab ").strip();
    assert.equal(ns.normalized, "ab");
    assert.deepEqual(ns.originalRange(0, 2), [2, 4]);
    assert.equal(new NormalizedString(" \u3000 ").strip().normalized, "");
    assert.equal(new NormalizedString(" \u3000 ").strip(false, true).normalized, "");
  });

  it("replaceRanges aligns content to the last unit of each match", () => {
    const ns = new NormalizedString("cabd").replaceRanges([1, 3], "XYZ");
    assert.equal(ns.normalized, "cXYZd");
    assert.deepEqual(ns.originalRange(1, 4), [2, 3]);
  });

  it("slices keep absolute offsets through originalShift", () => {
    const ns = new NormalizedString("Hello World").lowercase();
    const world = ns.slice(6, 11);
    assert.equal(world.normalized, "world");
    assert.equal(world.original, "World");
    assert.equal(world.originalShift, 6);
    const [s, e] = world.originalRange(1, 3);
    assert.deepEqual([s + world.originalShift, e + world.originalShift], [7, 9]);
  });

  it("lowercase expands İ with both parts on its alignment", () => {
    const ns = new NormalizedString("İx").lowercase();
    assert.equal(ns.normalized, "i\u0307x");
    assert.deepEqual(ns.originalRange(0, 2), [0, 1]);
    assert.deepEqual(ns.originalRange(2, 3), [1, 2]);
  });

  it("maps empty ranges to points", () => {
    const ns = new NormalizedString("ab");
    assert.deepEqual(ns.originalRange(1, 1), [1, 1]);
    assert.deepEqual(ns.originalRange(2, 2), [2, 2]);
    assert.throws(() => ns.originalRange(2, 1), RangeError);
  });
});
