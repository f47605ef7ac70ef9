/**
 * Trains plain BPE and SuperBPE at equal vocabulary sizes on the head of a text file and reports
 * bytes per token on held-out text from its tail, as a markdown table.
 *
 * Run: `node --import tsx scripts/train-variants.ts [--mb 10] [--heldout-mb 1]
 *        [--vocab 8000,16000] [--transition 0.4,0.8] [--file /work/shared/corpora/train-100m.txt]`
 *
 * The comparison itself (counting, training, held-out encoding) is `compareSuperBpe` in
 * bench/train-superbpe.ts, which `npm run bench:train` also runs.
 */
import { readFileSync } from "node:fs";
import { compareSuperBpe, superBpeMarkdown } from "../bench/train-superbpe.js";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const file = option("file", "/work/shared/corpora/train-100m.txt");
const trainMb = Number(option("mb", "10"));
const heldMb = Number(option("heldout-mb", "1"));
const vocabs = option("vocab", "8000,16000").split(",").map(Number);
const transitions = option("transition", "0.4,0.8").split(",").map(Number);

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
  `Training: first ${(head.length / MB).toFixed(1)} MB of ${file}; held-out: last ${(heldBytes / MB).toFixed(1)} MB ` +
    `(${heldLines.length} lines). Byte-level, full byte alphabet, ties by bytes; SuperBPE vetoes: ≤ 4 words, no ": ".\n`,
);
console.log(superBpeMarkdown(rows));
