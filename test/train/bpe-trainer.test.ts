import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import { type BpeTrainOptions, trainBpe } from "../../src/train/bpe-trainer.js";
import { charCount } from "../../src/train/token-table.js";
import { adversarialStrings } from "../support/adversarial.js";
import { type NaiveOptions, naiveBpe } from "../support/train/naive-bpe.js";

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Piece counts from generated text: words of a small alphabet (many ties and repeats) plus
 * adversarial strings cut on spaces. */
function corpus(seed: number, size: number): Map<string, number> {
  const rnd = seededRandom(seed);
  const alphabet = ["a", "b", "c", "ab", "é", "中", "😀", "1", " ", "aa", "ς"];
  const counts = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    let w = "";
    const len = 1 + Math.floor(rnd() * 7);
    for (let k = 0; k < len; k++) w += alphabet[Math.floor(rnd() * alphabet.length)];
    counts.set(w, (counts.get(w) ?? 0) + 1 + Math.floor(rnd() * 5));
  }
  for (const s of adversarialStrings(seed, 20)) {
    for (const piece of s.split(/(?= )/)) if (piece) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  }
  return counts;
}

function same(counts: Map<string, number>, options: BpeTrainOptions & NaiveOptions): void {
  const ours = trainBpe(counts, options);
  const ref = naiveBpe(counts, options);
  assert.deepEqual(ours.tokens.map(latin1), ref.tokens, "vocabulary (bytes by id)");
  assert.deepEqual(
    ours.merges.map(([a, b]) => [a, b]),
    ref.merges,
    "merges",
  );
}

describe("trainBpe equals the naive recount-everything trainer", () => {
  const combos: Array<Partial<BpeTrainOptions & NaiveOptions>> = [
    { base: "byte" },
    { base: "byte", tieBreak: "id" },
    { base: "byte", byteAlphabet: "seen", tieBreak: "id" },
    { base: "byte", minFrequency: 4 },
    { base: "byte", maxTokenLength: { value: 3, unit: "chars" } },
    { base: "byte", maxTokenLength: { value: 4, unit: "bytes" } },
    { base: "byte", specialTokens: ["<|endoftext|>", "<pad>"], reservedTokens: ["    ", "2024", "ab"] },
    { base: "char" },
    { base: "char", alphabetLimit: 6 },
    { base: "char", alphabetLimit: 4, maxTokenLength: { value: 2, unit: "chars" }, tieBreak: "id" },
    { base: "char", specialTokens: ["<s>"], reservedTokens: ["aaa"] },
  ];
  for (const [i, combo] of combos.entries()) {
    test(`options ${JSON.stringify(combo)}`, () => {
      for (const seed of [1, 2, 3]) {
        const counts = corpus(seed * 31 + i, 150);
        const distinct = new Set([...counts.keys()].flatMap((p) => [...p])).size;
        const fixed = combo.base === "byte" ? 256 : 256 + Math.min(distinct, combo.alphabetLimit ?? distinct);
        const extra = (combo.specialTokens?.length ?? 0) + (combo.reservedTokens?.length ?? 0);
        same(counts, { vocabSize: fixed + extra + 120, base: "byte", ...combo } as BpeTrainOptions &
          NaiveOptions);
      }
    });
  }

  test("runs out of pairs before the budget and stops cleanly", () => {
    const counts = new Map([["abab", 3]]);
    const t = trainBpe(counts, { vocabSize: 1000 });
    assert.equal(t.merges.length, 2); // a·b, then ab·ab
    assert.equal(latin1(t.tokens.at(-1)!), "abab");
  });

  test("overlapping pairs merge left to right (a a a → aa a)", () => {
    const t = trainBpe(new Map([["aaa", 1]]), { vocabSize: 258 });
    assert.equal(t.merges.length, 2);
    assert.equal(latin1(t.tokens[257]), "aaa");
  });

  test("a merge yielding existing bytes reuses that token (Hugging Face semantics)", () => {
    // ab·c first (ab, then abc), and later a·bc would make "abc" again.
    const counts = new Map([
      ["abc", 10],
      ["xbc", 6],
      ["bca", 1],
    ]);
    const ours = trainBpe(counts, { vocabSize: 256 + 10 });
    const ref = naiveBpe(counts, { vocabSize: 256 + 10, base: "byte" });
    assert.deepEqual(ours.tokens.map(latin1), ref.tokens);
    assert.deepEqual(ours.merges, ref.merges);
  });
});

