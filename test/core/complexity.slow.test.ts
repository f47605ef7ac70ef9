/**
 * No superlinear path: an 8x longer pathological input must cost less than 16x (linear would be
 * 8x, quadratic 64x). Ratios of averaged timings, never absolute times, so slow machines pass.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Encoding } from "../../src/core/encoding.js";
import { toklabEncoding } from "../support/tiktoken-data.js";

/** CPU time of `f` in ms (less disturbed than wall time when other processes share the cores). */
function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function timeOf(f: () => void, repeats: number): number {
  f(); // warm up
  let best = Number.POSITIVE_INFINITY;
  let total = 0;
  for (let i = 0; i < repeats; i++) {
    const ms = cpuMs(f);
    total += ms;
    best = Math.min(best, ms);
  }
  // The mean guards against one lucky run, the best against one unlucky (GC) run.
  return (total / repeats + best) / 2;
}

function ratioOf(enc: Encoding, make: (n: number) => string, n: number): [number, number, number] {
  const small = make(n);
  const large = make(8 * n);
  const run = (s: string) => () => {
    enc.encode(s, { allowedSpecial: "all" });
    enc.count(s, { allowedSpecial: "all" });
  };
  const a = timeOf(run(small), 5);
  const b = timeOf(run(large), 3);
  return [b / Math.max(a, 0.05), a, b];
}

function assertLinear(enc: Encoding, label: string, make: (n: number) => string, n: number): void {
  let [ratio, a, b] = ratioOf(enc, make, n);
  // One re-measure before failing: a busy machine can inflate one measurement, never both.
  if (ratio >= 16) [ratio, a, b] = ratioOf(enc, make, n);
  assert.ok(
    ratio < 16,
    `${label}: 8x input took ${ratio.toFixed(1)}x (${a.toFixed(2)} → ${b.toFixed(2)} ms)`,
  );
}

const CASES: [string, (n: number) => string][] = [
  ["one letter", (n) => "a".repeat(n)],
  ["two letters", (n) => "ab".repeat(n / 2)],
  ["CJK without spaces", (n) => "中文字符测试".repeat(n / 6)],
  ["Thai without spaces", (n) => "ภาษาไทย".repeat(n / 7)],
  ["emoji", (n) => "😀".repeat(n / 2)],
  ["combining marks", (n) => `a${"\u0301".repeat(n - 1)}`],
  ["punctuation", (n) => "!".repeat(n)],
  ["whitespace", (n) => `${" ".repeat(n)}x`],
  ["newlines", (n) => "\r\n".repeat(n / 2)],
  ["special look-alikes", (n) => "<|endoftext|".repeat(n / 12)],
  ["lone surrogates", (n) => "\ud800".repeat(n)],
];

for (const name of ["o200k_base", "cl100k_base"] as const) {
  describe(`linear time: ${name}`, () => {
    const enc = toklabEncoding(name);
    for (const [label, make] of CASES) {
      test(label, () => assertLinear(enc, label, make, 12000));
    }
  });
}
