/**
 * Count shards: a shard holds exactly the counts of a plain split-and-count (the reference of
 * test/support/node/ingest.ts), training from shards gives the merge list of training from the
 * files, mismatched and broken shards are named, and counts past 2^32 stay exact.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { countCorpusPieces } from "../../../src/node/ingest/count-corpus.js";
import { openDuckDB, sqlString } from "../../../src/node/shards/duckdb.js";
import { metadataPairs, shardContract } from "../../../src/node/shards/metadata.js";
import { readCountShards } from "../../../src/node/shards/read-shards.js";
import { writeCountShard } from "../../../src/node/shards/write-shard.js";
import { toklabVersion } from "../../../src/node/train-output.js";
import { type BpeTrainOptions, trainBpe } from "../../../src/train/bpe-trainer.js";
import { PieceCountList } from "../../../src/train/piece-count-list.js";
import type { PieceConfig } from "../../../src/train/types.js";
import { put, referenceCounts, sampleLines, sorted, tempDir } from "../../support/node/ingest.js";

let dir = "";
let cleanup = () => {};
let files: string[] = [];
let docs: string[] = [];

before(() => {
  ({ dir, cleanup } = tempDir());
  const lines = sampleLines(16, 900);
  docs = lines.map((l, i) => (i % 300 === 299 ? l : `${l}\n`));
  // Three files (a document a line, the last line of each without its newline).
  files = [0, 1, 2].map((k) => put(dir, `in/part-${k}.txt`, lines.slice(k * 300, k * 300 + 300).join("\n")));
});
after(() => cleanup());

/** All rows of one shard, as a Map of piece → count. */
async function shardRows(path: string): Promise<Map<string, number>> {
  const db = await openDuckDB();
  try {
    const r = await db.connection.runAndReadAll(
      `SELECT piece, count FROM read_parquet(${sqlString(path)}) ORDER BY piece`,
    );
    const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    return new Map(
      r.getRows().map(([p, c]) => [utf8.decode((p as unknown as { bytes: Uint8Array }).bytes), Number(c)]),
    );
  } finally {
    db.close();
  }
}

const CASES: Array<{ name: string; pieces: PieceConfig; train: Partial<BpeTrainOptions> }> = [
  {
    name: "gpt2, no number policy",
    pieces: { preset: "gpt2", numbers: "none", specialTokens: [] },
    train: {},
  },
  {
    name: "o200k, rtl3, a special token, Hugging Face ties",
    pieces: { preset: "o200k", numbers: "rtl3", specialTokens: ["<|endoftext|>"] },
    train: { tieBreak: "id", byteAlphabet: "seen", specialTokens: ["<|endoftext|>"] },
  },
  {
    name: "cl100k, ltr3, uncased",
    pieces: { preset: "cl100k", numbers: "ltr3", specialTokens: [], lowercase: true },
    train: {},
  },
  {
    name: "qwen2, single digits, character base",
    pieces: { preset: "qwen2", numbers: "single", specialTokens: [] },
    train: { base: "char", alphabetLimit: 200, vocabSize: 1200 },
  },
];

for (const c of CASES) {
  test(`shards = files: ${c.name}`, async () => {
    const shards = join(dir, `shards-${c.pieces.preset}`);
    for (let k = 0; k < files.length; k++) {
      const r = await writeCountShard([files[k]], join(shards, `part-${k}.parquet`), {
        pieces: c.pieces,
        workers: 0,
      });
      // Each shard holds exactly the reference counts of its file's documents.
      const expected = referenceCounts(docs.slice(k * 300, k * 300 + 300), c.pieces);
      assert.deepEqual(sorted(await shardRows(r.out)), sorted(expected));
      assert.equal(r.distinct, expected.size);
    }
    const merged = await readCountShards([join(shards, "*.parquet")], { memoryLimit: "256MB" });
    assert.deepEqual(merged.pieces, { ...c.pieces, lowercase: c.pieces.lowercase === true });
    const inMemory = await countCorpusPieces(files, { pieces: c.pieces, workers: 0 });
    assert.equal(merged.counts.size, inMemory.counts.size);
    assert.equal(merged.documents, inMemory.stats.documents);
    assert.equal(merged.bytes, inMemory.stats.bytes);
    const options: BpeTrainOptions = { vocabSize: 700, pieces: c.pieces, ...c.train };
    const fromShards = trainBpe(merged.counts, options);
    const fromFiles = trainBpe(inMemory.counts, options);
    assert.ok(fromFiles.merges.length > 100, "the corpus teaches enough merges to compare");
    assert.deepEqual(fromShards.merges, fromFiles.merges);
    assert.deepEqual(fromShards.tokens, fromFiles.tokens);
  });
}

