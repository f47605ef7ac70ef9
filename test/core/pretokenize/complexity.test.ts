/**
 * No scanner is superlinear: splitting a pathological input 8x longer must read the text at most
 * about 8x as often (a quadratic rescan would read it ~64x as often). The scanners read text only
 * through `charCodeAt`/`codePointAt`, so the test counts those reads on a counting stand-in for the
 * string: an operation count, exact and the same on every machine, instead of a wall-clock ratio.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  cl100kPretokenizer,
  gpt2Pretokenizer,
  o200kPretokenizer,
  type Pretokenizer,
} from "../../../src/core/pretokenize/index.js";
import { walkReads } from "../../support/pretokenize/reads.js";

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

/** The largest ratio reads(8x input) / reads(input) over UNITS, and the most reads per character. */
function growth(p: Pretokenizer): { ratio: number; perChar: number; unit: string } {
  let worst = { ratio: 0, perChar: 0, unit: "" };
  for (const unit of UNITS) {
    const small = unit.repeat(Math.ceil(2_000 / unit.length));
    const large = small.repeat(8);
    const ratio = walkReads(p.next, large) / walkReads(p.next, small);
    const perChar = walkReads(p.next, large) / large.length;
    if (ratio > worst.ratio || perChar > worst.perChar)
      worst = { ratio: Math.max(ratio, worst.ratio), perChar: Math.max(perChar, worst.perChar), unit };
  }
  return worst;
}

for (const p of [gpt2Pretokenizer, cl100kPretokenizer, o200kPretokenizer]) {
  test(`${p.name}: 8x longer pathological input reads the text at most ~8x as often`, () => {
    const { ratio, perChar, unit } = growth(p);
    assert.ok(ratio < 8.1, `${JSON.stringify(unit)}: ratio ${ratio.toFixed(2)}`);
    assert.ok(perChar < 8, `${JSON.stringify(unit)}: ${perChar.toFixed(1)} reads per character`);
  });
}

test("the read count catches a scanner that rescans from the start of the text", () => {
  // A correct splitter (one piece per character) written the quadratic way: it re-reads the text
  // from 0 to find where it is, as a pretokenizer that restarts its match would.
  const rescanning: Pretokenizer = {
    ...gpt2Pretokenizer,
    name: "rescanning",
    next(text, pos, end) {
      for (let i = 0; i < pos; i++) text.charCodeAt(i);
      return Math.min(end, pos + 1);
    },
  };
  assert.ok(growth(rescanning).ratio > 32);
});
