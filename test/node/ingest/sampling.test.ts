import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { seededRandom } from "../../../src/core/random.js";
import { countCorpusPieces } from "../../../src/node/ingest/count-corpus.js";
import { resolveInputs } from "../../../src/node/ingest/inputs.js";
import { ByteBudgetSampler, sampleKey } from "../../../src/node/ingest/sample.js";
import type { PieceConfig } from "../../../src/train/types.js";
import {
  capChars,
  numberedDocuments,
  put,
  referenceCounts,
  sampleLines,
  sorted,
  tempDir,
  utf8,
} from "../../support/node/ingest.js";

const PIECES: PieceConfig = { preset: "cl100k", numbers: "ltr3", specialTokens: ["<|endoftext|>"] };
let dir = "";
let cleanup = () => {};
before(() => {
  ({ dir, cleanup } = tempDir());
  const lines = sampleLines(11, 900);
  put(dir, "one.txt", `${lines.slice(0, 300).join("\n")}\n`);
  put(
    dir,
    "sub/two.jsonl",
    lines
      .slice(300, 600)
      .map((t) => JSON.stringify({ text: t }))
      .join("\n"),
  );
  put(dir, "sub/three.txt.gz", lines.slice(600).join("\n"));
});
after(() => cleanup());

/** Brute force: every document's key, sorted, and the longest prefix within the budget. */
async function referenceSample(budget: number, seed: number, maxChars = Number.POSITIVE_INFINITY) {
  const files = await resolveInputs([dir]);
  const docs = files.flatMap((f, file) =>
    numberedDocuments(f.path).map(({ line, text }) => {
      const t = capChars(text, maxChars);
      return { key: sampleKey(seed, file, line), file, line, text: t, bytes: utf8(t) };
    }),
  );
  docs.sort((a, b) => a.key - b.key || a.file - b.file || a.line - b.line);
  const chosen: string[] = [];
  let total = 0;
  for (const d of docs) {
    if (total + d.bytes > budget) break;
    total += d.bytes;
    chosen.push(d.text);
  }
  return { chosen, total, all: docs.reduce((s, d) => s + d.bytes, 0) };
}

test("a sample is the key-order prefix that fits the budget (brute-force reference)", async () => {
  for (const [budget, seed, cap] of [
    [5_000, 1, Infinity],
    [20_000, 2, 30],
    [1, 3, Infinity],
  ] as const) {
    const ref = await referenceSample(budget, seed, cap);
    const { counts, stats } = await countCorpusPieces([dir], {
      pieces: PIECES,
      workers: 0,
      sampleBytes: budget,
      seed,
      maxChars: cap,
    });
    assert.deepEqual(sorted(counts), sorted(referenceCounts(ref.chosen, PIECES)), `budget ${budget}`);
    assert.equal(stats.documents, ref.chosen.length);
    assert.equal(stats.bytes, ref.total);
    assert.ok(stats.bytes <= budget);
  }
});

test("sampling is deterministic for a seed, whatever the worker count, and differs across seeds", async () => {
  const run = (seed: number, workers: number) =>
    countCorpusPieces([dir], { pieces: PIECES, workers, sampleBytes: 15_000, seed });
  const a = await run(7, 0);
  const b = await run(7, 2);
  const c = await run(8, 0);
  assert.deepEqual(sorted(a.counts), sorted(b.counts));
  assert.deepEqual(a.stats.bytes, b.stats.bytes);
  assert.notDeepEqual(sorted(a.counts), sorted(c.counts));
  for (const r of [a, b, c]) assert.ok(r.stats.bytes <= 15_000 && r.stats.bytes > 10_000, `${r.stats.bytes}`);
});

test("a budget above the corpus keeps every document", async () => {
  const ref = await referenceSample(Number.MAX_SAFE_INTEGER, 0);
  const { stats } = await countCorpusPieces([dir], { pieces: PIECES, workers: 0, sampleBytes: 10 ** 9 });
  assert.equal(stats.bytes, ref.all);
  const full = await countCorpusPieces([dir], { pieces: PIECES, workers: 0 });
  assert.equal(stats.documents, full.stats.documents);
});

test("ByteBudgetSampler's result does not depend on the order documents arrive in", () => {
  const rnd = seededRandom(5);
  const docs = Array.from({ length: 2000 }, (_, i) => ({
    file: i % 3,
    line: 1 + Math.floor(i / 3),
    bytes: 1 + Math.floor(rnd() * 500),
  }));
  const select = (order: typeof docs) => {
    const s = new ByteBudgetSampler(100_000, 99);
    for (const d of order) s.offer(d.file, d.line, d.bytes);
    return { sel: [...s.selection()].sort((x, y) => x[0] - y[0]), bytes: s.selectedBytes, n: s.size };
  };
  const forward = select(docs);
  const shuffled = [...docs];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  assert.deepEqual(select(shuffled), forward);
  assert.deepEqual(select([...docs].reverse()), forward);
  assert.ok(forward.bytes <= 100_000 && forward.bytes > 99_000);
  // Brute force over the same documents.
  const byKey = [...docs].sort(
    (a, b) =>
      sampleKey(99, a.file, a.line) - sampleKey(99, b.file, b.line) || a.file - b.file || a.line - b.line,
  );
  let total = 0;
  let n = 0;
  for (const d of byKey) {
    if (total + d.bytes > 100_000) break;
    total += d.bytes;
    n++;
  }
  assert.equal(forward.n, n);
  assert.equal(forward.bytes, total);
});

test("sample keys spread evenly (no file or line is favoured)", () => {
  const buckets = new Array(16).fill(0);
  for (let line = 1; line <= 16_000; line++) buckets[sampleKey(0, 0, line) >>> 28]++;
  for (const b of buckets) assert.ok(b > 850 && b < 1150, `bucket ${b}`);
  assert.notEqual(sampleKey(1, 0, 1), sampleKey(2, 0, 1));
  assert.notEqual(sampleKey(1, 0, 1), sampleKey(1, 1, 1));
});
