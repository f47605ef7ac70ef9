import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../src/eval/metrics.js";
import { renyiEfficiency, renyiEntropy } from "../../src/eval/renyi.js";
import { wordLevelTokenizer } from "../support/eval/toy-tokenizers.js";

// tokenization-scorer's own test (tokenization_scorer/test.py): tokens are the space-separated
// strings, and the expected values are the package's outputs.
const text1 = "pick @@ed pick @@l @@ed pick @@les";
const text2 = "pick @@e @@d pick @@l @@e @@d pick @@l @@e @@s";

function typeCounts(text: string): number[] {
  const m = new Map<string, number>();
  for (const t of text.split(" ")) m.set(t, (m.get(t) ?? 0) + 1);
  return [...m.values()];
}

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);

test("Rényi efficiency reproduces tokenization-scorer's fixture (0.8265 at α = 2.5)", () => {
  close(renyiEfficiency(typeCounts(text1), { alpha: 2.5 }), 0.8265064834225245);
  close(renyiEfficiency(typeCounts(text2), { alpha: 2.5 }), 0.9204840242168808);
  close(renyiEntropy(typeCounts(text1), 2.5), 1.653012966845049);
  close(renyiEntropy(typeCounts(text2), 2.5), 2.1372977167241545);
});

test("α = 1 is Shannon entropy and efficiency (the package's shannon values)", () => {
  close(renyiEntropy(typeCounts(text1), 1), 1.8423709931771088);
  close(renyiEfficiency(typeCounts(text2), { alpha: 1 }), 0.9609557933859342);
});

test("α defaults to 2.5; a given vocabulary size replaces the observed types", () => {
  close(renyiEfficiency(typeCounts(text1)), 0.8265064834225245);
  close(renyiEfficiency(typeCounts(text1), { vocabSize: 16 }), 1.653012966845049 / 4);
  assert.equal(renyiEfficiency([5]), 0);
});

test("the same number through a tokenizer and evaluate()", () => {
  const tok = wordLevelTokenizer(["pick", "@@ed", "@@l", "@@les"]);
  close(evaluate(tok, [text1]).renyiEfficiency, 0.8265064834225245);
});
