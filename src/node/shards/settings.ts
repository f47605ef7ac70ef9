/**
 * How much memory DuckDB may use and where it spills: the out-of-core knobs. Kept apart from
 * duckdb.ts so that the public types never name the optional `@duckdb/node-api` package.
 */
export interface DuckDBSettings {
  /** DuckDB's `memory_limit` (`2GB`, `500MB`); DuckDB's own default is 80 % of RAM. */
  readonly memoryLimit?: string;
  /** Where DuckDB spills (`temp_directory`); default: next to the output, or DuckDB's own. */
  readonly tempDir?: string;
  /** DuckDB's threads (default: its own, one per core). */
  readonly threads?: number;
}
