import { HF_REFERENCE, HF_SHORT_MODELS } from "./hf-section.js";
import type { BenchResults } from "./results.js";
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
  /** One check over both encodings: each gives a figure (or nothing) and whether it passes. */
  const check = (
    target: string,
    figure: (e: (typeof encodings)[number]) => { text: string; ok: boolean } | undefined,
  ) => {
    const parts: string[] = [];
    let met: boolean | undefined;
    for (const e of encodings) {
      const f = figure(e);
      if (!f) continue;
      parts.push(`${e.encoding} ${f.text}`);
      met = (met ?? true) && f.ok;
    }
    const measured = parts.length
      ? parts.join("; ")
      : stats
        ? "not measured"
        : info
          ? "not measured: no short.jsonl (`npm run corpus:short`)"
          : "not measured (short.jsonl skipped)";
    checks.push({ target, measured, met });
  };
  const wholeProcess = (e: (typeof encodings)[number], lib: string, factor: number) => {
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
  check("strings of 20–500 bytes, one encode call each: ≤ 0.25× tiktoken's time per call", (e) => {
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
        rows.find((r) => r.lib === "tiktoken"),
        stats,
      );
    if (!mine || !theirs) return undefined;
    const x = mine.allUs / theirs.allUs;
    return {
      text: `${x.toFixed(2)}× (${mine.allUs.toFixed(2)} vs ${theirs.allUs.toFixed(2)} µs)`,
      ok: x <= 0.25,
    };
  });
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
  check("first encode pass over unseen text (short.jsonl) ≤ 1.3× the steady state (toklab)", (e) => {
    const x = firstPassRatio(e.short?.throughput?.find((r) => r.lib === "toklab"));
    return x === undefined ? undefined : { text: `${x.toFixed(2)}×`, ok: x <= 1.3 };
  });
  checks.push(...hfShortTargets(results));
  return checks;
}

/**
 * The same per-call and first-pass targets for the tokenizer.json models of the Hugging Face
 * section measured on short.jsonl (Llama 3, Gemma 3), against the Rust binding.
 */
function hfShortTargets(results: BenchResults): TargetCheck[] {
  const info = results.shortCorpus;
  const stats = info && !("missing" in info) ? info.stats : undefined;
  const models = (results.hf?.models ?? []).filter((m) => HF_SHORT_MODELS.includes(m.encoding) && m.short);
  if (!stats || models.length === 0) return [];
  const over = (figure: (m: (typeof models)[number]) => { text: string; ok: boolean } | undefined) => {
    const parts: string[] = [];
    let met: boolean | undefined;
    for (const m of models) {
      const f = figure(m);
      if (!f) continue;
      parts.push(`${m.encoding} ${f.text}`);
      met = (met ?? true) && f.ok;
    }
    return { measured: parts.length ? parts.join("; ") : "not measured", met };
  };
  return [
    {
      target:
        "tokenizer.json (Llama 3, Gemma 3), strings of 20–500 bytes: ≤ 0.25× the HF binding's time per call",
      ...over((m) => {
        const rows = m.short?.throughput ?? [];
        const mine = shortCalls(
          rows.find((r) => r.lib === "toklab"),
          stats,
        );
        const theirs = shortCalls(
          rows.find((r) => r.lib === HF_REFERENCE),
          stats,
        );
        if (!mine || !theirs) return undefined;
        const x = mine.allUs / theirs.allUs;
        return {
          text: `${x.toFixed(2)}× (${mine.allUs.toFixed(2)} vs ${theirs.allUs.toFixed(2)} µs)`,
          ok: x <= 0.25,
        };
      }),
    },
    {
      target:
        "tokenizer.json (Llama 3, Gemma 3): first pass over short.jsonl ≤ 1.3× the steady state (toklab)",
      ...over((m) => {
        const x = firstPassRatio(m.short?.throughput?.find((r) => r.lib === "toklab"));
        return x === undefined ? undefined : { text: `${x.toFixed(2)}×`, ok: x <= 1.3 };
      }),
    },
  ];
}
