/**
 * `npm run bench:shards` (after `npm run build`; not in CI): the count-shard path of issue 16.
 *
 * 1. train-100m.txt (../shared/corpora) split into 16 files by lines; `count-pieces` on each,
 *    one process at a time and two at a time (GNU parallel's or Dask's model: a process per
 *    file, `--workers 0`), and `count-pieces` of the whole file with 1 and 2 counting threads.
 * 2. The DuckDB merge of the 16 shards alone (`readCountShards`, memory limit 1GB): wall time and
 *    peak RSS of its process; then `train --counts` against `train --input` on the same text
 *    (32,000 tokens, o200k): the tokenizer.json files must be identical.
 * 3. A generated corpus with more distinct pieces than a JavaScript Map holds (2^24): N distinct
 *    words (default 20M; `--words N` to scale), counted into one shard with spills, then trained
 *    from it under a DuckDB memory limit, with peak RSS.
 *
 * Peak RSS comes from /usr/bin/time (GNU time's %M). Results go to bench/out/shards.json and
 * stdout as Markdown. Options: `--skip-big`, `--words N`, `--corpus PATH`.
 */
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli/main.js");
const WORK = join(ROOT, "bench/out/shards-work");
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const CORPUS = option("--corpus", join(ROOT, "../shared/corpora/train-100m.txt"));
const WORDS = Number(option("--words", "20000000"));

interface Timed {
  seconds: number;
  peakMB: number;
  stdout: string;
}

/** Runs a command under GNU time; throws with its stderr when it fails. */
function timed(command: string[], env: Record<string, string> = {}): Timed {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", ...command], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
  });
  const lines = r.stderr.trim().split("\n");
  const [seconds, kb] = lines[lines.length - 1].split(" ").map(Number);
  if (r.status !== 0) throw new Error(`${command.join(" ")} failed:\n${r.stderr}`);
  return { seconds, peakMB: Math.round(kb / 1024), stdout: r.stdout };
}

