/**
 * A corpus of known ReDoS shapes, loaded the ways a hostile file can carry a regex — a `Split`
 * pre-tokenizer and a `Replace` normalizer in tokenizer.json, a tiktoken pattern beside a rank
 * file — and run on inputs built to make a backtracking engine take quadratic or exponential
 * time. Each must be accepted and run on the linear engine, with work (counted in engine steps,
 * never timed) at most a constant per character and program state, growing linearly: twice
 * the input, at most a little over twice the steps (a quadratic engine would take four times).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileOnigMatcher, translateSplitPattern } from "../../../src/core/oniguruma/index.js";
import { translateTiktokenPattern } from "../../../src/core/pretokenize/index.js";
import { compileProgram } from "../../../src/core/regex/compile.js";
import { vmWork } from "../../../src/core/regex/index.js";
import { parseRegex } from "../../../src/core/regex/parse.js";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { HfJsonError } from "../../../src/formats/hf/errors.js";
import { parseTokenizer, TokenizerSpecError } from "../../../src/formats/load.js";
import { BYTE_CHARS, byteLevelBpeJson } from "../../support/hf/byte-level.js";
import { tokenizerJsonWith } from "../../support/hf/tokenizer-json.js";

/** A hostile shape and the input that makes backtracking blow up: `unit` repeated, then `tail`. */
interface Shape {
  readonly pattern: string;
  readonly unit: string;
  readonly tail: string;
  /** Also in tiktoken syntax (false where only Oniguruma has the construct). */
  readonly tiktoken?: boolean;
}

const SHAPES: readonly Shape[] = [
  { pattern: "(a+)+$", unit: "a", tail: "!" },
  { pattern: "(a*)*$", unit: "a", tail: "!" },
  { pattern: "(a+)*b", unit: "a", tail: "" },
  { pattern: "(a|a)*b", unit: "a", tail: "" },
  { pattern: "(a|aa)+$", unit: "a", tail: "!" },
  { pattern: "a*a*a*b", unit: "a", tail: "" },
  { pattern: "a+a+b", unit: "a", tail: "" },
  { pattern: "(\\w+\\s?)*$", unit: "ab ", tail: "!" },
  { pattern: "(.*a){12}", unit: "b", tail: "a" },
  { pattern: "^(a+)+$", unit: "a", tail: "!" },
  { pattern: "(x+x+)+y", unit: "x", tail: "" },
  // Email validation (the OWASP ReDoS example) and a mail-address scanner.
  {
    pattern:
      "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
    unit: "a",
    tail: "!",
  },
  { pattern: "[\\w.+-]+@[\\w-]+\\.[\\w.-]+", unit: "a.", tail: "@" },
  { pattern: "(\\w|\\d)+$", unit: "1", tail: "!" },
  { pattern: "(a|b|ab)*c", unit: "ab", tail: "" },
  // Stack Overflow's 2016 outage: trailing-whitespace trimming.
  { pattern: "^[\\s\\u200c]+|[\\s\\u200c]+$", unit: " ", tail: "x" },
  { pattern: "(.*?,){11}P", unit: "1,", tail: "" },
  { pattern: "(?:a|ab)*?c", unit: "ab", tail: "" },
  { pattern: "\\s+(?!\\S)\\s*x|\\s*\\s*\\s*y", unit: " ", tail: "" },
  { pattern: "(?i)(a+)+$", unit: "A", tail: "!", tiktoken: false },
  // Lookaheads over repetitions: digit grouping (SuperBPE, toklab's rtl3 numbers) and worse.
  { pattern: "\\d+(?=(\\d\\d\\d)+(?!\\d))", unit: "1", tail: "" },
  { pattern: "\\p{N}{1,3}(?=(?:\\p{N}\\p{N}\\p{N})*(?!\\p{N}))", unit: "1", tail: "" },
  { pattern: "(?=(a+)+$)a", unit: "a", tail: "!" },
];

/** Engine steps while `run` goes. */
function steps(run: () => void): number {
  const before = vmWork.steps;
  run();
  return vmWork.steps - before;
}

function hostile(shape: Shape, n: number): string {
  return shape.unit.repeat(Math.ceil(n / shape.unit.length)) + shape.tail;
}

/** Steps per character and program state allowed: the engine's own bound, with room. */
const PER_CHAR_STATE = 4;

/** Checks the counted work of `count` on `shape`'s hostile inputs of `n` and `2n` characters. */
function assertLinear(
  what: string,
  shape: Shape,
  size: number,
  n: number,
  count: (text: string) => number,
): void {
  const a = steps(() => count(hostile(shape, n)));
  const b = steps(() => count(hostile(shape, 2 * n)));
  assert.ok(a > 0, `${what}: the linear engine ran`);
  assert.ok(a <= PER_CHAR_STATE * n * size, `${what}: ${a} steps for ${n} characters, ${size} states`);
  assert.ok(b <= 2.5 * a, `${what}: ${a} steps for ${n} characters, ${b} for ${2 * n}`);
}

function splitTokenizer(pattern: string): Tokenizer {
  const json = byteLevelBpeJson({
    preTokenizer: {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: pattern }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
  });
  return parseTokenizer(json, { format: "tokenizer.json" });
}

