/**
 * `readCountShards`: merges Parquet count shards into the piece counts the trainer takes. DuckDB
 * runs `GROUP BY piece` over every shard under a memory limit (spilling to its temp directory),
 * drops pieces rarer than `minPieceCount` in SQL, and streams the rest into a
 * `PieceCountList` (no `Map`, so more than 2^24 distinct pieces fit). Before that every shard's
 * footer is read: a truncated or foreign file is named, and shards counted with different
 * options are refused. See docs/decisions/0043-count-shards.md.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { PieceCountList } from "../../train/piece-count-list.js";
import type { PieceConfig } from "../../train/types.js";
import { glob, isGlob } from "../ingest/glob.js";
import { type DuckDB, openDuckDB, sqlString, sqlStringList } from "./duckdb.js";
import {
  checkSameContract,
  contractPieces,
  parseMetadata,
  type ShardInput,
  type ShardMetadata,
} from "./metadata.js";
import type { DuckDBSettings } from "./settings.js";

/** Options of {@link readCountShards}. */
export interface ReadShardsOptions extends DuckDBSettings {
  /** Leave out pieces whose merged count is below this (default 1: keep all). */
  readonly minPieceCount?: number;
  readonly onWarning?: (message: string) => void;
}

/** Merged counts of some shards and what the shards say about them. */
export interface ShardCounts {
  /** Distinct pieces with their summed counts (those at or above `minPieceCount`). */
  readonly counts: PieceCountList;
  /** How the shards cut text (the same in all of them). */
  readonly pieces: PieceConfig;
  /** The contract every shard shares (see metadata.ts). */
  readonly contract: ShardMetadata["contract"];
  /** The shard files, sorted. */
  readonly files: readonly string[];
  /** Every shard's input files. */
  readonly inputs: readonly ShardInput[];
  readonly documents: number;
  readonly bytes: number;
  /** Distinct pieces before the `minPieceCount` filter. */
  readonly distinctBeforeFilter: number;
  readonly ms: number;
}

/**
 * Pieces are read as BLOBs and decoded here: DuckDB's VARCHAR reaches JavaScript through a
 * TextDecoder that drops a leading U+FEFF, so the piece "\uFEFF" would come back empty. Strict:
 * a shard's pieces are UTF-8 by contract.
 */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The largest count a JS number holds exactly (2^53 − 1). */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/**
 * Reads and merges count shards: files, directories (their `*.parquet`) and globs.
 *
 * Counts are summed as DuckDB HUGEINT (exact) and must stay at most 2^53 − 1 per piece, the
 * range where a JS number is exact; a larger one is an error, never a rounded count. The
 * trainer's pair counts are float64 too, so the total of all adjacent-byte pairs (an upper bound
 * of any pair count) is checked against 2^53 as well.
 *
 * @example
 * ```ts
 * const { counts, pieces } = await readCountShards(["shards/*.parquet"], { memoryLimit: "2GB" });
 * const trained = trainBpe(counts, { vocabSize: 32_000, pieces });
 * ```
 */
export async function readCountShards(
  patterns: readonly string[],
  options: ReadShardsOptions = {},
): Promise<ShardCounts> {
  const started = performance.now();
  const minPieceCount = options.minPieceCount ?? 1;
  if (!(Number.isSafeInteger(minPieceCount) && minPieceCount >= 0))
    throw new Error(`the minimum piece count must be a whole number ≥ 0, not ${minPieceCount}`);
  const files = await expandShards(patterns);
  const db = await openDuckDB(options);
  try {
    const metas: ShardMetadata[] = [];
    for (const file of files) metas.push(await readShardMetadata(db, file));
    for (let i = 1; i < files.length; i++) checkSameContract(files[0], metas[0], files[i], metas[i]);
    warnRepeatedInputs(files, metas, options.onWarning);

    const counts = new PieceCountList();
    let distinctBeforeFilter = 0;
    let pairBound = 0;
    const list = sqlStringList(files);
    const sql =
      `SELECT piece, CASE WHEN n > ${MAX_EXACT} THEN ` +
      `error('piece ' || to_hex(piece) || ' occurs ' || n::VARCHAR || ' times, more than 2^53 - 1, ` +
      `the largest count toklab keeps exactly') ELSE n::DOUBLE END AS count, octet_length(piece) AS len ` +
      `FROM (SELECT piece, sum(count)::HUGEINT AS n FROM read_parquet(${list}) GROUP BY piece) ` +
      `WHERE n >= ${Math.max(1, minPieceCount)}`;
    try {
      const result = await db.connection.stream(sql);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        const pieces = chunk.getColumnValues(0) as unknown as Array<{ bytes: Uint8Array }>;
        const values = chunk.getColumnValues(1) as number[];
        const lengths = chunk.getColumnValues(2) as bigint[];
        for (let i = 0; i < pieces.length; i++) {
          counts.push(utf8.decode(pieces[i].bytes), values[i]);
          pairBound += values[i] * (Number(lengths[i]) - 1);
        }
      }
      // Only a filter makes the two differ; counting again costs a second pass over the shards.
      distinctBeforeFilter = minPieceCount > 1 ? await countGroups(db, list) : counts.size;
    } catch (e) {
      throw await whichShardFails(db, files, e as Error);
    }
    if (pairBound > MAX_EXACT) {
      throw new Error(
        `the shards hold about ${pairBound.toExponential(3)} adjacent byte pairs: a pair count could pass 2^53, ` +
          "beyond which the trainer's counts are no longer exact; train on a sample or raise --min-piece-count",
      );
    }
    return {
      counts,
      pieces: contractPieces(metas[0].contract),
      contract: metas[0].contract,
      files,
      inputs: metas.flatMap((m) => m.inputs),
      documents: metas.reduce((s, m) => s + m.documents, 0),
      bytes: metas.reduce((s, m) => s + m.bytes, 0),
      distinctBeforeFilter,
      ms: performance.now() - started,
    };
  } finally {
    db.close();
  }
}

