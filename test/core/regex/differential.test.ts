/**
 * The linear engine against V8's RegExp on seeded random patterns and texts: every operation the
 * tokenizers use (find-all with Oniguruma's iteration rule, tiktoken-style tiling, the first
 * match, the sticky match) must give JavaScript's matches, inside windows of the text too. Long
 * texts only for patterns V8 runs without blowing up (`tameForBacktracking`); the counts are
 * bounded so the file runs in a few seconds.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileOnigMatcher, translateSplitPattern } from "../../../src/core/oniguruma/index.js";
import { findAllIn } from "../../../src/core/regex/backtracking.js";
import { compileProgram } from "../../../src/core/regex/compile.js";
import { compileMatcher } from "../../../src/core/regex/index.js";
import { parseRegex } from "../../../src/core/regex/parse.js";
import { PikeVM } from "../../../src/core/regex/pike-vm.js";
import { boundaries, RandomRegex, tameForBacktracking } from "../../support/regex/random-pattern.js";

/** What JavaScript gives for each operation on `text[start, end)`. */
function expected(source: string, text: string, start: number, end: number) {
  const sub = text.slice(start, end);
  const all: number[] = [];
  findAllIn(new RegExp(source, "gu"), sub, start, all);
  const sticky = new RegExp(source, "uy");
  const tile: number[] = [];
  for (let pos = 0; pos < sub.length; ) {
    sticky.lastIndex = pos;
    const m = sticky.exec(sub);
    const cp = sub.codePointAt(pos)!;
    pos += m === null || m[0].length === 0 ? (cp > 0xffff ? 2 : 1) : m[0].length;
    tile.push(pos + start);
  }
  return { all, tile, sticky, global: new RegExp(source, "gu"), sub };
}

function check(vm: PikeVM, source: string, text: string, start: number, end: number): void {
  const e = expected(source, text, start, end);
  const where = `${JSON.stringify(source)} on ${JSON.stringify(e.sub)}`;
  const all: number[] = [];
  vm.findAll(text, start, end, all);
  assert.deepEqual(all, e.all, `findAll ${where}`);
  const tile: number[] = [];
  vm.tile(text, start, start, end, tile);
  assert.deepEqual(tile, e.tile, `tile ${where}`);
  // The first and sticky matches from every character boundary of the window.
  for (const b of boundaries(e.sub)) {
    e.global.lastIndex = b;
    const m = e.global.exec(e.sub);
    // V8 may report an empty match between the halves of a surrogate pair; Oniguruma and the
    // engine work on characters (see findAllIn), so such a start is not compared.
    if (m !== null && m.index > b && !boundaries(e.sub).includes(m.index)) continue;
    const first = m === null ? null : [m.index + start, m.index + start + m[0].length];
    assert.deepEqual(vm.exec(text, b + start, start, end), first, `exec at ${b}: ${where}`);
    e.sticky.lastIndex = b;
    const s = e.sticky.exec(e.sub);
    assert.equal(
      vm.matchAt(text, b + start, start, end),
      s === null ? -1 : b + start + s[0].length,
      `matchAt ${b}: ${where}`,
    );
  }
}

test("random patterns × random texts: the linear engine gives JavaScript's matches", () => {
  let compared = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const r = new RandomRegex(seed);
    const source = r.pattern(3);
    const program = compileProgram(parseRegex(source));
    // The lazy window is where a lone search starts its successor; 0 and 1 force the replay path.
    const vms = [new PikeVM(program), new PikeVM(program, seed % 2)];
    const long = tameForBacktracking(source);
    for (let t = 0; t < 6; t++) {
      const text = r.text(long && t % 2 === 0 ? 60 : 10);
      const start = t < 3 ? 0 : Math.floor(text.length / 4);
      const end = t < 3 ? text.length : text.length - Math.floor(text.length / 5);
      for (const vm of vms) check(vm, source, text, start, end);
      compared++;
    }
  }
  assert.equal(compared, 1800);
});

test("compileMatcher's choice of engine does not change matches", () => {
  for (let seed = 1000; seed < 1300; seed++) {
    const r = new RandomRegex(seed);
    const source = r.pattern(2);
    const auto = compileMatcher(source);
    for (let t = 0; t < 5; t++) {
      const text = r.text(tameForBacktracking(source) ? 40 : 10);
      const e = expected(source, text, 0, text.length);
      const where = `${auto.engine} ${JSON.stringify(source)} on ${JSON.stringify(text)}`;
      assert.deepEqual(auto.findAll(text), e.all, `findAll ${where}`);
      assert.deepEqual(auto.tile(text, 0), e.tile, `tile ${where}`);
    }
  }
});

/** Oniguruma patterns from real tokenizer.json files and the translator's own constructs. */
const ONIG_PATTERNS = [
  "\\p{N}{1,3}",
  "[一-龥぀-ゟ゠-ヿ]+",
  "[\\r\\n]",
  "\\s?[A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓ]+",
  "\\s?[!-/:-~！-／：-～‘-‟　-。]+",
  "\\s+$",
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
  "\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  "[^\\r\\n\\s]?+x|\\s++y|a*+b",
  "(?>ab|a)c|x{2}",
  "\\bword\\b|^ +|\\A\\s|\\z|\\Z",
  "(a+)+$|(\\w+\\s?)*!|(a|aa)+b",
];

const ONIG_TEXT = [
  "a",
  "b",
  " ",
  "\n",
  "\r",
  "1",
  "x",
  "y",
  "A",
  "é",
  "中",
  "'",
  "s",
  "!",
  "/",
  "😀",
  "\u00b5",
  "ab",
];

test("Oniguruma patterns: compileOnigMatcher finds what the translated RegExp finds", () => {
  const r = new RandomRegex(7);
  for (const pattern of ONIG_PATTERNS) {
    const source = translateSplitPattern(pattern, { nestedRepetition: true });
    const matcher = compileOnigMatcher(pattern);
    // The engine on its own too, where it can run the pattern (not an atomic group over
    // alternatives: those run on RegExp, when bounded).
    const vm =
      matcher.engine === "linear" || !/\(\?>/.test(pattern)
        ? new PikeVM(compileProgram(parseRegex(source)))
        : null;
    for (let t = 0; t < 60; t++) {
      // V8 stays fast on these only for short texts when the pattern nests repetition.
      const text = r.text(/\)[+*]/.test(pattern) ? 14 : 80, ONIG_TEXT);
      const e = expected(source, text, 0, text.length);
      assert.deepEqual(matcher.findAll(text), e.all, `${pattern} on ${JSON.stringify(text)}`);
      if (vm === null) continue;
      const all: number[] = [];
      vm.findAll(text, 0, text.length, all);
      assert.deepEqual(all, e.all, `linear ${pattern} on ${JSON.stringify(text)}`);
    }
  }
});
