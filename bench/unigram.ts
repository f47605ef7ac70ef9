/**
 * `npm run bench:unigram`: toklab's Unigram trainer against SentencePiece's own (`spm_train
 * --model_type=unigram`, Debian's sentencepiece package) on the same text and options, in the
 * same run: wall time and peak memory of each whole process (GNU time's maximum resident set
 * size), and held-out bytes per token of both models, both encoded by `spm_encode` so that
 * only the vocabularies differ. Not part of CI.
 *
 *   npm run bench:unigram -- [--corpus ../shared/corpora/bench.jsonl] [--vocab 8000,32000] [--workers N]
 *
 * `--workers` goes to `toklab train` (EM threads; default one per core). The load column is the
 * 1-minute load average before spm_train, between the two runs and after toklab's.
 *
 * toklab runs from dist/ (`npm run build` first) when it is built, else from the sources through
 * tsx, whose loader adds about 40 MB to the peak memory. The corpus's documents are split 9:1 (every tenth held out) into plain text, one sentence a
 * line as spm_train reads it; both trainers use the identity normalizer (toklab writes no NFKC
 * charsmap), SentencePiece's defaults otherwise.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/corpora/bench.jsonl" },
    vocab: { type: "string", default: "8000,32000" },
    out: { type: "string", default: "bench/out/unigram" },
    workers: { type: "string" },
  },
});
const out = resolve(values.out as string);
mkdirSync(out, { recursive: true });

function split(corpus: string): { train: string; held: string } {
  const train = join(out, "train.txt");
  const held = join(out, "held.txt");
  const lines = readFileSync(corpus, "utf8").split("\n").filter(Boolean);
  const tr: string[] = [];
  const he: string[] = [];
  lines.forEach((l, i) => {
    const text = corpus.endsWith(".jsonl") ? (JSON.parse(l) as { text: string }).text : l;
    (i % 10 === 0 ? he : tr).push(text);
  });
  writeFileSync(train, `${tr.join("\n")}\n`);
  writeFileSync(held, `${he.join("\n")}\n`);
  return { train, held };
}

interface Run {
  seconds: number;
  /** User + system CPU seconds: fairer than wall time on a loaded machine. */
  cpu: number;
  maxRssMb: number;
}

/** Runs a command under GNU time; its wall time and peak RSS. */
function timed(cmd: string, args: string[]): Run {
  const r = spawnSync("/usr/bin/time", ["-v", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (wall === null || rss === null) throw new Error(`no GNU time output from ${cmd}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const cpu = Number(user?.[1] ?? 0) + Number(sys?.[1] ?? 0);
  return { seconds, cpu, maxRssMb: Number(rss[1]) / 1024 };
}

function tokens(model: string, text: string): number {
  const ids = execFileSync("spm_encode", [`--model=${model}`, "--output_format=id", `--input=${text}`], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  let n = 0;
  for (const line of ids.split("\n")) if (line.length > 0) n += line.split(" ").length;
  return n;
}

const { train, held } = split(values.corpus as string);
const heldBytes = readFileSync(held).length;
const rows: string[] = [];
for (const v of (values.vocab as string).split(",").map(Number)) {
  const prefix = join(out, `spm-${v}`);
  // The machine may be shared: the 1-minute load average before and after each run says how much.
  const loads = [loadavg()[0]];
  const spm = timed("spm_train", [
    `--input=${train}`,
    `--model_prefix=${prefix}`,
    `--vocab_size=${v}`,
    "--model_type=unigram",
    "--normalization_rule_name=identity",
    "--minloglevel=1",
  ]);
  loads.push(loadavg()[0]);
  const dir = join(out, `toklab-${v}`);
  const cli = existsSync("dist/cli/main.js") ? ["dist/cli/main.js"] : ["--import", "tsx", "src/cli/main.ts"];
  const ours = timed(process.execPath, [
    ...cli,
    "train",
    "--algo",
    "unigram",
    "--input",
    train,
    "--vocab-size",
    String(v),
    "--out",
    dir,
    "--force",
    "--quiet",
    ...(values.workers === undefined ? [] : ["--workers", values.workers as string]),
  ]);
  loads.push(loadavg()[0]);
  const bptSpm = heldBytes / tokens(`${prefix}.model`, held);
  const bptOurs = heldBytes / tokens(join(dir, "tokenizer.model"), held);
  const row =
    `| ${v} | ${spm.seconds.toFixed(1)} s | ${ours.seconds.toFixed(1)} s | ${(ours.seconds / spm.seconds).toFixed(2)}× | ` +
    `${spm.cpu.toFixed(1)} s | ${ours.cpu.toFixed(1)} s | ` +
    `${spm.maxRssMb.toFixed(0)} MB | ${ours.maxRssMb.toFixed(0)} MB | ${bptSpm.toFixed(4)} | ${bptOurs.toFixed(4)} | ` +
    `${(((bptOurs - bptSpm) / bptSpm) * 100).toFixed(2)} % | ${loads.map((l) => l.toFixed(1)).join(" → ")} |`;
  console.log(row);
  rows.push(row);
}
const md = [
  `Unigram training, ${values.corpus} (9/10 train, 1/10 held out, ${heldBytes} held-out bytes), identity normalizer, ` +
    `toklab from ${existsSync("dist/cli/main.js") ? "dist/" : "the sources (tsx)"}` +
    `${values.workers === undefined ? "" : ` with --workers ${values.workers}`}, in one run:`,
  "",
  "| vocab | spm_train wall | toklab wall | ratio | spm_train CPU | toklab CPU | spm_train peak RSS | toklab peak RSS | spm bytes/token | toklab bytes/token | Δ | load |",
  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...rows,
  "",
];
writeFileSync(join(out, "unigram.md"), md.join("\n"));
console.log(md.join("\n"));
