/**
 * Parity-aware BPE's defining numbers on real parallel text (issue 4 §6): the spread of
 * per-language token counts (max/min and Gini) and the global compression, plain BPE against
 * the parity variants at equal vocabulary.
 *
 *   node --import tsx scripts/train-parity.ts [--corpus=udhr|man] [--vocab=N,N,...] [--skew=10]
 *     [--min-frequency=2] [--json]
 *
 * `--corpus=udhr` (default; 18 languages in 13 scripts, balanced and skewed mixtures, vocab 2000,
 * 4000, 8000) or `--corpus=man` (English prose and man pages in 17 other languages from
 * bench.jsonl, vocab 8000, 16000, 32000). What is trained and measured, and how, is described in
 * bench/train-parity.ts (`compareParity`), which `npm run bench:train` also runs.
 */
import { compareParity, parityMarkdown } from "../bench/train-parity.js";

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const corpus = arg("corpus") ?? "udhr";
if (corpus !== "udhr" && corpus !== "man") throw new Error(`--corpus must be udhr or man, got ${corpus}`);
const vocab = arg("vocab");

const result = compareParity({
  corpus,
  vocabSizes: vocab === undefined ? undefined : vocab.split(",").map(Number),
  skew: Number(arg("skew") ?? "10"),
  minFrequency: Number(arg("min-frequency") ?? "2"),
});

if (args.includes("--json")) {
  const { corpus: c, languages, testBytes, minFrequency, report } = result;
  console.log(JSON.stringify({ corpus: c, languages, testBytes, minFrequency, report }, null, 2));
} else {
  console.log(parityMarkdown(result));
}