/** Runs jobs with at most `parallel` at a time (child processes); returns the wall seconds. */
async function pool(jobs: string[][], parallel: number): Promise<number> {
  const { spawn } = await import("node:child_process");
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await new Promise<void>((resolve, reject) => {
        const p = spawn(job[0], job.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
        let err = "";
        p.stderr.on("data", (d) => (err += d));
        p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${job.join(" ")}: ${err}`))));
      });
    }
  };
  await Promise.all([...Array(parallel)].map(worker));
  return (performance.now() - started) / 1000;
}

/** Splits a text file into `n` files of whole lines, about equal in bytes. */
async function split(path: string, n: number, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const size = statSync(path).size;
  const files = [...Array(n).keys()].map((k) => join(dir, `part-${String(k).padStart(2, "0")}.txt`));
  if (files.every((f) => existsSync(f))) return files;
  let k = 0;
  let written = 0;
  let out = createWriteStream(files[0]);
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    const bytes = Buffer.byteLength(line) + 1;
    if (written > ((k + 1) * size) / n && k < n - 1) {
      await new Promise((r) => out.end(r));
      out = createWriteStream(files[++k]);
    }
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
    written += bytes;
  }
  await new Promise((r) => out.end(r));
  return files;
}

/**
 * `words` distinct words of six lowercase letters (index × 1,000,003 mod 26^6, a bijection, so
 * no two repeat), 16 to a line with a space before each: o200k makes each " xxxxxx" one piece.
 */
async function generateDistinct(path: string, words: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(`${path}.tmp`);
  const M = 26 ** 6;
  let line = "";
  for (let i = 0; i < words; i++) {
    let x = (i * 1_000_003) % M;
    let w = " ";
    for (let c = 0; c < 6; c++) {
      w += String.fromCharCode(97 + (x % 26));
      x = Math.floor(x / 26);
    }
    line += w;
    if (i % 16 === 15 || i === words - 1) {
      if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
      line = "";
    }
  }
  await new Promise((r) => out.end(r));
  const { renameSync } = await import("node:fs");
  renameSync(`${path}.tmp`, path);
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error("run `npm run build` first (the benchmark runs dist/cli/main.js)");
  mkdirSync(WORK, { recursive: true });
  const results: Record<string, unknown> = {
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      loadavgAtStart: loadavg().map((x) => +x.toFixed(2)),
    },
    date: new Date().toISOString(),
  };
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const counting = ["--preset", "o200k", "--quiet"];

  // 1. Counting throughput.
  const parts = await split(CORPUS, 16, join(WORK, "parts"));
  const mb = statSync(CORPUS).size / 1e6;
  const processes: Record<string, number> = {};
  for (const parallel of [1, 2]) {
    const dir = join(WORK, `shards-p${parallel}`);
    rmSync(dir, { recursive: true, force: true });
    const jobs = parts.map((p, k) => [
      "node",
      CLI,
      "count-pieces",
      ...counting,
      "--workers",
      "0",
      p,
      "--out",
      join(dir, `${k}.parquet`),
    ]);
    const s = await pool(jobs, parallel);
    processes[parallel] = s;
    log(
      `count-pieces, 16 files, ${parallel} process(es) at a time: ${s.toFixed(1)} s (${(mb / s).toFixed(1)} MB/s)`,
    );
  }
  const threads: Record<string, Timed> = {};
  for (const workers of [1, 2]) {
    const t = timed([
      "node",
      CLI,
      "count-pieces",
      ...counting,
      "--workers",
      String(workers),
      CORPUS,
      "--out",
      join(WORK, `whole-w${workers}.parquet`),
    ]);
    threads[workers] = t;
    log(
      `count-pieces, whole file, ${workers} thread(s): ${t.seconds} s (${(mb / t.seconds).toFixed(1)} MB/s), peak ${t.peakMB} MB`,
    );
  }
  results.counting = {
    corpusMB: mb,
    processes: Object.fromEntries(
      Object.entries(processes).map(([k, s]) => [k, { seconds: s, mbPerSecond: mb / s }]),
    ),
    threads: Object.fromEntries(
      Object.entries(threads).map(([k, t]) => [
        k,
        { seconds: t.seconds, mbPerSecond: mb / t.seconds, peakMB: t.peakMB },
      ]),
    ),
  };

  // 2. The DuckDB merge alone, then training from shards against training from the text.
  const shardGlob = join(WORK, "shards-p2", "*.parquet");
  const mergeScript =
    `import { readCountShards } from ${JSON.stringify(join(ROOT, "dist/node/index.js"))};` +
    `const t = performance.now(); const r = await readCountShards([${JSON.stringify(shardGlob)}], { memoryLimit: "1GB" });` +
    "console.log(JSON.stringify({ ms: performance.now() - t, distinct: r.counts.size }));";
  const merge = timed(["node", "--input-type=module", "-e", mergeScript]);
  const merged = JSON.parse(merge.stdout);
  log(
    `DuckDB merge of 16 shards: ${(merged.ms / 1000).toFixed(2)} s, ${merged.distinct} distinct, peak ${merge.peakMB} MB (process)`,
  );
  const trainArgs = ["--vocab-size", "32000", "--quiet", "--force", "--preset", "o200k"];
  const fromShards = timed([
    "node",
    CLI,
    "train",
    "--counts",
    shardGlob,
    "--memory-limit",
    "1GB",
    ...trainArgs,
    "--out",
    join(WORK, "t-shards"),
  ]);
  const fromText = timed([
    "node",
    CLI,
    "train",
    "--input",
    CORPUS,
    ...trainArgs,
    "--out",
    join(WORK, "t-text"),
  ]);
  const same =
    readFileSync(join(WORK, "t-shards/tokenizer.json"), "utf8") ===
    readFileSync(join(WORK, "t-text/tokenizer.json"), "utf8");
  log(
    `train 32k from shards: ${fromShards.seconds} s, peak ${fromShards.peakMB} MB; from text: ${fromText.seconds} s, peak ${fromText.peakMB} MB; identical: ${same}`,
  );
  if (!same) throw new Error("training from shards and from text gave different tokenizers");
  results.merge = {
    seconds: merged.ms / 1000,
    distinct: merged.distinct,
    peakMB: merge.peakMB,
    memoryLimit: "1GB",
  };
  results.train = {
    fromShards: { seconds: fromShards.seconds, peakMB: fromShards.peakMB },
    fromText: { seconds: fromText.seconds, peakMB: fromText.peakMB },
    identical: same,
  };

  // 3. More distinct pieces than a Map holds.
  if (!flag("--skip-big")) {
    const big = join(WORK, `distinct-${WORDS}.txt`);
    await generateDistinct(big, WORDS);
    const bigMB = statSync(big).size / 1e6;
    const shard = join(WORK, `distinct-${WORDS}.parquet`);
    const count = timed([
      "node",
      CLI,
      "count-pieces",
      ...counting,
      "--workers",
      "2",
      "--spill-at",
      "4000000",
      "--memory-limit",
      "1GB",
      big,
      "--out",
      shard,
      "--json",
    ]);
    const counted = JSON.parse(count.stdout);
    log(
      `distinct corpus (${bigMB.toFixed(0)} MB, ${counted.distinct_pieces} distinct): count-pieces ${count.seconds} s, ${counted.spills} spills, peak ${count.peakMB} MB`,
    );
    const train = timed([
      "node",
      CLI,
      "train",
      "--counts",
      shard,
      "--vocab-size",
      "2000",
      "--memory-limit",
      "1GB",
      "--quiet",
      "--force",
      "--json",
      "--out",
      join(WORK, "t-distinct"),
    ]);
    const trained = JSON.parse(train.stdout);
    log(`train 2,000 tokens from it: ${train.seconds} s, peak ${train.peakMB} MB, ${trained.merges} merges`);
    results.distinct = {
      words: WORDS,
      corpusMB: bigMB,
      distinct: counted.distinct_pieces,
      count: { seconds: count.seconds, peakMB: count.peakMB, spills: counted.spills, spillAt: 4_000_000 },
      train: {
        seconds: train.seconds,
        peakMB: train.peakMB,
        merges: trained.merges,
        vocabSize: 2000,
        memoryLimit: "1GB",
      },
    };
  }
  results.loadavgAtEnd = loadavg().map((x) => +x.toFixed(2));
  writeFileSync(join(ROOT, "bench/out/shards.json"), `${JSON.stringify(results, null, 2)}\n`);
  log("→ bench/out/shards.json");
}

await main();
