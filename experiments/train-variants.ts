/**
 * Trains plain BPE and SuperBPE at equal vocabulary sizes on the head of a text file and reports
 * bytes per token on held-out text from its tail, as a markdown table.
 *
 * Run: `node --import tsx experiments/train-variants.ts [--mb 10] [--heldout-mb 1]
 *        [--vocab 8000,16000] [--transition 0.4,0.8] [--file PATH]`
 * (`--file` default: train-100m.txt of the corpora directory, bench/corpora.ts).
 *
 * The comparison itself (counting, training, held-out encoding) is `compareSuperBpe` in
 * bench/train-superbpe.ts, which `npm run bench:train` also runs on its own heads (the 20 MB
 * head, 16k and 32k); this script takes any head size, tail size and vocabularies.
 */
import { readFileSync } from "node:fs";
import { displayCorpusPath, MissingCorpusError, requireCorpusOrFile } from "../bench/corpora.js";
import { compareSuperBpe, type SuperBpeRow } from "../bench/train-superbpe.js";

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : undefined;
}

let file: string;
try {
  file = requireCorpusOrFile("train-100m.txt", option("file"));
} catch (e) {
  if (!(e instanceof MissingCorpusError)) throw e;
  console.error(`train-variants: ${e.message}`);
  process.exit(2);
}
const trainMb = Number(option("mb") ?? "10");
const heldMb = Number(option("heldout-mb") ?? "1");
const vocabs = (option("vocab") ?? "8000,16000").split(",").map(Number);
const transitions = (option("transition") ?? "0.4,0.8").split(",").map(Number);

const MB = 1_000_000;
const all = readFileSync(file);
if (all.length < (trainMb + heldMb) * MB) throw new Error(`${file} is smaller than ${trainMb + heldMb} MB`);
const decoder = new TextDecoder();
// Cut at line ends so that no character or line is split.
const head = all.subarray(0, all.lastIndexOf(10, trainMb * MB) + 1);
const tailFrom = all.indexOf(10, all.length - heldMb * MB) + 1;
const linesOf = (bytes: Uint8Array) => decoder.decode(bytes).split(/(?<=\n)/);
const heldLines = linesOf(all.subarray(tailFrom));
const heldBytes = all.length - tailFrom;

const rows = compareSuperBpe({
  trainLines: linesOf(head),
  heldLines,
  heldBytes,
  vocabs,
  transitions,
  log: (s) => process.stderr.write(`${s}\n`),
});

console.log(
  `Training: first ${(head.length / MB).toFixed(1)} MB of ${displayCorpusPath(file)}; held-out: last ${(heldBytes / MB).toFixed(1)} MB ` +
    `(${heldLines.length} lines). Byte-level, full byte alphabet, ties by bytes; SuperBPE vetoes: ≤ 4 words, no ": ".\n`,
);
console.log(superBpeMarkdown(rows));

/** The rows as a markdown table. */
function superBpeMarkdown(rows: readonly SuperBpeRow[]): string {
  const lines = [
    "| vocab | tokenizer | transition | bytes/token | vs BPE | superword tokens | train s |",
    "|---:|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      r.tokenizer === "BPE"
        ? `| ${r.vocab} | BPE (GPT-2 pieces) | – | ${r.bytesPerToken.toFixed(3)} | – | – | ${r.seconds.toFixed(1)} |`
        : `| ${r.vocab} | SuperBPE | ${r.transition} (${(r.fraction ?? 0) * 100}%) | ${r.bytesPerToken.toFixed(3)} | ` +
            `+${(r.gain * 100).toFixed(1)}% | ${((r.superwordShare ?? 0) * 100).toFixed(1)}% | ${r.seconds.toFixed(1)} |`,
    );
  }
  return lines.join("\n");
}