function replaceTokenizer(pattern: string): Tokenizer {
  const parts = JSON.parse(
    byteLevelBpeJson({
      preTokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
    }),
  );
  parts.normalizer = { type: "Replace", pattern: { Regex: pattern }, content: "-" };
  return parseTokenizer(tokenizerJsonWith(parts), { format: "tokenizer.json" });
}

/** A rank file of the 256 single bytes: every text encodes, whatever the pieces. */
const RANKS = BYTE_CHARS.map((_, b) => `${Buffer.from([b]).toString("base64")} ${b}`).join("\n");

function tiktokenTokenizer(pattern: string): Tokenizer {
  return parseTokenizer(RANKS, { format: "tiktoken", name: "hostile.tiktoken", pattern });
}

const N = 20_000;

test("ReDoS corpus: Split pre-tokenizer in tokenizer.json runs linear", () => {
  assert.ok(SHAPES.length >= 15);
  for (const shape of SHAPES) {
    const size = compileProgram(
      parseRegex(translateSplitPattern(shape.pattern, { nestedRepetition: true })),
    ).size;
    const tokenizer = splitTokenizer(shape.pattern);
    assertLinear(`Split ${shape.pattern}`, shape, size, N, (text) => tokenizer.count(text));
  }
});

test("ReDoS corpus: Replace normalizer in tokenizer.json runs linear", () => {
  for (const shape of SHAPES) {
    const size = compileProgram(
      parseRegex(translateSplitPattern(shape.pattern, { nestedRepetition: true })),
    ).size;
    const tokenizer = replaceTokenizer(shape.pattern);
    assertLinear(`Replace ${shape.pattern}`, shape, size, N, (text) => tokenizer.count(text));
  }
});

test("ReDoS corpus: a tiktoken pattern from a file runs linear", () => {
  for (const shape of SHAPES) {
    if (shape.tiktoken === false) continue;
    const size = compileProgram(parseRegex(translateTiktokenPattern(shape.pattern))).size;
    const tokenizer = tiktokenTokenizer(shape.pattern);
    assertLinear(`tiktoken ${shape.pattern}`, shape, size, N, (text) => tokenizer.count(text));
  }
});

test("ReDoS corpus: 200,000 hostile characters stay within the linear bound", () => {
  for (const shape of SHAPES) {
    const matcher = compileOnigMatcher(shape.pattern);
    assert.equal(matcher.engine, "linear", shape.pattern);
    const size = compileProgram(
      parseRegex(translateSplitPattern(shape.pattern, { nestedRepetition: true })),
    ).size;
    assertLinear(`findAll ${shape.pattern}`, shape, size, 100_000, (text) => matcher.findAll(text).length);
  }
});

test("what no engine runs in linear time is refused, naming the pattern", () => {
  // A back-reference under repetition, an atomic group over alternatives, too many states.
  for (const pattern of ["(\\w+)\\1", "(?>a|ab)+c", "a{5000}b{5001}"]) {
    const named = (e: unknown) => e instanceof Error && e.message.includes(JSON.stringify(pattern));
    assert.throws(
      () => splitTokenizer(pattern),
      (e) => e instanceof HfJsonError && named(e),
      pattern,
    );
    assert.throws(
      () => replaceTokenizer(pattern),
      (e) => e instanceof HfJsonError && named(e),
      pattern,
    );
    if (pattern.includes("(?>")) continue; // not tiktoken syntax
    assert.throws(
      () => tiktokenTokenizer(pattern),
      (e) => e instanceof TokenizerSpecError && named(e),
      pattern,
    );
  }
});

test("thousands of distinct classes in one pattern hold bounded memory", () => {
  // Each class remembers its answers; a hostile pattern has up to 1,000 of them. Before the
  // answers were paged and budgeted, each took 64 kB: this pattern about 60 MB.
  let pattern = "";
  for (let i = 0; i < 950; i++) pattern += `[a\\x{${(0x100 + i).toString(16)}}]`;
  pattern += "x+";
  const before = process.memoryUsage().arrayBuffers;
  const matcher = compileOnigMatcher(pattern);
  assert.equal(matcher.engine, "linear");
  matcher.findAll("a".repeat(5000) + "\u{100}\u{10000}".repeat(100));
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(grown < 8 * 2 ** 20, `${grown} bytes`);
});

test("a pattern whose states are all alive at once costs a few steps per state and character", () => {
  // `a?a?…a?x+` over `aaa…`: every `a?` holds a thread at every character. Each thread once
  // walked its whole static follow list, states × states per character.
  const pattern = `${"a?".repeat(200)}x+`;
  const matcher = compileOnigMatcher(pattern);
  const size = compileProgram(parseRegex(translateSplitPattern(pattern))).size;
  const n = 2000;
  const used = steps(() => matcher.findAll("a".repeat(n)));
  assert.ok(used <= PER_CHAR_STATE * n * size, `${used} steps for ${n} characters, ${size} states`);
});

test("a literal String pattern of any length loads (it has one way to match)", () => {
  const literal = "ab".repeat(1500);
  const parts = JSON.parse(
    byteLevelBpeJson({
      preTokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
    }),
  );
  parts.normalizer = { type: "Replace", pattern: { String: literal }, content: "-" };
  const tokenizer = parseTokenizer(tokenizerJsonWith(parts), { format: "tokenizer.json" });
  assert.equal(tokenizer.count(`x${literal}x`), 3);
});
