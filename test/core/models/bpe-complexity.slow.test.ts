/**
 * SentencePiece-style models hand a whole segment to BPE as one word: the merge must stay
 * O(n log n). An 8x longer word (up to 1 M characters) must cost less than 16x (linear would be
 * 8x, quadratic 64x). Ratios of CPU times, never absolute times, so slow machines pass.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BPE } from "../../../src/core/models/bpe.js";
import { assertSame, bpeModel, charVocab, hfTokenizer, seededRandom } from "../../support/hf/bpe.js";
import { randomWord, WORDS } from "../../support/hf/models.js";

function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function timeOf(f: () => void, repeats: number): number {
  f(); // warm up (and grow the scratch arrays)
  let best = Number.POSITIVE_INFINITY;
  let total = 0;
  for (let i = 0; i < repeats; i++) {
    const ms = cpuMs(f);
    total += ms;
    best = Math.min(best, ms);
  }
  return (total / repeats + best) / 2;
}

const data = charVocab(
  WORDS.map((w) => `▁${w}`),
  { seed: 31, maxLen: 8, missing: 0, bytes: () => true },
);
// A doubling chain so that runs of one letter merge log n levels deep.
const chain: [string, string][] = [];
for (let k = 1; k < 64; k *= 2) {
  const piece = "a".repeat(2 * k);
  data.vocab[piece] ??= Object.keys(data.vocab).length;
  chain.push(["a".repeat(k), "a".repeat(k)]);
}
const options = { unk_token: "<unk>", byte_fallback: true };
const bpe = new BPE(data.vocab, [...chain, ...data.merges], { unkToken: "<unk>", byteFallback: true });

const rand = seededRandom(4);
const mixed = Array.from({ length: 4000 }, () => randomWord(rand, WORDS, 1, 0.1)).join("");

const CASES: [string, (n: number) => string][] = [
  ["one letter", (n) => "a".repeat(n)],
  ["two letters", (n) => "ab".repeat(n / 2)],
  ["words without spaces", (n) => mixed.repeat(Math.ceil(n / mixed.length)).slice(0, n)],
  ["CJK", (n) => "中文字日本語".repeat(n / 6)],
  ["unknown characters (byte fallback)", (n) => "Ωß✓".repeat(n / 3)],
  ["emoji", (n) => "😀".repeat(n / 2)],
];

describe("BPE on one long word is O(n log n)", () => {
  for (const [label, make] of CASES) {
    test(label, () => {
      const n = 1 << 17;
      const small = make(n);
      const large = make(8 * n); // ~1 M characters
      const run = (s: string) => () => bpe.tokenizeInto(s, 0, s.length, { ids: [], starts: [], ends: [] });
      let ratio = 0;
      for (let attempt = 0; attempt < 2; attempt++) {
        // A busy machine can inflate one measurement, rarely two.
        ratio = timeOf(run(large), 2) / Math.max(timeOf(run(small), 3), 0.05);
        if (ratio < 16) break;
      }
      assert.ok(ratio < 16, `${label}: 8x input took ${ratio.toFixed(1)}x`);
    });
  }

  test("long words match the binding (20 000 characters of each kind)", async () => {
    const hf = hfTokenizer(bpeModel({ vocab: data.vocab, merges: [...chain, ...data.merges] }, options));
    for (const [, make] of CASES) await assertSame(bpe, hf, make(20000));
  });
});
