/** The generated class tables agree with V8's RegExp, except where pinned to tiktoken. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BMP_CLASSES,
  classAt,
  classOf,
  FLAG_BY_PROPERTY,
  OVERRIDE_RANGES,
} from "../../../src/core/unicode/index.js";
import { isOverridden } from "../../support/pretokenize/scanner-cases.js";

test("classOf matches V8 \\p{...} for every code point outside the overrides", () => {
  const res = Object.entries(FLAG_BY_PROPERTY).map(([p, f]) => [new RegExp(`^\\p{${p}}$`, "u"), f] as const);
  for (let cp = 0; cp < 0x110000; cp++) {
    if (isOverridden(cp)) continue;
    const s = String.fromCodePoint(cp);
    let want = 0;
    for (const [re, f] of res) if (re.test(s)) want |= f;
    if (classOf(cp) !== want) assert.fail(`U+${cp.toString(16)}: got ${classOf(cp)}, V8 says ${want}`);
  }
});

test("overridden code points carry the flags the override list gives them", () => {
  assert.ok(OVERRIDE_RANGES.length % 3 === 0);
  for (let i = 0; i < OVERRIDE_RANGES.length; i += 3) {
    for (let cp = OVERRIDE_RANGES[i]; cp <= OVERRIDE_RANGES[i + 1]; cp++) {
      assert.equal(classOf(cp), OVERRIDE_RANGES[i + 2], `U+${cp.toString(16)}`);
    }
  }
});

test("surrogates: a pair is one astral code point, a lone surrogate is other", () => {
  for (let c = 0xd800; c <= 0xdfff; c++) assert.equal(BMP_CLASSES[c], 0);
  const s = "\u{1d400}\ud800x\udc00";
  assert.equal(classAt(s, 0, s.length), classOf(0x1d400) | 0x100);
  assert.equal(classAt(s, 0, 1), 0, "a pair cut by the segment end is a lone surrogate");
  assert.equal(classAt(s, 2, s.length), 0);
  assert.equal(classAt(s, 4, s.length), 0);
});
