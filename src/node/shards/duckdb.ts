/**
 * DuckDB for count shards: the npm package `@duckdb/node-api`, an optional peer dependency of
 * toklab loaded on first use (decision 0043). Only `count-pieces` and `train --counts` need it.
 */
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

import type { DuckDBSettings } from "./settings.js";

export type { DuckDBSettings };

/** An open in-memory DuckDB database; `close()` frees it. */
export interface DuckDB {
  readonly connection: DuckDBConnection;
  close(): void;
}

/**
 * Opens an in-memory DuckDB with the settings. Throws a message that says what to install when
 * the package is missing.
 */
export async function openDuckDB(settings: DuckDBSettings = {}): Promise<DuckDB> {
  let api: typeof import("@duckdb/node-api");
  try {
    api = await import("@duckdb/node-api");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new Error(
        "count shards need DuckDB, an optional dependency of toklab: run `npm install @duckdb/node-api`",
      );
    }
    throw e;
  }
  if (
    settings.memoryLimit !== undefined &&
    !/^\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)$/i.test(settings.memoryLimit)
  ) {
    throw new Error(
      `memory limit ${JSON.stringify(settings.memoryLimit)}: expected a size like 500MB or 2GB`,
    );
  }
  const instance: DuckDBInstance = await api.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    if (settings.memoryLimit !== undefined)
      await connection.run(`SET memory_limit = ${sqlString(settings.memoryLimit)}`);
    if (settings.tempDir !== undefined)
      await connection.run(`SET temp_directory = ${sqlString(settings.tempDir)}`);
    if (settings.threads !== undefined)
      await connection.run(`SET threads = ${Math.max(1, Math.floor(settings.threads))}`);
    // Input order does not matter to counts: let DuckDB stream without keeping it.
    await connection.run("SET preserve_insertion_order = false");
  } catch (e) {
    connection.closeSync();
    instance.closeSync();
    throw e;
  }
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal (single quotes doubled). */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A SQL list of string literals, for `read_parquet([...])`. */
export function sqlStringList(items: readonly string[]): string {
  return `[${items.map(sqlString).join(", ")}]`;
}
