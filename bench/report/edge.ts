import { EDGE_CASES } from "../edge-cases.js";
import { cell, table } from "../format.js";
import { shortFailure } from "../outcome.js";
import type { EncodingResults } from "../results.js";

export function edgeSection(e: EncodingResults, reference = "tiktoken"): string {
  const rows = e.edge;
  if (!rows) return "";
  const body = EDGE_CASES.map((c, i) => [
    cell(c.name),
    ...rows.map((r) => (r.outcome.status !== "ok" ? shortFailure(r.outcome) : (r.verdicts?.[i] ?? "?"))),
  ]);
  const differing = rows
    .filter((r) => r.verdicts?.some((v) => v !== "="))
    .map((r) => `${r.lib} (${r.verdicts!.filter((v) => v !== "=").length})`);
  return [
    "### Edge cases",
    "",
    `Short texts aimed at known porting pitfalls (bench/edge-cases.ts), ids compared with ${reference}'s: ` +
      "= same, ≠ different, threw = the library raised an error. " +
      (differing.length ? `Differences: ${differing.join(", ")}.` : "No differences."),
    "",
    table(["case", ...rows.map((r) => r.lib)], body),
  ].join("\n");
}
