/**
 * Parity-aware BPE's defining numbers on real parallel text (issue 4 §6): the spread of
 * per-language token counts (max/min and Gini) and the global compression, plain BPE against
 * the parity variants at equal vocabulary.
 *
 *   node --import tsx experiments/train-parity.ts [--corpus=udhr|man] [--vocab=N,N,...] [--skew=10]
 *     [--min-frequency=2] [--json]
 *
 * `--corpus=udhr` (default; 18 languages in 12 scripts, balanced and skewed mixtures, vocab 2000,
 * 4000, 8000) or `--corpus=man` (English prose and man pages in 17 other languages from
 * bench.jsonl, found by bench/corpora.ts; vocab 8000, 16000, 32000). What is trained and
 * measured, and how, is described in bench/train-parity.ts (`compareParity`), which
 * `npm run bench:train` also runs with the default settings; this script prints every table
 * (per-language token counts included) and takes other settings.
 */
import { MissingCorpusError } from "../bench/corpora.js";
import { compareParity, HIGH_RESOURCE, type ParityReport } from "../bench/train-parity.js";

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const corpus = arg("corpus") ?? "udhr";
if (corpus !== "udhr" && corpus !== "man") throw new Error(`--corpus must be udhr or man, got ${corpus}`);
const vocab = arg("vocab");

let result: ParityReport;
try {
  result = compareParity({
    corpus,
    vocabSizes: vocab === undefined ? undefined : vocab.split(",").map(Number),
    skew: Number(arg("skew") ?? "10"),
    minFrequency: Number(arg("min-frequency") ?? "2"),
  });
} catch (e) {
  if (!(e instanceof MissingCorpusError)) throw e;
  console.error(`train-parity: ${e.message}`);
  process.exit(2);
}

if (args.includes("--json")) {
  const { corpus: c, languages, testBytes, minFrequency, report } = result;
  console.log(JSON.stringify({ corpus: c, languages, testBytes, minFrequency, report }, null, 2));
} else {
  console.log(parityMarkdown(result));
}

/** The report as markdown. */
function parityMarkdown(r: ParityReport): string {
  const out: string[] = [];
  const total = r.trainBytes.reduce((a, b) => a + b, 0);
  const totalTest = r.testBytes.reduce((a, b) => a + b, 0);
  out.push(
    `${r.corpus === "udhr" ? "UDHR" : "bench.jsonl (English prose, translated man pages)"} training text, ` +
      `${r.languages.length} languages, ${total} bytes; parity dev: UDHR articles 2, 5, …, 29; held-out test: ` +
      `UDHR articles 3, 6, …, 30 (${totalTest} bytes); min frequency ${r.minFrequency}` +
      (r.corpus === "udhr" ? `; skewed mixture: ${[...HIGH_RESOURCE].join(", ")} ×${r.skew}` : "") +
      "\n",
  );
  const fmt = (x: number, d = 3) => x.toFixed(d);
  for (const [mixture, byVocab] of Object.entries(r.report)) {
    for (const [vocab, rows] of Object.entries(byVocab)) {
      out.push(`### ${mixture}, vocab ${vocab}\n`);
      out.push(
        "| tokenizer | vocab | max/min | Gini | bytes/token | loss vs plain | mixture bytes/token | loss vs plain | train s |",
      );
      out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (const row of rows) {
        out.push(
          `| ${row.name} | ${row.vocab} | ${fmt(row.maxOverMin)} | ${fmt(row.gini)} | ${fmt(row.bytesPerToken)} | ` +
            `${fmt(100 * row.loss, 2)}% | ${fmt(row.mixtureBytesPerToken)} | ${fmt(100 * row.mixtureLoss, 2)}% | ` +
            `${fmt(row.seconds, 2)} |`,
        );
      }
      out.push(`\n| language | script | train bytes | test bytes | ${rows.map((x) => x.name).join(" | ")} |`);
      out.push(`|---|---|---:|---:|${rows.map(() => "---:").join("|")}|`);
      r.languages.forEach((code, i) => {
        const cells = rows.map((x) => x.tokens[i]).join(" | ");
        out.push(`| ${code} | ${r.scripts[i]} | ${r.trainBytes[i]} | ${r.testBytes[i]} | ${cells} |`);
      });
      out.push("");
    }
  }
  return out.join("\n");
}
