import { int, megabytes, ms, num, table, times } from "../format.js";
import type { BenchResults, EncodingResults } from "../results.js";
import {
  firstPassRatio,
  isShortCategory,
  LONG_PROSE,
  longProseNsPerByte,
  shortCalls,
} from "../short-figures.js";
import type { ProcessResults } from "../whole-process.js";
import { throughputSections } from "./throughput.js";

/** The second corpus: what it is and its categories, or how to build it. */
export function shortCorpusSection(results: BenchResults): string {
  const c = results.shortCorpus;
  if (c === undefined) return "";
  const head = "## Second corpus: short.jsonl";
  if ("missing" in c) return `${head}\n\nNot measured in this run: ${c.missing}.`;
  const rows = Object.keys(c.stats).map((cat) => [
    cat,
    int(c.stats[cat].docs),
    megabytes(c.stats[cat].bytes),
  ]);
  return [
    head,
    "",
    `\`${c.source}\`${c.quick ? ", quick subset (every k-th document of each category, ~1 MB each)" : ", all documents"}: ` +
      "text bench.jsonl does not contain, built by `npm run corpus:short` (bench/short-corpus.ts) from this " +
      "machine's gettext catalogues (`short_multi`: translated messages of 20–500 bytes in ~190 languages; " +
      "`short_en`: their English originals; `long_multi`: runs of one catalogue's translations, 4–12 KB) and " +
      "source code in languages bench.jsonl lacks (`code_other`: Ruby, Go, Tcl, Emacs Lisp, SQL, awk). " +
      "Sources and licences: README.md, section The second benchmark corpus." +
      (c.sha256 ? ` SHA-256 of the file: \`${c.sha256}\` (runs on different builds do not compare).` : ""),
    "",
    table(["category", "documents", "size"], rows),
  ].join("\n");
}

/** Everything measured on short.jsonl for one encoding. */
export function shortEncodingSection(e: EncodingResults, results: BenchResults): string {
  const s = e.short;
  if (!s) return "";
  const parts = [`## ${e.encoding} on short.jsonl`];
  if (s.throughput) {
    parts.push(throughputSections({ ...e, throughput: s.throughput, tokens: s.tokens }));
    const short = shortStringsTable(e, results);
    if (short) parts.push(short);
    parts.push(firstPassTable(e));
  }
  if (s.process) parts.push(processTable(e.encoding, s.process));
  return parts.join("\n\n");
}

/** µs per call on the short categories, against `reference`'s (tiktoken, or the HF binding). */
export function shortStringsTable(
  e: EncodingResults,
  results: BenchResults,
  reference = "tiktoken",
): string | undefined {
  const info = results.shortCorpus;
  const rows = e.short?.throughput;
  if (!info || "missing" in info || !rows) return undefined;
  const cats = Object.keys(info.stats).filter(isShortCategory);
  const tiktoken = shortCalls(
    rows.find((r) => r.lib === reference),
    info.stats,
  );
  const out = rows.map((r) => {
    const calls = shortCalls(r, info.stats);
    const long = longProseNsPerByte(e.throughput?.find((t) => t.lib === r.lib));
    if (!calls) return [r.lib, ...cats.map(() => "–"), "–", "–", "–", "–", "–"];
    return [
      r.lib,
      ...cats.map((c) => num(calls.perCallUs[c])),
      num(calls.allUs),
      times(tiktoken ? calls.allUs / tiktoken.allUs : undefined),
      num(calls.nsPerByte),
      num(long),
      times(long ? calls.nsPerByte / long : undefined),
    ];
  });
  const sizes = cats.map((c) => `${c} ${num(info.stats[c].bytes / info.stats[c].docs)}`).join(", ");
  return [
    "### Short strings (20–500 bytes), one encode call each",
    "",
    `Per-call time of the median encode pass over the \`short_*\` categories (mean bytes per document: ${sizes}); ` +
      `per-byte cost against the same library's on bench.jsonl's ${LONG_PROSE} (long documents, same run).`,
    "",
    table(
      [
        "library",
        ...cats.map((c) => `µs/call ${c}`),
        "µs/call all short",
        `× ${reference} per call`,
        "ns/byte short",
        `ns/byte ${LONG_PROSE}`,
        "short ÷ long per byte",
      ],
      out,
    ),
  ].join("\n");
}

/** Each library's first pass against its steady state, on bench.jsonl and on short.jsonl. */
export function firstPassTable(e: EncodingResults): string {
  const rows = e.short?.throughput ?? [];
  const out = rows.map((r) => {
    const main = e.throughput?.find((t) => t.lib === r.lib);
    return [
      r.lib,
      num(main?.firstEncode?.all),
      num(main?.encode?.all),
      times(firstPassRatio(main)),
      num(r.firstEncode?.all),
      num(r.encode?.all),
      times(firstPassRatio(r)),
    ];
  });
  return [
    "### First pass over unseen text",
    "",
    "Each library's child process loads the library, then encodes the whole corpus once, timed on its own " +
      "(JIT compilation, lazily built tables and growing caches land here), then runs the timed passes " +
      "(steady state: their median). first ÷ steady is a ratio of times: 1.30× means the first pass took 30% longer.",
    "",
    table(
      [
        "library",
        "bench.jsonl first (MB/s)",
        "steady",
        "first ÷ steady",
        "short.jsonl first (MB/s)",
        "steady",
        "first ÷ steady",
      ],
      out,
    ),
  ].join("\n");
}

function processTable(encoding: string, p: ProcessResults): string {
  const toklab = p.rows.find((r) => r.lib === "toklab")?.ms;
  const reference = p.rows.find((r) => r.lib === "tiktoken")?.tokens;
  const out = p.rows.map((r) => {
    if (r.ms === undefined) return [r.lib, r.failure ?? "–", "", "", "", ""];
    const tokens = r.tokens === undefined ? "–" : int(r.tokens);
    return [
      r.lib,
      ms(r.ms),
      r.runs.length > 1 ? `${num(Math.min(...r.runs))}–${num(Math.max(...r.runs))}` : "–",
      num(p.bytes / 1000 / r.ms),
      reference !== undefined && r.tokens !== reference ? `${tokens} (≠ tiktoken)` : tokens,
      times(toklab ? r.ms / toklab : undefined),
    ];
  });
  return [
    "### Whole process: counting the corpus as one file",
    "",
    `\`toklab count -t ${encoding} FILE\` (dist/cli/main.js, as installed from npm) against each library's ` +
      "equivalent script (bench/process/*.mjs: import, load the encoding, read the file, count), timed from " +
      `spawn to exit. FILE: short.jsonl's texts, a document a line, ${megabytes(p.bytes)}. ` +
      `${runsText(p)}; Node's own start-up (\`node -e ""\`) ` +
      `took ${ms(p.nodeMs)}, included in every row. \`toklab count\` counts a large input on one thread ` +
      "per core (the input cut where a line feed stands between two non-space characters, which no " +
      'piece crosses; docs/decisions/0047); "toklab (1 thread)" is `--workers 1`, the reference ' +
      "scripts count on one thread.",
    "",
    table(["library", "wall (median)", "min–max (ms)", "MB/s", "tokens", "toklab speed ÷"], out),
  ].join("\n");
}

function runsText(p: ProcessResults): string {
  const runs = Math.max(0, ...p.rows.map((r) => r.runs.length));
  return runs === 1 ? "One run" : `Median of ${runs} runs`;
}
