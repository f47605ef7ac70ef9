import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { MAX_PIECE_LENGTH } from "../../../src/node/ingest/chunk-counter.js";
import { countCorpusPieces } from "../../../src/node/ingest/count-corpus.js";
import { resolveInputs } from "../../../src/node/ingest/inputs.js";
import type { IngestProgress } from "../../../src/node/ingest/progress.js";
import type { PieceConfig } from "../../../src/train/types.js";
import { isWellFormed } from "../../support/adversarial.js";
import {
  capChars,
  documentsOf,
  put,
  referenceCounts,
  sampleLines,
  sorted,
  tempDir,
  utf8,
} from "../../support/node/ingest.js";

const PIECES: PieceConfig = { preset: "o200k", numbers: "rtl3", specialTokens: ["<|endoftext|>"] };
let dir = "";
let cleanup = () => {};
let files: string[] = [];

before(() => {
  ({ dir, cleanup } = tempDir());
  const lines = sampleLines(3, 600);
  put(dir, "a.txt", `\ufeff${lines.slice(0, 100).join("\n")}\r\nlast line without newline`);
  put(dir, "nested/deeper/b.txt.gz", `${lines.slice(100, 200).join("\n")}\n`);
  put(
    dir,
    "nested/c.jsonl",
    `${lines
      .slice(200, 300)
      .map((t, i) => JSON.stringify({ id: i, text: t }))
      .join("\n")}\n\n`,
  );
  put(
    dir,
    "nested/d.jsonl.gz",
    lines
      .slice(300, 400)
      .map((t) => JSON.stringify({ text: t }))
      .join("\n"),
  );
  // Bigger than one 1 MiB chunk, so documents cross chunk boundaries in the reader.
  const big: string[] = [];
  for (let i = 0; big.length < 12_000; i++) big.push(lines[400 + (i % 200)] + " 🙂".repeat(i % 7) + i);
  put(dir, "big/e.txt", big.join("\n"));
  put(dir, ".hidden/skipped.txt", "never read\n");
});
after(() => cleanup());

async function reference(pieces: PieceConfig, maxChars = Number.POSITIVE_INFINITY) {
  files = (await resolveInputs([dir])).map((f) => f.path);
  const docs = files
    .flatMap((f) => documentsOf(f))
    .map((d) => (maxChars < Infinity ? capChars(d, maxChars) : d));
  const counts = referenceCounts(docs, pieces);
  let pieceTotal = 0;
  for (const c of counts.values()) pieceTotal += c;
  return { counts, docs, bytes: docs.reduce((s, d) => s + utf8(d), 0), pieces: pieceTotal };
}

for (const workers of [0, 1, 2]) {
  test(`counts equal a straightforward count (${workers} worker${workers === 1 ? "" : "s"})`, async () => {
    const ref = await reference(PIECES);
    const { counts, stats } = await countCorpusPieces([dir], { pieces: PIECES, workers });
    assert.deepEqual(sorted(counts), sorted(ref.counts));
    assert.equal(stats.documents, ref.docs.length);
    assert.equal(stats.bytes, ref.bytes);
    assert.equal(stats.pieces, ref.pieces);
    assert.equal(stats.distinct, ref.counts.size);
    assert.equal(stats.files, 5);
  });
}

test("the character cap truncates each document to its first N code points", async () => {
  const config: PieceConfig = { preset: "cl100k", numbers: "none", specialTokens: [] };
  for (const cap of [1, 7, 40]) {
    const ref = await reference(config, cap);
    const { counts, stats } = await countCorpusPieces([dir], { pieces: config, workers: 0, maxChars: cap });
    assert.deepEqual(sorted(counts), sorted(ref.counts), `cap ${cap}`);
    assert.equal(stats.bytes, ref.bytes, `cap ${cap}`);
  }
});

test("a JSONL field other than text", async () => {
  const { dir: d, cleanup: done } = tempDir();
  try {
    put(d, "x.jsonl", '{"content":"hello world","text":"ignored"}\n{"content":"hello again"}\n');
    const { counts } = await countCorpusPieces([`${d}/x.jsonl`], {
      pieces: PIECES,
      field: "content",
      workers: 0,
    });
    assert.deepEqual(sorted(counts), [
      [" again", 1],
      [" world", 1],
      ["hello", 2],
    ]);
  } finally {
    done();
  }
});

test("progress reports every phase in order and reaches the total", async () => {
  const events: IngestProgress[] = [];
  const { stats } = await countCorpusPieces([dir], {
    pieces: PIECES,
    workers: 1,
    sampleBytes: 50_000,
    onProgress: (p) => events.push(p),
  });
  const phases = events.map((e) => e.phase).filter((p, i, a) => i === 0 || a[i - 1] !== p);
  assert.deepEqual(phases, ["scan", "count", "merge", "done"]);
  const lastScan = events.filter((e) => e.phase === "scan").at(-1)!;
  const lastCount = events.filter((e) => e.phase === "count").at(-1)!;
  assert.equal(lastScan.bytes, lastScan.totalBytes);
  assert.equal(lastCount.bytes, lastCount.totalBytes);
  assert.equal(lastCount.documents, stats.documents);
  assert.equal(events.at(-1)!.distinct, stats.distinct);
  for (let i = 1; i < events.length; i++) assert.ok(events[i].elapsedMs >= events[i - 1].elapsedMs);
});

test("a piece longer than MAX_PIECE_LENGTH is counted as chunks that never split a character", async () => {
  const { dir: d, cleanup: done } = tempDir();
  try {
    // One piece with no pretokenizer boundary: "!" then emoji (surrogate pairs), so that a plain
    // cut every MAX_PIECE_LENGTH units would fall between the two halves of a pair.
    const blob = `!${"🙂".repeat(MAX_PIECE_LENGTH)}`;
    const file = put(d, "blob.txt", `short line\n${blob}\n`);
    const warnings: string[] = [];
    const { counts, stats } = await countCorpusPieces([d], {
      pieces: PIECES,
      workers: 0,
      onWarning: (m) => warnings.push(m),
    });
    assert.equal(stats.longPieces, 1);
    assert.match(warnings.join("\n"), /1 piece\(s\) longer than 4096 characters/);
    const units = (c: ReadonlyMap<string, number>) => {
      let n = 0;
      for (const [piece, count] of c) n += piece.length * count;
      return n;
    };
    for (const piece of counts.keys()) {
      assert.ok(piece.length <= MAX_PIECE_LENGTH, `a counted piece of ${piece.length} units`);
      assert.ok(isWellFormed(piece), "a chunk cut a surrogate pair");
    }
    // Chunks cover the piece exactly; ordinary pieces are counted whole, as before.
    const whole = referenceCounts(documentsOf(file), PIECES);
    assert.equal(units(counts), units(whole));
    assert.ok([...whole.keys()].some((p) => p.length > MAX_PIECE_LENGTH));
    assert.equal(counts.get(" line"), whole.get(" line"));
  } finally {
    done();
  }
});
