/**
 * Hand-made merge lists that pin HF's merge order: pair ranks, not token ids; leftmost on ties;
 * the stale-entry rule (by new id, not rank); duplicate pairs; both merges spellings.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BPE } from "../../../src/core/models/bpe.js";
import { bpeFromJson } from "../../../src/formats/hf/bpe.js";
import { assertSame, bpeModel, hfTokenizer } from "../../support/hf/bpe.js";
import { hfOutcome } from "../../support/hf/models.js";

const values = (bpe: BPE, word: string) => bpe.tokenize(word).map((t) => t.value);

describe("merge order", () => {
  test("(e) the lowest pair rank merges first, whatever the token ids", async () => {
    const vocab = { a: 0, b: 1, c: 2, ab: 3, bc: 4, abc: 5 };
    const data = {
      vocab,
      merges: [
        ["b", "c"],
        ["a", "b"],
        ["a", "bc"],
      ] as [string, string][],
    };
    const bpe = bpeFromJson(bpeModel(data));
    assert.deepEqual(values(bpe, "abc"), ["abc"]);
    assert.deepEqual(values(bpe, "abab"), ["ab", "ab"]);
    const flipped = bpeFromJson(
      bpeModel({
        vocab,
        merges: [
          ["a", "b"],
          ["b", "c"],
          ["a", "bc"],
        ],
      }),
    );
    assert.deepEqual(values(flipped, "abc"), ["ab", "c"]);
    const hf = hfTokenizer(bpeModel(data));
    for (const w of ["abc", "abab", "cab", "bcbc", "abcabc"]) await assertSame(bpe, hf, w);
  });

  test("equal ranks merge leftmost first (aaa → aa a)", async () => {
    const data = { vocab: { a: 0, aa: 1, aaa: 2 }, merges: [["a", "a"]] as [string, string][] };
    const bpe = bpeFromJson(bpeModel(data));
    assert.deepEqual(values(bpe, "aaa"), ["aa", "a"]);
    const hf = hfTokenizer(bpeModel(data));
    for (let n = 1; n < 12; n++) await assertSame(bpe, hf, "a".repeat(n));
  });

  test("a stale queue entry whose new id still matches is merged, as in HF", async () => {
    // "ab" and "abc" share id 5, so the queued (a, b) entry stays valid after b+c merge:
    // HF merges (a, bc) at rank 1, before (bc, d) at rank 2. A rescan by rank would not.
    const vocab = { a: 0, b: 1, c: 2, d: 3, bc: 4, ab: 5, abc: 5, bcd: 6 };
    const merges: [string, string][] = [
      ["b", "c"],
      ["a", "b"],
      ["bc", "d"],
      ["a", "bc"],
    ];
    const bpe = new BPE(vocab, merges);
    assert.deepEqual(
      bpe.tokenize("abcd").map((t) => t.id),
      [5, 3],
    );
    // Token strings of a shared id are HF's hash-map pick, so compare ids and offsets only.
    const theirs = await hfOutcome(hfTokenizer(bpeModel({ vocab, merges })), "abcd");
    assert.ok(typeof theirs !== "string");
    assert.deepEqual(theirs.ids, [5, 3]);
    assert.deepEqual(theirs.offsets, [
      [0, 3],
      [3, 4],
    ]);
  });

  test("a pair listed twice keeps its last rank", async () => {
    const vocab = { a: 0, b: 1, c: 2, ab: 3, bc: 4 };
    const merges: [string, string][] = [
      ["a", "b"],
      ["b", "c"],
      ["a", "b"],
    ];
    const bpe = new BPE(vocab, merges);
    assert.deepEqual(values(bpe, "abc"), ["a", "bc"]);
    const hf = hfTokenizer(bpeModel({ vocab, merges }));
    await assertSame(bpe, hf, "abc");
  });

  test('legacy "a b" merges (with a #version line) equal pairs', async () => {
    const vocab = { a: 0, b: 1, c: 2, ab: 3, bc: 4, "#version:": 5 };
    const legacy = ["#version: 0.2", "b c", "a b"];
    const model = { ...bpeModel({ vocab, merges: [] }), merges: legacy };
    const bpe = bpeFromJson(model);
    assert.deepEqual(values(bpe, "abc"), ["a", "bc"]);
    assert.deepEqual(values(new BPE(vocab, legacy), "abc"), ["a", "bc"]);
    const hf = hfTokenizer(model);
    for (const w of ["abc", "cab", "abcab"]) await assertSame(bpe, hf, w);
  });

  test("tokens containing spaces work in the pair spelling", async () => {
    const vocab = { "a b": 0, c: 1, "a bc": 2 };
    const merges: [string, string][] = [["a b", "c"]];
    const bpe = new BPE(vocab, merges);
    // Characters are symbols, so "a b" is never built from "a", " ", "b" here: only as a whole.
    assert.deepEqual(values(new BPE(vocab, merges, { ignoreMerges: true }), "a bc"), ["a bc"]);
    const hf = hfTokenizer(bpeModel({ vocab, merges }));
    await assertSame(bpe, hf, "a bc");
  });
});