test("the minimum piece count filters the same pieces in SQL as in memory", async () => {
  const pieces: PieceConfig = { preset: "o200k", numbers: "none", specialTokens: [] };
  for (let k = 0; k < files.length; k++)
    await writeCountShard([files[k]], join(dir, "min", `p${k}.parquet`), { pieces, workers: 0 });
  const merged = await readCountShards([join(dir, "min")], { minPieceCount: 3 });
  const reference = referenceCounts(docs, pieces);
  const kept = [...reference].filter(([, n]) => n >= 3);
  assert.deepEqual(sorted(new Map(merged.counts)), sorted(new Map(kept)));
  assert.equal(merged.distinctBeforeFilter, reference.size);
});

test("a tiny spill threshold spills every chunk, with workers, and the shard is still exact", async () => {
  const pieces: PieceConfig = { preset: "o200k", numbers: "rtl3", specialTokens: ["<|endoftext|>"] };
  // Nine small files are nine chunks: more than two workers hold in flight, so tables are
  // flushed while counting goes on (and, in the calling thread, after every chunk).
  const small = docs.map((d) => d.replace(/\n$/, ""));
  const nine = [...Array(9).keys()].map((k) =>
    put(dir, `nine/${k}.txt`, small.slice(k * 100, k * 100 + 100).join("\n")),
  );
  const nineDocs = small.map((d, i) => (i % 100 === 99 ? d : `${d}\n`));
  const reference = sorted(referenceCounts(nineDocs, pieces));
  for (const workers of [0, 2]) {
    const out = join(dir, "spill", `w${workers}.parquet`);
    const r = await writeCountShard(nine, out, { pieces, workers, spillAt: 1 });
    assert.ok(r.spills >= (workers === 0 ? 9 : 3), `${workers} workers: spilled ${r.spills} times`);
    assert.deepEqual(sorted(await shardRows(out)), reference);
  }
  const once = await writeCountShard(nine, join(dir, "spill", "once.parquet"), { pieces, workers: 0 });
  assert.equal(once.spills, 1);
  assert.equal(once.distinct, reference.length);
});

test("shards counted with different options are refused, naming both and the key", async () => {
  const a = join(dir, "mixed", "a.parquet");
  const b = join(dir, "mixed", "b.parquet");
  await writeCountShard([files[0]], a, {
    pieces: { preset: "o200k", numbers: "none", specialTokens: [] },
    workers: 0,
  });
  await writeCountShard([files[1]], b, {
    pieces: { preset: "o200k", numbers: "rtl3", specialTokens: [] },
    workers: 0,
  });
  await assert.rejects(readCountShards([join(dir, "mixed")]), (e: Error) => {
    assert.match(
      e.message,
      /a\.parquet and .*b\.parquet were counted differently: toklab\.numbers is "none"/,
    );
    assert.match(e.message, /"rtl3" in .*b\.parquet/);
    return true;
  });
});

test("a truncated or foreign shard is reported by name, and no output is left behind", async () => {
  const pieces: PieceConfig = { preset: "gpt2", numbers: "none", specialTokens: [] };
  const good = join(dir, "broken", "good.parquet");
  await writeCountShard([files[0]], good, { pieces, workers: 0 });
  const bytes = readFileSync(good);
  writeFileSync(join(dir, "broken", "cut.parquet"), bytes.subarray(0, Math.floor(bytes.length / 2)));
  await assert.rejects(
    readCountShards([join(dir, "broken")]),
    /cut\.parquet: not a readable Parquet count shard/,
  );

  // A Parquet file of the right columns but not written by count-pieces.
  const db = await openDuckDB();
  const foreign = join(dir, "foreign", "x.parquet");
  put(dir, "foreign/.keep", "");
  await db.connection.run(
    `COPY (SELECT 'ab'::BLOB AS piece, 1::BIGINT AS count) TO ${sqlString(foreign)} (FORMAT parquet)`,
  );
  db.close();
  await assert.rejects(readCountShards([foreign]), /x\.parquet: not a toklab count shard/);
  await assert.rejects(readCountShards([join(dir, "nothing", "*.parquet")]), /no count shards match/);
});

