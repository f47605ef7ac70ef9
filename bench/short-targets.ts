import type { CategoryStats } from "./corpus.js";
import { HF_REFERENCE, HF_SHORT_MODELS } from "./hf-section.js";
import type { BenchResults, EncodingResults } from "./results.js";
import { firstPassRatio, longProseNsPerByte, shortCalls } from "./short-figures.js";
import type { TargetCheck } from "./targets.js";

/** Issue 17's encodings: the two every current OpenAI model uses. */
const ENCODINGS = ["o200k_base", "cl100k_base"];

/**
 * Issue 17's targets, on short.jsonl: whole process against tiktoken (WASM) and the native
 * binding, short strings per call, short against long per byte, and the first pass.
 */
export function shortTargets(results: BenchResults): TargetCheck[] {
  const info = results.shortCorpus;
  const stats = info && !("missing" in info) ? info.stats : undefined;
  const encodings = results.encodings.filter((e) => ENCODINGS.includes(e.encoding) && e.short);
  const checks: TargetCheck[] = [];
  const unmeasured = stats
    ? "not measured"
    : info
      ? "not measured: no short.jsonl (`npm run corpus:short`)"
      : "not measured (short.jsonl skipped)";
  const check = (target: string, figure: (e: EncodingResults) => Figure | undefined) =>
    checks.push({ target, ...overAll(encodings, figure, unmeasured) });
  const wholeProcess = (e: EncodingResults, lib: string, factor: number) => {
    const rows = e.short?.process?.rows ?? [];
    const mine = rows.find((r) => r.lib === "toklab")?.ms;
    const theirs = rows.find((r) => r.lib === lib)?.ms;
    if (mine === undefined || theirs === undefined) return undefined;
    return { text: `${(theirs / mine).toFixed(2)}×`, ok: theirs / mine >= factor };
  };
  check("whole process on short.jsonl (`toklab count` vs a script): ≥ 5× tiktoken (WASM)", (e) =>
    wholeProcess(e, "tiktoken", 5),
  );
  check("whole process on short.jsonl: ≥ 3× the native binding (tiktoken-node; it has no o200k_base)", (e) =>
    wholeProcess(e, "tiktoken-node", 3),
  );
  check("strings of 20–500 bytes, one encode call each: ≤ 0.25× tiktoken's time per call", (e) =>
    perCall(e, "tiktoken", stats),
  );
  check("strings of 20–500 bytes: ≤ 2× toklab's per-byte cost on long prose (bench.jsonl en_prose)", (e) => {
    const mine =
      stats &&
      shortCalls(
        e.short?.throughput?.find((r) => r.lib === "toklab"),
        stats,
      );
    const long = longProseNsPerByte(e.throughput?.find((r) => r.lib === "toklab"));
    if (!mine || long === undefined) return undefined;
    const x = mine.nsPerByte / long;
    return {
      text: `${x.toFixed(2)}× (${mine.nsPerByte.toFixed(1)} vs ${long.toFixed(1)} ns/byte)`,
      ok: x <= 2,
    };
  });
  check("first encode pass over unseen text (short.jsonl) ≤ 1.3× the steady state (toklab)", firstPass);
  // The same per-call and first-pass targets for the tokenizer.json models of the Hugging Face
  // section measured on short.jsonl (Llama 3, Gemma 3), against the Rust binding.
  const models = (results.hf?.models ?? []).filter((m) => HF_SHORT_MODELS.includes(m.encoding) && m.short);
  if (stats && models.length > 0) {
    checks.push(
      {
        target:
          "tokenizer.json (Llama 3, Gemma 3), strings of 20–500 bytes: ≤ 0.25× the HF binding's time per call",
        ...overAll(models, (m) => perCall(m, HF_REFERENCE, stats), unmeasured),
      },
      {
        target:
          "tokenizer.json (Llama 3, Gemma 3): first pass over short.jsonl ≤ 1.3× the steady state (toklab)",
        ...overAll(models, firstPass, unmeasured),
      },
    );
  }
  return checks;
}

/** One figure of one encoding or model, and whether it passes. */
type Figure = { text: string; ok: boolean };

/** One check over several encodings or models: each gives a figure (or nothing). */
function overAll(
  items: readonly EncodingResults[],
  figure: (e: EncodingResults) => Figure | undefined,
  unmeasured: string,
): { measured: string; met: boolean | undefined } {
  const parts: string[] = [];
  let met: boolean | undefined;
  for (const e of items) {
    const f = figure(e);
    if (!f) continue;
    parts.push(`${e.encoding} ${f.text}`);
    met = (met ?? true) && f.ok;
  }
  return { measured: parts.length ? parts.join("; ") : unmeasured, met };
}

/** toklab's time per short call against `reference`'s: the target is ≤ 0.25×. */
function perCall(
  e: EncodingResults,
  reference: string,
  stats: Record<string, CategoryStats> | undefined,
): Figure | undefined {
  const rows = e.short?.throughput ?? [];
  const mine =
    stats &&
    shortCalls(
      rows.find((r) => r.lib === "toklab"),
      stats,
    );
  const theirs =
    stats &&
    shortCalls(
      rows.find((r) => r.lib === reference),
      stats,
    );
  if (!mine || !theirs) return undefined;
  const x = mine.allUs / theirs.allUs;
  return {
    text: `${x.toFixed(2)}× (${mine.allUs.toFixed(2)} vs ${theirs.allUs.toFixed(2)} µs)`,
    ok: x <= 0.25,
  };
}

/** toklab's first pass over short.jsonl against its steady state: the target is ≤ 1.3×. */
function firstPass(e: EncodingResults): Figure | undefined {
  const x = firstPassRatio(e.short?.throughput?.find((r) => r.lib === "toklab"));
  return x === undefined ? undefined : { text: `${x.toFixed(2)}×`, ok: x <= 1.3 };
}
