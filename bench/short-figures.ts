/**
 * Figures derived from the throughput rows for issue 17's questions, shared by the report
 * (bench/report/short.ts) and the targets (bench/targets.ts) so both read them the same way.
 * Everything comes from measured MB/s and the corpus's byte and document counts.
 */
import type { CategoryStats } from "./corpus.js";
import type { ThroughputRow } from "./throughput.js";

/** short.jsonl's categories of chat-message sized documents (20–500 bytes) are named `short_*`. */
export const isShortCategory = (cat: string) => cat.startsWith("short_");

/** bench.jsonl's long English prose: the per-byte cost short strings are compared with. */
export const LONG_PROSE = "en_prose";

export interface ShortCall {
  /** µs per encode call, per short category. */
  perCallUs: Record<string, number>;
  /** µs per call over all short categories together. */
  allUs: number;
  /** ns per byte over all short categories together. */
  nsPerByte: number;
}

/** Per-call and per-byte cost of encode on the short categories, from the median pass's MB/s. */
export function shortCalls(
  row: ThroughputRow | undefined,
  stats: Record<string, CategoryStats>,
): ShortCall | undefined {
  const rates = row?.encode;
  if (!rates) return undefined;
  const perCallUs: Record<string, number> = {};
  let us = 0;
  let docs = 0;
  let bytes = 0;
  for (const [cat, s] of Object.entries(stats)) {
    if (!isShortCategory(cat) || rates[cat] === undefined || s.docs === 0) continue;
    // MB/s is bytes per µs.
    const catUs = s.bytes / rates[cat];
    perCallUs[cat] = catUs / s.docs;
    us += catUs;
    docs += s.docs;
    bytes += s.bytes;
  }
  if (docs === 0) return undefined;
  return { perCallUs, allUs: us / docs, nsPerByte: (us * 1000) / bytes };
}

/** ns per byte of encode on long prose (bench.jsonl's en_prose). */
export function longProseNsPerByte(row: ThroughputRow | undefined): number | undefined {
  const rate = row?.encode?.[LONG_PROSE];
  return rate ? 1000 / rate : undefined;
}

/** Time of the process's first encode pass ÷ the steady (median) pass's, over the whole corpus. */
export function firstPassRatio(row: ThroughputRow | undefined): number | undefined {
  const first = row?.firstEncode?.all;
  const steady = row?.encode?.all;
  return first && steady ? steady / first : undefined;
}