describe("trainBpe vetoes and budget", () => {
  test("no token longer than the cap (chars, inclusive), on adversarial text", () => {
    const counts = new Map<string, number>();
    for (const s of adversarialStrings(7, 200)) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (const cap of [1, 2, 4]) {
      const t = trainBpe(counts, { vocabSize: 256 + 400, maxTokenLength: { value: cap, unit: "chars" } });
      const lengths = t.tokens.slice(t.firstMergeId).map(charCount);
      assert.ok(Math.max(...lengths) <= cap, `cap ${cap}: longest ${Math.max(...lengths)}`);
      if (cap > 1) assert.ok(lengths.includes(cap), "the cap is reachable (inclusive)");
    }
  });

  test("vocab size counts special, reserved and base tokens", () => {
    const t = trainBpe(corpus(5, 200), {
      vocabSize: 300,
      specialTokens: ["<s>", "</s>"],
      reservedTokens: ["xyz"],
    });
    assert.equal(t.tokens.length, 300);
    assert.deepEqual(t.specialIds, [0, 1]);
    assert.deepEqual(t.reservedIds, [2]);
    assert.equal(t.firstMergeId, 3 + 256);
    assert.throws(() => trainBpe(corpus(5, 10), { vocabSize: 100 }), /smaller than the fixed part/);
  });

  test("counts beyond 2^31 stay exact", () => {
    const big = 2 ** 31 + 7;
    const counts = new Map([
      ["ab", big],
      ["cd", big - 1],
      ["ab cd", 3],
    ]);
    const t = trainBpe(counts, { vocabSize: 257 });
    assert.equal(latin1(t.tokens[256]), "ab");
    // Add one more occurrence through a different word: the sums must not wrap.
    const t2 = trainBpe(
      new Map([
        ["cd", big],
        ["xcd", 1],
        ["ab", big],
      ]),
      { vocabSize: 257 },
    );
    assert.equal(latin1(t2.tokens[256]), "cd");
  });

  test("deterministic whatever the order of the piece counts", () => {
    const counts = corpus(9, 300);
    const reversed = new Map([...counts].reverse());
    assert.deepEqual(
      trainBpe(counts, { vocabSize: 400 }).merges,
      trainBpe(reversed, { vocabSize: 400 }).merges,
    );
  });

  test("bad options are clear errors", () => {
    assert.throws(() => trainBpe(new Map(), { vocabSize: 0 }), /vocab size/);
    assert.throws(
      () => trainBpe(new Map(), { vocabSize: 300, maxTokenLength: { value: 0, unit: "chars" } }),
      /max token length/,
    );
  });
});

test("character base: ASCII characters are their own mergeable tokens, apart from <0xNN>", () => {
  const counts = new Map([
    ["hello", 10],
    ["help", 5],
    ["ȟello", 2],
  ]);
  const t = trainBpe(counts, { vocabSize: 256 + 8 + 5, base: "char" });
  const dec = new TextDecoder();
  const learned = t.tokens.slice(t.firstMergeId).map((b) => dec.decode(b));
  // e·l occurs 17 times (hello, help, ȟello), h·e 15: ASCII letters merge like any character.
  assert.deepEqual(learned.slice(0, 2), ["el", "hel"]);
  assert.equal(t.byteFallbackIds.length, 256);
  assert.ok(!t.merges.some(([a, b]) => t.byteFallbackIds.includes(a) || t.byteFallbackIds.includes(b)));
});
