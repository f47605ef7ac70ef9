/**
 * A tiktoken pattern from a file runs on the engine that stays linear (filePatternPretokenizer)
 * and must cut exactly as the RegExp pretokenizer, the oracle, wherever that one finishes: whole
 * texts, segments that end before the text does (special tokens), walks restarted midway.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CL100K_PATTERN,
  filePatternPretokenizer,
  O200K_PATTERN,
  type Pretokenizer,
  pretokenizerForPattern,
  regexPretokenizer,
} from "../../../src/core/pretokenize/index.js";
import { boundaries, RandomRegex } from "../../support/regex/random-pattern.js";

/** Variants of real patterns no preset matches, so that they take the file path. */
const PATTERNS = [
  `${CL100K_PATTERN}|x+y`,
  `${O200K_PATTERN}|\\d+(?=(?:\\d\\d\\d)+(?!\\d))`,
  "\\p{L}+|\\s+(?!\\S)|\\s+|.",
  "(?i:'s|'t)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}",
  "(a+)+$|a*a*b",
];

const ALPHABET = [
  "a",
  "b",
  "x",
  "y",
  "A",
  " ",
  "  ",
  "\n",
  "\r\n",
  "'s",
  "'T",
  "1",
  "2345",
  "é",
  "中",
  "😀",
  "\ud800",
  "!",
  ".",
  "\t",
];

function walk(p: Pretokenizer, text: string, from: number, end: number): number[] {
  const ends: number[] = [];
  for (let pos = from; pos < end; ) {
    pos = p.next(text, pos, end);
    ends.push(pos);
  }
  return ends;
}

test("file patterns cut as the RegExp pretokenizer: whole texts, segments, restarts", () => {
  const random = new RandomRegex(11);
  for (const pattern of PATTERNS) {
    const ours = pretokenizerForPattern(pattern);
    const oracle = regexPretokenizer("oracle", pattern);
    for (let t = 0; t < 150; t++) {
      const text = random.text(40, ALPHABET);
      // A character boundary (tiktoken never cuts a surrogate pair).
      const b = boundaries(text);
      const cut = b[Math.floor(b.length * 0.6)];
      const where = `${JSON.stringify(pattern.slice(0, 40))} on ${JSON.stringify(text)}`;
      assert.deepEqual(walk(ours, text, 0, text.length), walk(oracle, text, 0, text.length), where);
      // A segment ending early, then the rest: lookarounds must not see past the segment's end.
      assert.deepEqual(walk(ours, text, 0, cut), walk(oracle, text, 0, cut), `segment: ${where}`);
      assert.deepEqual(
        walk(ours, text, cut, text.length),
        walk(oracle, text, cut, text.length),
        `rest: ${where}`,
      );
      // The same text again from a piece end the cache did not just give.
      const again = walk(oracle, text, 0, text.length);
      const mid = again[Math.floor(again.length / 2)] ?? 0;
      assert.deepEqual(
        walk(ours, text, mid, text.length),
        walk(oracle, text, mid, text.length),
        `restart: ${where}`,
      );
    }
  }
});

test("a bounded pattern loads; one no engine runs in linear time is refused, saying why", () => {
  // (Which engine runs a pattern shows only in its cost: test/core/regex/redos.test.ts counts it.)
  assert.doesNotThrow(() => filePatternPretokenizer("bounded", "\\p{N}{1,3}|[a-z]{1,8}"));
  assert.throws(() => filePatternPretokenizer("refused", "(\\w+)\\1"), /back-reference/);
});
