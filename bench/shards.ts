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
 * stdout. Options: `--only counting,merge,distinct` (default all), `--words N`, `--corpus PATH`.
 * CPU seconds (user + system, from GNU time) are reported beside wall time: on a shared, loaded
 * machine they say more about the code than the wall clock does.
 */
import { spawnSync } from "node:child_process";
import {
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
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli/main.js");
const WORK = join(ROOT, "bench/out/shards-work");
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const CORPUS = option("--corpus", join(ROOT, "../shared/corpora/train-100m.txt"));
const WORDS = Number(option("--words", "20000000"));
const ONLY = new Set(option("--only", "counting,merge,distinct").split(","));

interface Timed {
  seconds: number;
  peakMB: number;
  /** User + system CPU seconds. */
  cpu: number;
  stdout: string;
}

const TIME_FORMAT = "%e %M %U %S";

/** The last line of GNU time's stderr: wall seconds, peak KB, user and system CPU seconds. */
function parseTime(stderr: string): { seconds: number; peakMB: number; cpu: number } {
  const lines = stderr.trim().split("\n");
  const [seconds, kb, user, sys] = lines[lines.length - 1].split(" ").map(Number);
  return { seconds, peakMB: Math.round(kb / 1024), cpu: +(user + sys).toFixed(2) };
}

/** Runs a command under GNU time; throws with its stderr when it fails. */
function timed(command: string[]): Timed {
  const r = spawnSync("/usr/bin/time", ["-f", TIME_FORMAT, ...command], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`${command.join(" ")} failed:\n${r.stderr}`);
  return { ...parseTime(r.stderr), stdout: r.stdout };
}

/**
 * Runs jobs with at most `parallel` at a time (child processes under GNU time); returns the wall
 * seconds, the CPU seconds of all jobs and the largest peak RSS of one job.
 */
async function pool(
  jobs: string[][],
  parallel: number,
): Promise<{ seconds: number; cpu: number; peakMB: number }> {
  const { spawn } = await import("node:child_process");
  const started = performance.now();
  let cpu = 0;
  let peakMB = 0;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await new Promise<void>((resolve, reject) => {
        const p = spawn("/usr/bin/time", ["-f", TIME_FORMAT, ...job], {
          stdio: ["ignore", "ignore", "pipe"],
        });
        let err = "";
        p.stderr.on("data", (d) => (err += d));
        p.on("exit", (code) => {
          if (code !== 0) return reject(new Error(`${job.join(" ")}: ${err}`));
          const t = parseTime(err);
          cpu += t.cpu;
          peakMB = Math.max(peakMB, t.peakMB);
          resolve();
        });
      });
    }
  };
  await Promise.all([...Array(parallel)].map(worker));
  return { seconds: (performance.now() - started) / 1000, cpu: +cpu.toFixed(2), peakMB };
}

