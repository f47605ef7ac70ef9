import { cell, ms, num, table } from "../format.js";
import { describeFailure } from "../outcome.js";
import type { EncodingResults } from "../results.js";

export function loadSection(e: EncodingResults, runs: number): string {
  const load = e.load;
  if (!load) return "";
  const base = load.baseline.status === "ok" ? load.baseline.value.maxRssKB / 1024 : undefined;
  const rows = load.rows.map((r) => {
    if (r.coldFailure) return [r.lib, cell(describeFailure(r.coldFailure)), "", "", ""];
    const min = Math.min(...r.coldRuns);
    const max = Math.max(...r.coldRuns);
    const rss = r.rss.status === "ok" ? r.rss.value.maxRssKB / 1024 : undefined;
    return [
      r.lib,
      ms(r.coldMs),
      `${num(min)}–${num(max)}`,
      rss === undefined
        ? cell(describeFailure(r.rss as Exclude<typeof r.rss, { status: "ok" }>))
        : `${num(rss)} MB`,
      rss !== undefined && base !== undefined ? `+${num(rss - base)} MB` : "–",
    ];
  });
  return [
    "### Cold load and memory",
    "",
    `Cold load: a fresh process imports the library, builds ${e.encoding} and encodes "hello", timed ` +
      `inside the process (Node's start-up excluded); median of ${runs} processes. Peak RSS: ` +
      "`process.resourceUsage().maxRSS` of a process that loads the corpus, the encoding, and encodes " +
      `every document once. Baseline (corpus loaded, no library): ${base === undefined ? "–" : `${num(base)} MB`}.`,
    "",
    table(["library", "cold load (median)", "min–max (ms)", "peak RSS", "over baseline"], rows),
  ].join("\n");
}
