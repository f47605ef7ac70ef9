import { cell, int, num, table, times } from "../format.js";
import { describeFailure } from "../outcome.js";
import type { EncodingResults } from "../results.js";
import type { Column, ThroughputRow } from "../throughput.js";

type Metric = "encode" | "count" | "decode";

/** The corpus's categories then "all", as the measured rates list them (any corpus, no fixed list). */
function columnsOf(rows: readonly ThroughputRow[]): Column[] {
  const rates = rows.find((r) => r.encode)?.encode;
  return rates ? Object.keys(rates) : ["all"];
}

/** MB/s per category and overall, plus the ratio to the reference (tiktoken) overall. */
function rateTable(rows: readonly ThroughputRow[], metric: Metric, reference: string): string {
  const COLUMNS = columnsOf(rows);
  const tiktoken = rows.find((r) => r.lib === reference)?.[metric]?.all;
  const out = rows.map((r) => {
    const blanks = COLUMNS.map(() => "");
    if (r.outcome.status !== "ok") return [r.lib, cell(describeFailure(r.outcome)), ...blanks];
    const rates = r[metric];
    if (!rates) return [r.lib, "no count API", ...blanks];
    return [r.lib, ...COLUMNS.map((c) => num(rates[c])), times(tiktoken ? rates.all / tiktoken : undefined)];
  });
  return table(["library", ...COLUMNS.map((c) => (c === "all" ? "**all**" : c)), `× ${reference}`], out);
}

/** toklab's speed divided by each other library's, per category: the headline ratios. */
function toklabRatioTable(rows: readonly ThroughputRow[], metric: Metric): string | undefined {
  const mine = rows.find((r) => r.lib === "toklab")?.[metric];
  if (!mine) return undefined;
  const COLUMNS = columnsOf(rows);
  const out = rows
    .filter((r) => r.lib !== "toklab" && r[metric])
    .map((r) => [r.lib, ...COLUMNS.map((c) => times(mine[c] / r[metric]![c]))]);
  return out.length ? table(["toklab ÷", ...COLUMNS], out) : undefined;
}

function exactnessTable(e: EncodingResults, rows: readonly ThroughputRow[], reference: string): string {
  const COLUMNS = columnsOf(rows);
  const out = rows.map((r) => {
    if (r.outcome.status !== "ok") return [r.lib, ...COLUMNS.map(() => "–"), "–", "–"];
    const m = r.mismatches;
    const v = r.outcome.value;
    return [
      r.lib,
      ...COLUMNS.map((c: Column) => (m ? int(m[c]) : "–")),
      int(v.roundtripFailures),
      v.count ? int(v.countMismatches) : "–",
    ];
  });
  const tokens = e.tokens;
  const ratio = tokens
    ? `${reference}'s ${e.encoding} gives ${int(tokens.all)} tokens on this corpus (` +
      Object.keys(tokens)
        .filter((c) => c !== "all")
        .map((c) => `${c} ${int(tokens[c])}`)
        .join(", ") +
      ").\n\n"
    : "";
  return (
    `${ratio}Documents whose ids differ from ${reference}'s, and the two self-checks ` +
    "(decode(encode(text)) ≠ text; count(text) ≠ encode(text).length):\n\n" +
    table(["library", ...COLUMNS.map((c) => `≠ ${reference}: ${c}`), "round trip ≠", "count ≠"], out)
  );
}

/** `reference`: the exactness reference and ratio base (tiktoken; the binding in the HF section). */
export function throughputSections(e: EncodingResults, reference = "tiktoken"): string {
  const rows = e.throughput;
  if (!rows) return "";
  const parts = [
    `### Encode (MB/s; ${e.repeats > 1 ? `median of ${e.repeats} timed passes` : "one timed pass"} after a warm-up pass)`,
    rateTable(rows, "encode", reference),
  ];
  const ratios = toklabRatioTable(rows, "encode");
  if (ratios) parts.push("#### toklab encode speed ÷ each library's", ratios);
  parts.push("### Count (MB/s)", rateTable(rows, "count", reference));
  const countRatios = toklabRatioTable(rows, "count");
  if (countRatios) parts.push("#### toklab count speed ÷ each library's", countRatios);
  parts.push("### Decode (MB/s of decoded UTF-8)", rateTable(rows, "decode", reference));
  parts.push("### Exactness", exactnessTable(e, rows, reference));
  return parts.join("\n\n");
}