test("counts above 2^32 are summed exactly and train as the same counts in a Map", async () => {
  const pieces: PieceConfig = { preset: "gpt2", numbers: "none", specialTokens: [] };
  const big = 2 ** 32 + 7;
  // Shard k holds " the" × (big + k), "ab" × 3 and "x" plus one piece of its own.
  const rows = (k: number): Array<[string, number]> => [
    [" the", big + k],
    ["ab", 3],
    [`only${k}`, 2 ** 33 + k],
  ];
  const db = await openDuckDB();
  put(dir, "big/.keep", "");
  const kv = metadataPairs({
    contract: shardContract({
      pieces,
      field: "text",
      maxChars: null,
      maxPieceLength: 4096,
      version: toklabVersion(),
    }),
    inputs: [],
    documents: 1,
    bytes: 1,
  })
    .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
    .join(", ");
  for (let k = 0; k < 3; k++) {
    const values = rows(k)
      .map(([p, n]) => `(encode(${sqlString(p)}), ${BigInt(n)}::BIGINT)`)
      .join(", ");
    await db.connection.run(
      `COPY (SELECT * FROM (VALUES ${values}) t(piece, count)) TO ${sqlString(join(dir, "big", `s${k}.parquet`))} (FORMAT parquet, KV_METADATA {${kv}})`,
    );
  }
  const merged = await readCountShards([join(dir, "big")]);
  const expected = new Map<string, number>([
    [" the", 3 * big + 3],
    ["ab", 9],
    ...[0, 1, 2].map((k) => [`only${k}`, 2 ** 33 + k] as [string, number]),
  ]);
  assert.deepEqual(sorted(new Map(merged.counts)), sorted(expected));
  assert.equal(new Map(merged.counts).get(" the"), 12_884_901_912); // 3 · (2^32 + 7) + 0 + 1 + 2
  const options: BpeTrainOptions = { vocabSize: 256 + 12, pieces };
  assert.deepEqual(trainBpe(merged.counts, options).merges, trainBpe(expected, options).merges);

  // Past 2^53 a count is refused, not rounded.
  await db.connection.run(
    `COPY (SELECT encode(' the') AS piece, ${2n ** 53n}::BIGINT AS count) TO ${sqlString(join(dir, "big", "s9.parquet"))} (FORMAT parquet, KV_METADATA {${kv}})`,
  );
  db.close();
  await assert.rejects(readCountShards([join(dir, "big")]), /more than 2\^53 - 1/);
});

test("PieceCountList trains like a Map of the same entries", () => {
  const list = new PieceCountList();
  const map = new Map<string, number>([
    ["low", 5],
    [" lower", 2],
    [" newest", 6],
    [" widest", 3],
  ]);
  for (const [p, n] of map) list.push(p, n);
  assert.equal(list.size, 4);
  assert.deepEqual([...list.keys()], [...map.keys()]);
  assert.deepEqual(trainBpe(list, { vocabSize: 266 }).merges, trainBpe(map, { vocabSize: 266 }).merges);
  list.clear();
  assert.equal(list.size, 0);
});

test("without DuckDB installed, count-pieces says what to install", () => {
  // A resolve hook that makes `@duckdb/node-api` missing, as for a user who never installed it.
  const hook =
    'export async function resolve(s, c, next) { if (s === "@duckdb/node-api") { const e = new Error("missing"); ' +
    'e.code = "ERR_MODULE_NOT_FOUND"; throw e; } return next(s, c); }';
  const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const main = fileURLToPath(new URL("../../../src/cli/main.ts", import.meta.url));
  const out = join(dir, "no-duckdb", "x.parquet");
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      `data:text/javascript,${encodeURIComponent(register)}`,
      main,
      "count-pieces",
      files[0],
      "--out",
      out,
    ],
    { encoding: "utf8" },
  );
  assert.equal(r.status, 1, r.stderr);
  assert.match(
    r.stderr,
    /^toklab: count-pieces: count shards need DuckDB, an optional dependency of toklab: run `npm install @duckdb\/node-api`\n$/,
  );
  assert.equal(existsSync(join(dir, "no-duckdb")), false, "nothing created, not even the folder");
});
