import type { CorpusSpec } from "./corpus.js";
import { log } from "./log.js";
import { type Outcome, runChild } from "./spawn.js";
import { median } from "./stats.js";
import type { BenchTarget, LoadResult, RssResult } from "./tasks.js";

export interface LoadRow {
  lib: string;
  /** Median cold load in ms over the successful runs; the failure when none succeeded. */
  coldMs?: number;
  coldRuns: number[];
  coldFailure?: Exclude<Outcome<unknown>, { status: "ok" }>;
  rss: Outcome<RssResult>;
}

const LOAD_TIMEOUT_MS = 60_000;
const RSS_TIMEOUT_MS = 10 * 60_000;

/**
 * Cold load: `runs` fresh processes per library, each timing import + encoding build +
 * encode("hello") from inside (so Node's own start-up is excluded and equal for all).
 * Peak RSS: one process that loads and encodes the whole corpus once.
 */
export async function runLoad(
  libs: readonly string[],
  encoding: BenchTarget,
  corpus: CorpusSpec,
  runs: number,
): Promise<{ rows: LoadRow[]; baseline: Outcome<RssResult> }> {
  log(`peak RSS ${encoding} baseline (corpus only)…`);
  const baseline = await runChild<RssResult>({ mode: "rss", lib: "none", encoding, corpus }, RSS_TIMEOUT_MS);
  const rows: LoadRow[] = [];
  for (const lib of libs) {
    log(`cold load ${encoding} ${lib} ×${runs}, then peak RSS…`);
    const row: LoadRow = { lib, coldRuns: [], rss: { status: "timeout", ms: 0 } };
    for (let i = 0; i < runs; i++) {
      const outcome = await runChild<LoadResult>({ mode: "load", lib, encoding }, LOAD_TIMEOUT_MS);
      if (outcome.status === "ok") row.coldRuns.push(outcome.value.ms);
      else {
        row.coldFailure = outcome;
        break;
      }
    }
    if (row.coldRuns.length > 0) row.coldMs = median(row.coldRuns);
    row.rss = row.coldFailure
      ? row.coldFailure
      : await runChild<RssResult>({ mode: "rss", lib, encoding, corpus }, RSS_TIMEOUT_MS);
    log(
      `  cold ${row.coldMs?.toFixed(1) ?? "-"} ms, rss ${row.rss.status === "ok" ? `${(row.rss.value.maxRssKB / 1024).toFixed(0)} MB` : row.rss.status}`,
    );
    rows.push(row);
  }
  return { rows, baseline };
}
