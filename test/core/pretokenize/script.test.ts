import assert from "node:assert/strict";
import { test } from "node:test";
import { nextScriptPiece, scriptPieces } from "../../../src/core/pretokenize/script.js";
import {
  className,
  SCRIPT_NAMES,
  SUPERCATEGORIES,
  scriptClassAt,
  scriptClassOf,
} from "../../../src/core/pretokenize/script-classes.js";
import { adversarialStrings, longRuns } from "../../support/adversarial.js";
import {
  MULTILINGUAL,
  PAPER_SCRIPTS_USING_SPACES,
  referenceClass,
  referenceScriptPieces,
} from "../../support/pretokenize/script.js";

const texts = [...MULTILINGUAL, ...adversarialStrings(17, 300), ...longRuns(3)];

test("the paper's grouping examples (its pretokenizer tests), piece by piece", () => {
  const cases: Array<[string, string[]]> = [
    ["Hello العالمي  ❤", ["Hello", " العالمي", "  ", "❤"]],
    ["Hello العالمي\u200c❤️", ["Hello", " العالمي\u200c", "❤️"]], // ZWNJ and VS16 are Inherited
    ["Hello العالمي  🌍", ["Hello", " العالمي", "  ", "🌍"]],
    ["abc مِبني  xyz", ["abc", " مِبني", "  ", "xyz"]], // two spaces take no word
    ["رينِر ❤️", ["رينِر", " ❤️"]],
    ["اعدلعمدروز", ["اعدلعمدروز"]],
    ["வணக்கம் ❤️", ["வணக்கம்", " ❤️"]],
    ["欢迎歡迎来到來到中国中國一起学习學習古字𠀋𠀍𠀎", ["欢迎歡迎来到來到中国中國一起学习學習古字𠀋𠀍𠀎"]],
    ["1234 5678", ["1234", " ", "5678"]], // numbers take no space
    ["x = a + b", ["x", " =", " a", " +", " b"]], // punctuation and symbols do
    ["漢字ひらがな", ["漢字ひらがな"]],
    ["ひらがな漢字", ["ひらがな漢字"]],
    [" 日本語 ", [" ", "日本語", " "]], // Han takes no space
    ["第1番", ["第", "1", "番"]],
  ];
  for (const [text, pieces] of cases) assert.deepEqual(scriptPieces(text), pieces, JSON.stringify(text));
});

test("the paper's 20 space-using scripts take a leading space, with one word of each; others do not", () => {
  for (const [script, word] of PAPER_SCRIPTS_USING_SPACES) {
    assert.ok(
      Array.from(word).every(
        (ch) => referenceClass(ch).script === script || referenceClass(ch).script === "Inherited",
      ),
      `${word} is ${script}`,
    );
    assert.deepEqual(scriptPieces(`x ${word}`), ["x", ` ${word}`], script);
  }
  // Scripts the paper leaves out: the space stays its own piece.
  for (const [script, word] of [
    ["Thai", "คำ"],
    ["Han", "词语"],
    ["Katakana", "コトバ"],
    ["Khmer", "ពាក្យ"],
    ["Tibetan", "ཚིག"],
  ]) {
    assert.deepEqual(scriptPieces(`x ${word}`), ["x", " ", word], script);
  }
});

test("equals an independent group-then-join implementation over V8's Unicode properties", () => {
  for (const t of texts)
    assert.deepEqual(scriptPieces(t), referenceScriptPieces(t), JSON.stringify(t.slice(0, 120)));
});

test("pieces never mix scripts or supercategories the paper keeps apart", () => {
  for (const t of texts) {
    const pieces = scriptPieces(t);
    assert.equal(pieces.join(""), t, "pieces tile the text");
    for (const p of pieces) {
      let chars = [...p];
      // One leading space may prefix a word or punctuation of a space-using class.
      if (chars.length > 1 && chars[0] === " " && referenceClass(chars[1]).supercategory !== "Z")
        chars = chars.slice(1);
      const core = chars.map(referenceClass).filter((c) => c.script !== "Inherited");
      if (core.length === 0) continue;
      const supercats = new Set(core.map((c) => c.supercategory));
      const scripts = new Set(core.map((c) => c.script));
      assert.equal(supercats.size, 1, `${JSON.stringify(p)}: ${[...supercats]}`);
      const japanese = [...scripts].every((s) => s === "Han" || s === "Hiragana");
      assert.ok(scripts.size === 1 || japanese, `${JSON.stringify(p)}: ${[...scripts]}`);
    }
  }
});

test("the class table agrees with V8 on every code point (Unicode 17.0 additions pinned)", () => {
  let checked = 0;
  for (let cp = 0; cp < 0x110000; cp++) {
    const ch = String.fromCodePoint(cp);
    const ref = referenceClass(ch);
    const ours = scriptClassOf(cp);
    if (
      SCRIPT_NAMES[Math.floor(ours / 5)] !== ref.script ||
      SUPERCATEGORIES[ours % 5] !== ref.supercategory
    ) {
      assert.fail(`U+${cp.toString(16)}: table ${className(ours)}, V8 ${ref.script} ${ref.supercategory}`);
    }
    checked++;
  }
  assert.equal(checked, 0x110000);
  assert.equal(className(scriptClassOf(0x41)), "Latin LM");
  assert.equal(className(scriptClassOf(0x0a)), "Common Z"); // the paper's override
  assert.equal(className(scriptClassOf(0x30fc)), "Inherited LM"); // prolonged sound mark
  assert.equal(className(scriptClassOf(0x11de0)), "Unknown C"); // new in Unicode 17.0
});

test("the scanner keeps surrogate pairs whole and stops at a segment end", () => {
  assert.deepEqual(scriptPieces("a😀b"), ["a", "😀", "b"]);
  assert.deepEqual(scriptPieces("x\ud800y\udc00"), ["x", "\ud800", "y", "\udc00"]);
  const t = "hello world";
  assert.equal(nextScriptPiece(t, 5, 8), 8); // " wo": the space joins the word, cut at the end
  assert.equal(nextScriptPiece(t, 0, 3), 3);
  // A pair cut by the segment end is two lone surrogates.
  assert.equal(scriptClassAt("😀", 0, 1) >>> 16, 0);
  assert.equal(scriptClassAt("😀", 0, 2) >>> 16, 1);
});
