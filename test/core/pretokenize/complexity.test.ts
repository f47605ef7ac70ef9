/**
 * No scanner is superlinear: splitting a pathological input 8x longer must cost < 16x (a
 * quadratic rescan would cost ~64x). Wall-clock ratios, best of several repeats, never an
 * absolute time.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  cl100kPretokenizer,
  gpt2Pretokenizer,
  o200kPretokenizer,
  type Pretokenizer,
} from "../../../src/core/pretokenize/index.js";

/** Repeating units that stress long runs, give-backs and backtracking. */
const UNITS = [
  " ",
  "a",
  "A",
  "\u0301",
  "'",
  "1",
  "\r\n",
  "\n ",
  " \n",
  "!",
  "'s",
  "\u0301A",
  "A\u00aa",
  "\u00aaAAAA",
  "\u4e2d",
  "\u{1d400}",
  "\ud800",
  "  x",
  "\t",
  "a'",
  "A'",
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAa!",
  "Aʰ",
  "\u0301\u0301\u0301A",
  " \u00a0",
  "x\u0301",
  "//\n",
  "The quick brown fox's tail. ",
];

/** Time to walk `text` with `p`, best of `repeats`. */
function walkTime(p: Pretokenizer, text: string, repeats: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    let pos = 0;
    let pieces = 0;
    while (pos < text.length) {
      pos = p.next(text, pos, text.length);
      pieces++;
    }
    best = Math.min(best, performance.now() - t0);
    if (pieces === 0) throw new Error("unreachable");
  }
  return best;
}

for (const p of [gpt2Pretokenizer, cl100kPretokenizer, o200kPretokenizer]) {
  test(`${p.name}: 8x longer pathological input costs < 16x`, () => {
    for (const unit of UNITS) {
      const small = unit.repeat(Math.ceil(20_000 / unit.length));
      const large = small.repeat(8);
      walkTime(p, large, 2); // warm up the JIT on the large input first
      let ratio = 0;
      // Retry a couple of times before failing: a GC pause can inflate a single measurement.
      for (let attempt = 0; attempt < 3; attempt++) {
        ratio = walkTime(p, large, 5) / Math.max(walkTime(p, small, 5), 0.01);
        if (ratio < 16) break;
      }
      assert.ok(ratio < 16, `${JSON.stringify(unit)}: ratio ${ratio.toFixed(1)}`);
    }
  });
}
