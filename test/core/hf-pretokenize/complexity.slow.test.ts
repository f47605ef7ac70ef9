import assert from "node:assert/strict";
import { test } from "node:test";
import { PreTokenizedString, QWEN2_PATTERN } from "../../../src/core/hf-pretokenize/index.js";
import { CL100K_PATTERN } from "../../../src/core/pretokenize/index.js";
import { preTokenizerFromJson } from "../../../src/formats/hf/pretokenizers.js";
import { adversarialStrings } from "../../support/adversarial.js";

/**
 * Linear time: every component on adversarial input 8× longer must take well under the 64× of a
 * quadratic path (see BOUND). Never an absolute time.
 */
const COMPONENTS: [string, unknown][] = [
  ["ByteLevel", { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true }],
  ["Metaspace", { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true }],
  [
    "Split Llama 3",
    { type: "Split", pattern: { Regex: CL100K_PATTERN }, behavior: "Isolated", invert: false },
  ],
  ["Split Qwen2", { type: "Split", pattern: { Regex: QWEN2_PATTERN }, behavior: "Isolated", invert: false }],
  [
    "Split regex",
    {
      type: "Split",
      pattern: { Regex: "\\s+(?!\\S)|\\p{N}{1,3}+|[^\\s\\p{N}]++" },
      behavior: "MergedWithNext",
      invert: true,
    },
  ],
  ["Split String", { type: "Split", pattern: { String: "  " }, behavior: "Contiguous", invert: false }],
  ["Digits", { type: "Digits", individual_digits: false }],
  ["Whitespace", { type: "Whitespace" }],
  ["WhitespaceSplit", { type: "WhitespaceSplit" }],
  ["BertPreTokenizer", { type: "BertPreTokenizer" }],
  ["Punctuation", { type: "Punctuation", behavior: "MergedWithPrevious" }],
  ["CharDelimiterSplit", { type: "CharDelimiterSplit", delimiter: " " }],
  ["UnicodeScripts", { type: "UnicodeScripts" }],
];

/** Mixed adversarial text plus long runs of one kind (spaces, digits, letters, punctuation). */
function input(size: number): string {
  const parts = adversarialStrings(3, 40).join("");
  const runs = [
    " ".repeat(size / 8),
    "7".repeat(size / 8),
    "a".repeat(size / 8),
    "!".repeat(size / 8),
    "\n ".repeat(size / 16),
  ];
  let s = "";
  while (s.length < size / 2) s += parts;
  return s.slice(0, size / 2) + runs.join("");
}

/**
 * Best CPU time (ms) of one call of `f` over `repeats` measurements of `inner` calls each. CPU
 * time, not wall time: when the 2 cores are oversubscribed (test files run in parallel), a 50 ms
 * call is preempted on every attempt while a 1 ms call is not, and wall time then reported
 * 40-60x for linear code.
 */
function time(f: () => void, repeats: number, inner: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const start = process.cpuUsage();
    for (let k = 0; k < inner; k++) f();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / inner);
  }
  return best;
}

const small = input(80_000);
const large = input(640_000);

/**
 * 8x the input must cost well under the 64x of a quadratic path. The bound is 32x, not 16x:
 * these components allocate per piece, and garbage collection plus the step from cache-resident
 * to memory-resident arrays made linear code measure 20-30x here on a loaded 2-core machine.
 */
const BOUND = 32;

for (const [name, json] of COMPONENTS) {
  test(`${name} is linear: 8x input < ${BOUND}x time`, () => {
    const p = preTokenizerFromJson(json)!;
    const run = (text: string) => () => p.preTokenize(new PreTokenizedString(text));
    run(small)();
    // Test files run in parallel: on a miss, measure again before calling it superlinear.
    let a = 0;
    let b = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      // cpuUsage is coarse (scheduler ticks): batch the small calls to ~20 ms per measurement.
      a = Math.max(time(run(small), 5, 16), 1);
      b = time(run(large), 3, 2);
      if (b < BOUND * a) break;
    }
    assert.ok(b < BOUND * a, `${name}: ${a.toFixed(2)} ms → ${b.toFixed(2)} ms`);
  });
}
