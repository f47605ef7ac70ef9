/**
 * Trains plain BPE and SuperBPE at equal vocabulary sizes on the head of a text file and reports
 * bytes per token on held-out text from its tail, as a markdown table.
 *
 * Run: `node --import tsx scripts/train-variants.ts [--mb 10] [--heldout-mb 1]
 *        [--vocab 8000,16000] [--transition 0.4,0.8] [--file /work/shared/corpora/train-100m.txt]`
 *
 * Counting is one simple loop on one thread: every line (with its newline, as the Hugging Face
 * trainer reads files) is cut by the GPT-2 pretokenizer for BPE and SuperBPE's stage 1, and by
 * the stage-2 (superword) pretokenizer for SuperBPE's stage 2. Held-out lines are encoded through
 * the trained tokenizer.json (toklab's exact Hugging Face pipeline), one line at a time.
 */
import { readFileSync } from "node:fs";
import { nextGpt2Piece } from "../src/core/pretokenize/gpt2.js";
import type { PieceScanner } from "../src/core/pretokenize/types.js";
import { loadTokenizerJson } from "../src/formats/hf/tokenizer-json.js";
import { trainedTokenizerJson } from "../src/formats/trained/tokenizer-json.js";
import { trainBpe } from "../src/train/bpe-trainer.js";
import { trainSuperBpe } from "../src/train/superbpe.js";
import { hfSuperwordPreTokenizer, nextSuperwordPiece } from "../src/train/superword-pieces.js";
import type { PieceCounts, TrainedBpe } from "../src/train/types.js";

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
const trainLines = linesOf(head);
const heldLines = linesOf(all.subarray(tailFrom));
const heldBytes = all.length - tailFrom;

function count(lines: readonly string[], scan: PieceScanner): PieceCounts {
  const counts: PieceCounts = new Map();
  for (const line of lines) {
    for (let p = 0; p < line.length; ) {
      const e = scan(line, p, line.length);
      const piece = line.slice(p, e);
      counts.set(piece, (counts.get(piece) ?? 0) + 1);
      p = e;
    }
  }
  return counts;
}

const log = (s: string) => process.stderr.write(`${s}\n`);
let t = performance.now();
const stage1 = count(trainLines, nextGpt2Piece);
const stage2 = count(trainLines, nextSuperwordPiece);
log(
  `counted ${(head.length / MB).toFixed(1)} MB: ${stage1.size} GPT-2 pieces, ${stage2.size} superword pieces ` +
    `(${((performance.now() - t) / 1000).toFixed(1)} s)`,
);

const GPT2_BYTE_LEVEL = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };

function bytesPerToken(trained: TrainedBpe, preTokenizer: Record<string, unknown>): number {
  const tok = loadTokenizerJson(trainedTokenizerJson(trained, { preTokenizer }));
  let tokens = 0;
  for (const line of heldLines) tokens += tok.count(line);
  return heldBytes / tokens;
}

/** Share of learned tokens with a space between two non-space bytes. */
function superwordShare(trained: TrainedBpe): number {
  const learned = trained.tokens.slice(trained.firstMergeId);
  const crossing = learned.filter((b) => /[^ ] +[^ ]/.test(String.fromCharCode(...b))).length;
  return crossing / learned.length;
}

const rows: string[] = [];
for (const vocabSize of vocabs) {
  t = performance.now();
  const bpe = trainBpe(stage1, { vocabSize });
  const bpeSeconds = (performance.now() - t) / 1000;
  const base = bytesPerToken(bpe, GPT2_BYTE_LEVEL);
  log(`BPE ${vocabSize}: ${base.toFixed(3)} bytes/token, ${bpeSeconds.toFixed(1)} s`);
  rows.push(
    `| ${vocabSize} | BPE (GPT-2 pieces) | – | ${base.toFixed(3)} | – | – | ${bpeSeconds.toFixed(1)} |`,
  );
  for (const fraction of transitions) {
    const transition = Math.round(fraction * vocabSize);
    t = performance.now();
    const sb = trainSuperBpe(stage1, stage2, { vocabSize, transition });
    const seconds = (performance.now() - t) / 1000;
    const bpt = bytesPerToken(sb, hfSuperwordPreTokenizer());
    const gain = `${(((bpt - base) / base) * 100).toFixed(1)}%`;
    log(`SuperBPE ${vocabSize} t=${transition}: ${bpt.toFixed(3)} bytes/token, ${seconds.toFixed(1)} s`);
    rows.push(
      `| ${vocabSize} | SuperBPE | ${transition} (${fraction * 100}%) | ${bpt.toFixed(3)} | +${gain} | ` +
        `${(superwordShare(sb) * 100).toFixed(1)}% | ${seconds.toFixed(1)} |`,
    );
  }
}

console.log(
  `Training: first ${(head.length / MB).toFixed(1)} MB of ${file}; held-out: last ${(heldBytes / MB).toFixed(1)} MB ` +
    `(${heldLines.length} lines). Byte-level, full byte alphabet, ties by bytes; SuperBPE vetoes: ≤ 4 words, no ": ".\n`,
);
console.log("| vocab | tokenizer | transition | bytes/token | vs BPE | superword tokens | train s |");
console.log("|---:|---|---:|---:|---:|---:|---:|");
for (const r of rows) console.log(r);
