/**
 * `writeCountShard`: counts the pieces of some input files into one Parquet count shard, in
 * bounded memory. The counting tables spill to temporary Parquet files whenever they hold
 * `spillAt` distinct pieces; DuckDB then merges the spills (`GROUP BY piece`, out of core under
 * its memory limit) into the shard, which is written under a temporary name and renamed.
 * See docs/decisions/0043-count-shards.md.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { PieceTablePart } from "../../train/piece-table.js";
import { validatePieceConfig } from "../../train/pieces.js";
import type { PieceConfig } from "../../train/types.js";
import { checkOutputFile } from "../atomic-files.js";
import { MAX_PIECE_LENGTH } from "../ingest/chunk-counter.js";
import { countCorpusPieces } from "../ingest/count-corpus.js";
import { type InputFormat, resolveInputs } from "../ingest/inputs.js";
import type { ProgressListener } from "../ingest/progress.js";
import { toklabVersion } from "../train-output.js";
import { type DuckDB, openDuckDB, sqlString, sqlStringList } from "./duckdb.js";
import { metadataPairs, type ShardInput, type ShardMetadata, shardContract } from "./metadata.js";
import type { DuckDBSettings } from "./settings.js";

/** Default spill threshold: distinct pieces held by the counting tables (a few hundred MB). */
export const DEFAULT_SPILL_AT = 4_000_000;

/** Options of {@link writeCountShard}. */
export interface CountShardOptions extends DuckDBSettings {
  /** How text is cut into pieces (preset, number policy, special tokens, case). */
  readonly pieces: PieceConfig;
  /** `auto` (default): `.jsonl`/`.ndjson` (optionally `.gz`) are JSONL, other files plain text. */
  readonly format?: InputFormat | "auto";
  /** JSONL field holding the text (default `"text"`). */
  readonly field?: string;
  /** Cap on characters (code points) per document. */
  readonly maxChars?: number;
  /** Counting threads (default: one per core; 0 counts in the calling thread). */
  readonly workers?: number;
  /** Spill the counting tables to disk when they hold this many distinct pieces in all. */
  readonly spillAt?: number;
  readonly onProgress?: ProgressListener;
  readonly onWarning?: (message: string) => void;
}

/** What {@link writeCountShard} wrote. */
export interface CountShardResult {
  readonly out: string;
  /** Distinct pieces in the shard (rows). */
  readonly distinct: number;
  readonly documents: number;
  /** UTF-8 bytes of the documents counted. */
  readonly bytes: number;
  /** Piece occurrences (the sum of the counts). */
  readonly pieces: number;
  /** Temporary spill files written before the final merge (1: the tables never filled up). */
  readonly spills: number;
  readonly ms: number;
}

/**
 * Counts the pieces of `inputs` into the Parquet shard `out`: one row per distinct piece
 * (`piece` BLOB of its UTF-8 bytes, `count` BIGINT), sorted by piece, with the key/value
 * metadata of `metadata.ts` (the counting contract, the input files with their sha256).
 *
 * @example
 * ```ts
 * await writeCountShard(["corpus/part-0001.jsonl.gz"], "shards/part-0001.parquet", {
 *   pieces: { preset: "o200k", numbers: "rtl3", specialTokens: [] },
 *   memoryLimit: "2GB",
 * });
 * ```
 */