/** Splits a text file into `n` files of whole lines (each cut after a `\n`), byte for byte. */
function split(path: string, n: number, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [...Array(n).keys()].map((k) => join(dir, `part-${String(k).padStart(2, "0")}.txt`));
  if (files.every((f) => existsSync(f))) return files;
  const bytes = readFileSync(path);
  let from = 0;
  for (let k = 0; k < n; k++) {
    let to = bytes.length;
    if (k < n - 1) {
      const nl = bytes.indexOf(0x0a, Math.floor(((k + 1) * bytes.length) / n));
      to = nl < 0 ? bytes.length : nl + 1;
    }
    writeFileSync(files[k], bytes.subarray(from, to));
    from = to;
  }
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

const cli = (...args: string[]) => ["node", CLI, ...args];
const log = (s: string) => process.stdout.write(`${s}\n`);
const rate = (mb: number, s: number) => `${(mb / s).toFixed(1)}`;

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error("run `npm run build` first (the benchmark runs dist/cli/main.js)");
  mkdirSync(WORK, { recursive: true });
  const out = join(ROOT, "bench/out/shards.json");
  const results: Record<string, unknown> = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : {};
  results.machine = { cpus: cpus().length, model: cpus()[0]?.model };
  const counting = ["--preset", "o200k", "--quiet"];
  const parts = split(CORPUS, 16, join(WORK, "parts"));
  const mb = statSync(CORPUS).size / 1e6;

  if (ONLY.has("counting")) {
    const at = { date: new Date().toISOString(), loadavg: loadavg().map((x) => +x.toFixed(2)) };
    const processes: Record<string, unknown> = {};
    for (const parallel of [1, 2]) {
      const dir = join(WORK, `shards-p${parallel}`);
      rmSync(dir, { recursive: true, force: true });
      const jobs = parts.map((p, k) =>
        cli("count-pieces", ...counting, "--workers", "0", p, "--out", join(dir, `${k}.parquet`)),
      );
      const t = await pool(jobs, parallel);
      processes[parallel] = { ...t, mbPerSecond: mb / t.seconds, mbPerCpuSecond: mb / t.cpu };
      log(
        `count-pieces, 16 files, ${parallel} process(es) at a time: ${t.seconds.toFixed(1)} s (${rate(mb, t.seconds)} MB/s), ` +
          `${t.cpu} CPU-s (${rate(mb, t.cpu)} MB per CPU-s), peak ${t.peakMB} MB per process`,
      );
    }
    const threads: Record<string, unknown> = {};
    for (const workers of [0, 1, 2]) {
      const t = timed(
        cli(
          "count-pieces",
          ...counting,
          "--workers",
          String(workers),
          CORPUS,
          "--out",
          join(WORK, `whole-w${workers}.parquet`),
        ),
      );
      threads[workers] = { seconds: t.seconds, cpu: t.cpu, peakMB: t.peakMB, mbPerSecond: mb / t.seconds };
      log(
        `count-pieces, whole file, --workers ${workers}: ${t.seconds} s (${rate(mb, t.seconds)} MB/s), ${t.cpu} CPU-s, peak ${t.peakMB} MB`,
      );
    }
    results.counting = {
      ...at,
      corpusMB: mb,
      processes,
      threads,
      loadavgAtEnd: loadavg().map((x) => +x.toFixed(2)),
    };
  }

  if (ONLY.has("merge")) {
    const at = { date: new Date().toISOString(), loadavg: loadavg().map((x) => +x.toFixed(2)) };
    const shardGlob = join(WORK, "shards-p2", "*.parquet");
    if (!existsSync(join(WORK, "shards-p2", "15.parquet"))) throw new Error("run --only counting first");
    const mergeScript =
      `import { readCountShards } from ${JSON.stringify(join(ROOT, "dist/node/index.js"))};` +
      `const t = performance.now(); const r = await readCountShards([${JSON.stringify(shardGlob)}], { memoryLimit: "1GB" });` +
      "console.log(JSON.stringify({ ms: performance.now() - t, distinct: r.counts.size }));";
    const merge = timed(["node", "--input-type=module", "-e", mergeScript]);
    const merged = JSON.parse(merge.stdout);
    log(
      `DuckDB merge of 16 shards: ${(merged.ms / 1000).toFixed(2)} s, ${merged.distinct} distinct, ` +
        `process peak ${merge.peakMB} MB, ${merge.cpu} CPU-s`,
    );
    const trainArgs = ["--vocab-size", "32000", "--quiet", "--force", "--preset", "o200k"];
    const fromShards = timed(
      cli(
        "train",
        "--counts",
        shardGlob,
        "--memory-limit",
        "1GB",
        ...trainArgs,
        "--out",
        join(WORK, "t-shards"),
      ),
    );
    const fromText = timed(cli("train", "--input", CORPUS, ...trainArgs, "--out", join(WORK, "t-text")));
    const same =
      readFileSync(join(WORK, "t-shards/tokenizer.json"), "utf8") ===
      readFileSync(join(WORK, "t-text/tokenizer.json"), "utf8");
    log(
      `train 32k from shards: ${fromShards.seconds} s, ${fromShards.cpu} CPU-s, peak ${fromShards.peakMB} MB; ` +
        `from text: ${fromText.seconds} s, ${fromText.cpu} CPU-s, peak ${fromText.peakMB} MB; identical: ${same}`,
    );
    if (!same) throw new Error("training from shards and from text gave different tokenizers");
    results.merge = {
      ...at,
      seconds: merged.ms / 1000,
      distinct: merged.distinct,
      processPeakMB: merge.peakMB,
      processCpu: merge.cpu,
      memoryLimit: "1GB",
      train: {
        fromShards: { seconds: fromShards.seconds, cpu: fromShards.cpu, peakMB: fromShards.peakMB },
        fromText: { seconds: fromText.seconds, cpu: fromText.cpu, peakMB: fromText.peakMB },
        identical: same,
      },
    };
  }

  if (ONLY.has("distinct")) {
    const at = { date: new Date().toISOString(), loadavg: loadavg().map((x) => +x.toFixed(2)) };
    const big = join(WORK, `distinct-${WORDS}.txt`);
    await generateDistinct(big, WORDS);
    const bigMB = statSync(big).size / 1e6;
    const shard = join(WORK, `distinct-${WORDS}.parquet`);
    const count = timed(
      cli(
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
      ),
    );
    const counted = JSON.parse(count.stdout);
    log(
      `distinct corpus (${bigMB.toFixed(0)} MB, ${counted.distinct_pieces} distinct): count-pieces ${count.seconds} s, ` +
        `${count.cpu} CPU-s, ${counted.spills} spills, peak ${count.peakMB} MB`,
    );
    const train = timed(
      cli(
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
      ),
    );
    const trained = JSON.parse(train.stdout);
    log(
      `train 2,000 tokens from it: ${train.seconds} s, ${train.cpu} CPU-s, peak ${train.peakMB} MB, ${trained.merges} merges`,
    );
    results.distinct = {
      ...at,
      words: WORDS,
      corpusMB: bigMB,
      distinct: counted.distinct_pieces,
      count: {
        seconds: count.seconds,
        cpu: count.cpu,
        peakMB: count.peakMB,
        spills: counted.spills,
        spillAt: 4_000_000,
      },
      train: {
        seconds: train.seconds,
        cpu: train.cpu,
        peakMB: train.peakMB,
        merges: trained.merges,
        vocabSize: 2000,
        memoryLimit: "1GB",
      },
      loadavgAtEnd: loadavg().map((x) => +x.toFixed(2)),
    };
  }
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log("→ bench/out/shards.json");
}

await main();
