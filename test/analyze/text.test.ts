import assert from "node:assert/strict";
import { test } from "node:test";
import {
  categoriesOfText,
  isValidUtf8,
  NAMED_SCRIPTS,
  readableBytes,
  scriptOfCodePoint,
  scriptOfText,
} from "../../src/analyze/index.js";
import { seededRandom } from "../../src/core/random.js";
import { pinned } from "../support/pretokenize/script.js";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

test("isValidUtf8 agrees with a strict TextDecoder on edge cases and random bytes", () => {
  const cases = [
    [0xc0, 0x80], // overlong
    [0xe0, 0x9f, 0xbf], // overlong
    [0xed, 0xa0, 0x80], // surrogate
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xf0, 0x9f, 0x98, 0x80], // 😀
    [0xef, 0xbb, 0xbf], // BOM is text
    [0xe2, 0x80],
    [],
  ];
  const random = seededRandom(17);
  for (let k = 0; k < 20000; k++) {
    const n = 1 + Math.floor(random() * 5);
    // Bias toward bytes ≥ 0x80, where the rules are.
    cases.push(
      Array.from({ length: n }, () =>
        random() < 0.8 ? 0x80 + Math.floor(random() * 128) : Math.floor(random() * 128),
      ),
    );
  }
  for (const c of cases) {
    const bytes = Uint8Array.from(c);
    let expected = true;
    try {
      strict.decode(bytes);
    } catch {
      expected = false;
    }
    assert.equal(isValidUtf8(bytes), expected, c.map((b) => b.toString(16)).join(" "));
  }
});

test("readableBytes spells stray bytes <0xAB> and keeps text", () => {
  assert.equal(readableBytes(Uint8Array.of(0x20, 0xe2, 0x80)), " <0xE2><0x80>");
  assert.equal(readableBytes(Uint8Array.of(0x80, 0xc3, 0xa9, 0x61)), "<0x80>éa");
});

test("scripts: one script, Common for neutral text, Mixed for several", () => {
  assert.equal(scriptOfText(" привет"), "Cyrillic");
  assert.equal(scriptOfText("日本"), "Han");
  assert.equal(scriptOfText("ab\u0301"), "Latin"); // a combining mark is Inherited
  assert.equal(scriptOfText(" 123!"), "Common");
  assert.equal(scriptOfText("aж"), "Mixed");
  assert.equal(scriptOfText("𐌰"), "Other"); // Gothic
  assert.equal(scriptOfText("\u0640"), "Common"); // tatweel: Arabic in SCRIPT's classes, Common in Unicode
  assert.equal(scriptOfText("カー"), "Katakana"); // the prolonged sound mark is Common
});

test("scriptOfCodePoint is V8's \\p{Script} on every code point (Unicode 17.0 additions pinned)", () => {
  const named = NAMED_SCRIPTS.map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, "u")] as const);
  const neutral = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
  for (let cp = 0; cp < 0x110000; cp++) {
    const ch = String.fromCodePoint(cp);
    const ref = pinned(cp)
      ? "Other"
      : neutral.test(ch)
        ? ""
        : (named.find(([, re]) => re.test(ch))?.[0] ?? "Other");
    const ours = scriptOfCodePoint(cp);
    if (ours !== ref) assert.fail(`U+${cp.toString(16)}: ${JSON.stringify(ours)}, V8 ${JSON.stringify(ref)}`);
  }
});

test("categories", () => {
  assert.deepEqual(categoriesOfText(" hello", false), ["letters", "word_initial_space"]);
  assert.deepEqual(categoriesOfText("getX", false), ["letters", "code_like"]);
  assert.deepEqual(categoriesOfText(" 2024", false), ["word_initial_space", "digits"]);
  assert.deepEqual(categoriesOfText("\n\n", false), ["whitespace"]);
  assert.deepEqual(categoriesOfText(" (", false), ["punctuation"]);
  assert.deepEqual(categoriesOfText("();", false), ["punctuation", "code_like"]);
  assert.deepEqual(categoriesOfText("    return", false), ["code_like", "other"]);
  assert.deepEqual(categoriesOfText("ing", true), ["letters", "continuation"]);
  assert.deepEqual(categoriesOfText("3rd", false), ["other"]);
});