export async function writeCountShard(
  inputs: readonly string[],
  out: string,
  options: CountShardOptions,
): Promise<CountShardResult> {
  const started = performance.now();
  validatePieceConfig(options.pieces);
  const spillAt = options.spillAt ?? DEFAULT_SPILL_AT;
  if (!(Number.isInteger(spillAt) && spillAt >= 1))
    throw new Error(`the spill threshold must be a whole number ≥ 1, not ${spillAt}`);
  const files = await resolveInputs(inputs, options.format ?? "auto");
  await checkOutputFile(out);
  const field = options.field ?? "text";
  // DuckDB first: without it (an optional dependency) nothing is created, not even a folder.
  const db: DuckDB = await openDuckDB({ ...options, tempDir: undefined });
  let spillDir: string | null = null;
  const tmpOut = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await mkdir(dirname(out), { recursive: true });
    if (options.tempDir !== undefined) await mkdir(options.tempDir, { recursive: true });
    spillDir = await mkdtemp(join(options.tempDir ?? dirname(out), ".toklab-spill-"));
    // DuckDB's own spills (the final GROUP BY) go with ours unless a folder is given.
    await db.connection.run(`SET temp_directory = ${sqlString(options.tempDir ?? spillDir)}`);
    const spills: string[] = [];
    const write = async (parts: PieceTablePart[]) => {
      const path = join(spillDir as string, `spill-${spills.length}.parquet`);
      await writeSpill(db, parts, path);
      spills.push(path);
    };
    const counted = await countCorpusPieces(
      files.map((f) => f.path),
      {
        pieces: options.pieces,
        format: options.format,
        field,
        maxChars: options.maxChars,
        workers: options.workers,
        onProgress: options.onProgress,
        onWarning: options.onWarning,
        spill: { at: spillAt, write },
      },
    );
    const shardInputs: ShardInput[] = [];
    for (const f of files)
      shardInputs.push({ name: f.path, bytes: f.size, sha256: await sha256File(f.path) });
    const metadata: ShardMetadata = {
      contract: shardContract({
        pieces: options.pieces,
        field,
        maxChars: options.maxChars ?? null,
        maxPieceLength: MAX_PIECE_LENGTH,
        version: toklabVersion(),
      }),
      inputs: shardInputs,
      documents: counted.stats.documents,
      bytes: counted.stats.bytes,
    };
    const kv = metadataPairs(metadata)
      .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
      .join(", ");
    const source =
      spills.length === 0
        ? "SELECT NULL::BLOB AS piece, NULL::BIGINT AS count WHERE false"
        : `SELECT piece, sum(count)::BIGINT AS count FROM read_parquet(${sqlStringList(spills)}) GROUP BY piece ORDER BY piece`;
    await db.connection.run(
      `COPY (${source}) TO ${sqlString(tmpOut)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${kv}})`,
    );
    const rows = await db.connection.runAndReadAll(`SELECT count(*) FROM read_parquet(${sqlString(tmpOut)})`);
    const distinct = Number(rows.getRows()[0][0]);
    await rename(tmpOut, out);
    return {
      out,
      distinct,
      documents: counted.stats.documents,
      bytes: counted.stats.bytes,
      pieces: counted.stats.pieces,
      spills: spills.length,
      ms: performance.now() - started,
    };
  } catch (e) {
    await unlink(tmpOut).catch(() => {});
    throw e;
  } finally {
    db.close();
    if (spillDir !== null) await rm(spillDir, { recursive: true, force: true });
  }
}

/**
 * Writes table parts (not merged with each other) as one Parquet file. Pieces are appended as
 * BLOBs of their UTF-8 bytes (a VARCHAR would be cut at a NUL character), encoded into one
 * reused buffer.
 */
async function writeSpill(db: DuckDB, parts: readonly PieceTablePart[], path: string): Promise<void> {
  const c = db.connection;
  await c.run("CREATE OR REPLACE TEMP TABLE spill (piece BLOB, count DOUBLE)");
  const appender = await c.createAppender("spill");
  let scratch = new Uint8Array(1 << 16);
  try {
    for (const { keys, lengths, counts } of parts) {
      let off = 0;
      for (let i = 0; i < lengths.length; i++) {
        const end = off + lengths[i];
        if (lengths[i] * 3 > scratch.length) scratch = new Uint8Array(lengths[i] * 3);
        const { written } = utf8.encodeInto(keys.slice(off, end), scratch);
        appender.appendBlob(scratch.subarray(0, written));
        appender.appendDouble(counts[i]);
        appender.endRow();
        off = end;
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await c.run(
    `COPY (SELECT piece, count::BIGINT AS count FROM spill) TO ${sqlString(path)} (FORMAT parquet)`,
  );
  await c.run("DROP TABLE spill");
}

const utf8 = new TextEncoder();

/** Lower-case hex sha256 of a file's bytes. */
async function sha256File(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}
