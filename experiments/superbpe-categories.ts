/**
 * SuperBPE against plain BPE per category, on documents the trainer never saw (issue 18): the
 * documents of bench.jsonl are dealt into five parts by their order in the file; the trainer
 * reads parts `--train-parts` (default 1,2: about 8.8 MB), and every figure is measured on part
 * 0 (about 4.4 MB), as a whole and per category (`en_prose`, `code`, `multi`).
 *
 * train-100m.txt is not used: it holds the texts of bench.jsonl, so nothing in it is held-out
 * from them.
 *
 * Run: `node --import tsx experiments/superbpe-categories.ts [--vocab 16000,32000]
 *        [--transition 0.8,0.9] [--train-parts 1,2] [--file PATH]`
 * (`--file` default: bench.jsonl of the corpora directory, bench/corpora.ts). Prints a markdown
 * table. The comparison is `compareSuperBpe` (bench/train-superbpe.ts), as in `npm run
 * bench:train`.
 */
import { displayCorpusPath, MissingCorpusError, requireCorpusOrFile } from "../bench/corpora.js";
import { benchJsonlSplit, compareSuperBpe } from "../bench/train-superbpe.js";

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : undefined;
}

let file: string;
try {
  file = requireCorpusOrFile("bench.jsonl", option("file"));
} catch (e) {
  if (!(e instanceof MissingCorpusError)) throw e;
  console.error(`superbpe-categories: ${e.message}`);
  process.exit(2);
}
const vocabs = (option("vocab") ?? "16000,32000").split(",").map(Number);
const transitions = (option("transition") ?? "0.8,0.9").split(",").map(Number);
const trainParts = new Set((option("train-parts") ?? "1,2").split(",").map(Number));

const { trainLines, trainBytes, categories, heldLines, heldBytes } = benchJsonlSplit(file, [...trainParts]);

const rows = compareSuperBpe({
  trainLines,
  heldLines,
  heldBytes,
  vocabs,
  transitions,
  categories,
  log: (s) => process.stderr.write(`${s}\n`),
});

const mb = (n: number) => (n / 1e6).toFixed(1);
console.log(
  `Training: parts ${[...trainParts].join(", ")} of 5 of ${displayCorpusPath(file)}'s documents (${mb(trainBytes)} MB); ` +
    `held-out: part 0 (${mb(heldBytes)} MB: ${categories.map((c) => `${c.name} ${mb(c.bytes)} MB`).join(", ")}).\n`,
);
const names = categories.map((c) => c.name);
console.log(`| vocab | tokenizer | all | ${names.join(" | ")} |`);
console.log(`|---:|---|---:|${names.map(() => "---:").join("|")}|`);
for (const r of rows) {
  const cell = (bpt: number, gain: number) =>
    r.tokenizer === "BPE"
      ? bpt.toFixed(3)
      : `${bpt.toFixed(3)} (${gain >= 0 ? "+" : ""}${(gain * 100).toFixed(1)}%)`;
  const label = r.tokenizer === "BPE" ? "BPE" : `SuperBPE t=${Math.round((r.fraction ?? 0) * 100)}%`;
  const perCategory = names.map((n) => {
    const c = r.categories?.[n];
    return c === undefined ? "–" : cell(c.bytesPerToken, c.gain);
  });
  console.log(`| ${r.vocab} | ${label} | ${cell(r.bytesPerToken, r.gain)} | ${perCategory.join(" | ")} |`);
}
