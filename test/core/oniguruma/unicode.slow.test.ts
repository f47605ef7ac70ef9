/**
 * Split regexes must classify characters with the binding's Oniguruma tables (Unicode 16.0), not
 * V8's (17.0): DeepSeek V3's pattern put " 🣐" (U+1F8D0, an arrow new in 17.0) in one piece where
 * HF cuts " " | "🣐". Pins `ONIG_UNASSIGNED` and `pinClass` against the binding.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ONIG_UNASSIGNED } from "../../../src/core/oniguruma/index.js";
import { hfPre, oursPieces } from "../../support/hf/pretokenize.js";
import { onigMembers, SCALARS } from "../../support/oniguruma/sweep.js";

test("ONIG_UNASSIGNED is what the binding's Oniguruma calls \\p{Cn} and V8 assigns", async () => {
  const cn = await onigMembers("\\p{Cn}");
  const v8 = /^\p{Cn}$/u;
  const expected: number[] = [];
  for (const cp of SCALARS) if (cn.has(cp) && !v8.test(String.fromCodePoint(cp))) expected.push(cp);
  const listed: number[] = [];
  for (let k = 0; k < ONIG_UNASSIGNED.length; k += 2) {
    for (let cp = ONIG_UNASSIGNED[k]; cp <= ONIG_UNASSIGNED[k + 1]; cp++) listed.push(cp);
  }
  assert.deepEqual(listed, expected);
});

// The characters whose class changed, their neighbours, and a sample of the whole code space.
const probe = (() => {
  const set = new Set<number>([0x294, 0x295, 0x296]);
  for (let k = 0; k < ONIG_UNASSIGNED.length; k += 2) {
    for (let cp = ONIG_UNASSIGNED[k] - 1; cp <= ONIG_UNASSIGNED[k + 1] + 1; cp++) set.add(cp);
  }
  for (let i = 0; i < SCALARS.length; i += 11) set.add(SCALARS[i]);
  return [...set].filter((cp) => cp < 0xd800 || cp > 0xdfff).sort((a, b) => a - b);
})();
const probeText = probe.map((c) => String.fromCodePoint(c)).join("");

for (const pattern of [
  "\\p{L}",
  "\\p{Ll}",
  "\\p{Lo}",
  "\\p{Lu}",
  "\\p{Lm}",
  "\\p{M}",
  "\\p{N}",
  "\\p{P}",
  "\\p{S}",
  "\\P{L}",
  "\\p{^S}",
  "\\w",
  "\\W",
  "\\d",
  "\\s",
  "[^\\r\\n\\p{L}\\p{P}\\p{S}]",
  "[\\p{L}\\p{M}]",
  "[^\\s\\p{L}\\p{N}]",
  "[\\x{1F8D0}-\\x{1F8D8}\\p{L}]",
]) {
  test(`Split ${pattern} matches the characters Oniguruma's matches`, async () => {
    const theirs = await onigMembers(pattern, probe);
    const pre = { type: "Split", pattern: { Regex: pattern }, behavior: "Removed", invert: true };
    const cps = [...probeText].map((c) => c.codePointAt(0)!);
    const ours = new Set(oursPieces(pre, probeText).flatMap(([, [a, b]]) => cps.slice(a, b)));
    const diff = probe.filter((cp) => ours.has(cp) !== theirs.has(cp)).map((cp) => cp.toString(16));
    assert.deepEqual(diff, []);
  });
}

test("DeepSeek V3's pattern cuts a 17.0 symbol off as HF does", () => {
  const pre = {
    type: "Split",
    pattern: { Regex: "[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s+(?!\\S)|\\s+" },
    behavior: "Isolated",
    invert: false,
  };
  for (const text of [" \u{1f8d0}", "a \u{1f8d0}!", "x\u{1e6c0}y \u{10ed0}.", "\u0295\u0296 \ua7ce"]) {
    assert.deepEqual(oursPieces(pre, text), hfPre(pre).preTokenizeString(text), JSON.stringify(text));
  }
});
