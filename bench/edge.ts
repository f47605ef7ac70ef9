import { EDGE_CASES } from "./edge-cases.js";
import { log } from "./log.js";
import { type Outcome, runChild } from "./spawn.js";
import type { BenchTarget, EdgeResult } from "./tasks.js";

/** Per library: per edge case, "=" (same ids as tiktoken), "≠", "threw", or the whole failure. */
export interface EdgeRow {
  lib: string;
  outcome: Outcome<EdgeResult>;
  verdicts?: Array<"=" | "≠" | "threw" | "?">;
}

export async function runEdgeCases(
  libs: readonly string[],
  encoding: BenchTarget,
  referenceLib = "tiktoken",
): Promise<EdgeRow[]> {
  log(`edge cases ${encoding}…`);
  const rows: EdgeRow[] = [];
  for (const lib of libs) {
    rows.push({ lib, outcome: await runChild<EdgeResult>({ mode: "edge", lib, encoding }, 120_000) });
  }
  const reference = rows.find((r) => r.lib === referenceLib)?.outcome;
  for (const row of rows) {
    if (row.outcome.status !== "ok") continue;
    const mine = row.outcome.value;
    row.verdicts = EDGE_CASES.map((_, i) => {
      if (mine[i].error) return "threw";
      const expected = reference?.status === "ok" ? reference.value[i].fingerprint : undefined;
      if (expected === undefined) return "?";
      return mine[i].fingerprint === expected ? "=" : "≠";
    });
  }
  return rows;
}
