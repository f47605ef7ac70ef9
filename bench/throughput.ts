import { type Category, type CorpusSpec, categoriesOf, type Doc } from "./corpus.js";
import { log } from "./log.js";
import { type Outcome, runChild } from "./spawn.js";
import { fingerprintLength, mbPerSecond, median } from "./stats.js";
import type { BenchTarget, PassTimes, ThroughputResult } from "./tasks.js";

export type Column = Category | "all";

/** The table columns of a corpus: its categories, then "all". */
export function columnsOf(docs: readonly Doc[]): Column[] {
  return [...categoriesOf(docs), "all"];
}

export interface ThroughputRow {
  lib: string;
  outcome: Outcome<ThroughputResult>;
  /** MB/s per category and overall (median pass), when the child succeeded. */
  encode?: Record<Column, number>;
  /** MB/s of the process's first encode pass (see measure.ts), when the child reported one. */
  firstEncode?: Record<Column, number>;
  count?: Record<Column, number>;
  decode?: Record<Column, number>;
  /** Documents whose ids differ from the reference's (tiktoken, or the HF binding), per category. */
  mismatches?: Record<Column, number>;
}

/** Generous: the slowest reference needs about a minute per pass over the full corpus. */
const THROUGHPUT_TIMEOUT_MS = 20 * 60_000;

export async function runThroughput(
  libs: readonly string[],
  encoding: BenchTarget,
  corpus: CorpusSpec,
  docs: readonly Doc[],
  repeats: number,
  /** Whose ids the others are compared with. */
  reference = "tiktoken",
): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = [];
  for (const lib of libs) {
    log(`throughput ${encoding} ${lib} (${repeats} timed pass${repeats > 1 ? "es" : ""})…`);
    const outcome = await runChild<ThroughputResult>(
      { mode: "throughput", lib, encoding, corpus, repeats },
      THROUGHPUT_TIMEOUT_MS,
    );
    const row: ThroughputRow = { lib, outcome };
    if (outcome.status === "ok") {
      const v = outcome.value;
      row.encode = rates(v.encode, docs);
      row.firstEncode = v.firstEncode ? rates([v.firstEncode], docs) : undefined;
      row.count = v.count ? rates(v.count, docs) : undefined;
      row.decode = rates(v.decode, docs);
      log(`  encode ${row.encode.all.toFixed(2)} MB/s`);
    } else {
      log(`  ${outcome.status}`);
    }
    rows.push(row);
  }
  const ref = rows.find((r) => r.lib === reference && r.outcome.status === "ok");
  if (ref?.outcome.status === "ok") {
    const expected = ref.outcome.value.fingerprints;
    for (const row of rows) {
      if (row.outcome.status === "ok")
        row.mismatches = mismatches(row.outcome.value.fingerprints, expected, docs);
    }
  }
  return rows;
}

/** The reference library's token count per category and overall (from its fingerprints), if it ran. */
export function referenceTokens(
  rows: readonly ThroughputRow[],
  docs: readonly Doc[],
  reference: string,
): Record<Column, number> | undefined {
  const outcome = rows.find((r) => r.lib === reference)?.outcome;
  if (outcome?.status !== "ok") return undefined;
  const tokens = Object.fromEntries(columnsOf(docs).map((c) => [c, 0])) as Record<Column, number>;
  docs.forEach((d, i) => {
    const n = fingerprintLength(outcome.value.fingerprints[i]);
    tokens[d.cat] += n;
    tokens.all += n;
  });
  return tokens;
}

/** MB/s from the median pass: per category over that category's time, overall over total time. */
function rates(passes: readonly PassTimes[], docs: readonly Doc[]): Record<Column, number> {
  const out = {} as Record<Column, number>;
  const categories = categoriesOf(docs);
  for (const column of columnsOf(docs)) {
    const bytes = docs.reduce((n, d) => (column === "all" || d.cat === column ? n + d.bytes : n), 0);
    const ms = median(
      passes.map((p) => (column === "all" ? categories.reduce((t, c) => t + p[c], 0) : p[column])),
    );
    out[column] = mbPerSecond(bytes, ms);
  }
  return out;
}

function mismatches(actual: readonly string[], expected: readonly string[], docs: readonly Doc[]) {
  const out = Object.fromEntries(columnsOf(docs).map((c) => [c, 0])) as Record<Column, number>;
  docs.forEach((doc, i) => {
    if (actual[i] !== expected[i]) {
      out[doc.cat]++;
      out.all++;
    }
  });
  return out;
}