/**
 * The shards' shared counting contract, from their footers only (cheap: no rows are read).
 * Throws as {@link readCountShards} does for a truncated, foreign or mismatched shard.
 */
export async function inspectCountShards(
  patterns: readonly string[],
): Promise<{ files: string[]; pieces: PieceConfig; contract: ShardMetadata["contract"] }> {
  const files = await expandShards(patterns);
  const db = await openDuckDB();
  try {
    const metas: ShardMetadata[] = [];
    for (const file of files) metas.push(await readShardMetadata(db, file));
    for (let i = 1; i < files.length; i++) checkSameContract(files[0], metas[0], files[i], metas[i]);
    return { files, pieces: contractPieces(metas[0].contract), contract: metas[0].contract };
  } finally {
    db.close();
  }
}

/** Distinct pieces over all shards (before any filter). */
async function countGroups(db: DuckDB, list: string): Promise<number> {
  const r = await db.connection.runAndReadAll(`SELECT count(DISTINCT piece) FROM read_parquet(${list})`);
  return Number(r.getRows()[0][0]);
}

/** Shard paths: files as given, a directory's `*.parquet`, glob matches; sorted, without repeats. */
export async function expandShards(patterns: readonly string[]): Promise<string[]> {
  if (patterns.length === 0) throw new Error("no count shards given");
  const out = new Set<string>();
  for (const p of patterns) {
    let isDir = false;
    let isFile = false;
    try {
      const s = await stat(p);
      isDir = s.isDirectory();
      isFile = s.isFile();
    } catch {}
    if (isFile) out.add(p);
    else if (isDir) {
      const found = (await readdir(p)).filter((f) => f.endsWith(".parquet") && !f.startsWith("."));
      if (found.length === 0) throw new Error(`${p}: no .parquet count shards in this directory`);
      for (const f of found) out.add(join(p, f));
    } else if (isGlob(p)) {
      const found = await glob(p);
      if (found.length === 0) throw new Error(`${p}: no count shards match`);
      for (const f of found) out.add(f);
    } else throw new Error(`${p}: no such count shard`);
  }
  return [...out].sort();
}

/** A shard's footer metadata and columns; errors name the file. */
async function readShardMetadata(db: DuckDB, file: string): Promise<ShardMetadata> {
  const pairs = new Map<string, string>();
  try {
    const r = await db.connection.runAndReadAll(
      `SELECT decode(key), decode(value) FROM parquet_kv_metadata(${sqlString(file)})`,
    );
    for (const [k, v] of r.getRows()) pairs.set(String(k), String(v));
    const cols = await db.connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
    const schema = cols
      .getRows()
      .map((row) => `${row[0]} ${row[1]}`)
      .join(", ");
    if (schema !== "piece BLOB, count BIGINT") {
      throw new Error(`${file}: columns are (${schema}), a count shard has (piece BLOB, count BIGINT)`);
    }
  } catch (e) {
    const message = (e as Error).message;
    if (message.startsWith(file)) throw e;
    throw new Error(`${file}: not a readable Parquet count shard (truncated or corrupt?): ${message}`);
  }
  return parseMetadata(file, pairs);
}

/** Warns when an input file (by sha256) was counted in two shards: its text would count twice. */
function warnRepeatedInputs(
  files: readonly string[],
  metas: readonly ShardMetadata[],
  onWarning: ((m: string) => void) | undefined,
): void {
  if (!onWarning) return;
  const seen = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    for (const input of metas[i].inputs) {
      const other = seen.get(input.sha256);
      if (other !== undefined && other !== files[i] && input.bytes > 0) {
        onWarning(
          `${input.name} (sha256 ${input.sha256.slice(0, 12)}…) is counted in both ${other} and ${files[i]}: its text counts twice`,
        );
      }
      seen.set(input.sha256, files[i]);
    }
  }
}

/** After the merge failed: reads each shard alone to name the one that fails. */
async function whichShardFails(db: DuckDB, files: readonly string[], error: Error): Promise<Error> {
  if (error.message.includes("2^53")) return error;
  for (const file of files) {
    try {
      await db.connection.run(
        `SELECT sum(count), max(octet_length(piece)), count(decode(piece)) FROM read_parquet(${sqlString(file)})`,
      );
    } catch (e) {
      return new Error(`${file}: cannot read its rows (truncated or corrupt?): ${(e as Error).message}`);
    }
  }
  return error;
}
