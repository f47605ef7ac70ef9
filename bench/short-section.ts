/**
 * What `npm run bench` measures on its second corpus, short.jsonl (issue 17): the same
 * throughput children as on bench.jsonl (so the short-string and first-pass figures come from
 * the same code), and whole processes counting the corpus as one file. Without short.jsonl the
 * run goes on, and the report says how to build it.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EncodingName } from "./adapters/types.js";
import { MissingCorpusError, REPO_ROOT, shortCorpusMissing, shortCorpusOrNull } from "./corpora.js";
import { type Corpus, type CorpusSpec, corpusStats, loadCorpus } from "./corpus.js";
import { log } from "./log.js";
import type { Options } from "./options.js";
import type { BenchResults, ShortCorpusResults } from "./results.js";
import { referenceTokens, runThroughput } from "./throughput.js";
import { runWholeProcess } from "./whole-process.js";

/** The encodings of issue 17's whole-process targets; r50k_base would only add minutes. */
const PROCESS_ENCODINGS: readonly EncodingName[] = ["o200k_base", "cl100k_base"];

export interface ShortCorpus {
  spec: CorpusSpec;
  corpus: Corpus;
  /** The corpus as one text file, a document a line, for the whole-process runs. */
  textFile?: string;
  textBytes: number;
}

/** short.jsonl loaded (and its text file written), or the message saying how to build it. */
export function prepareShortCorpus(options: Options): {
  short?: ShortCorpus;
  info: BenchResults["shortCorpus"];
} {
  let path: string | null;
  try {
    path = shortCorpusOrNull(options.shortCorpus);
  } catch (e) {
    if (!(e instanceof MissingCorpusError)) throw e;
    console.error(`npm run bench: ${e.message}`);
    process.exit(2);
  }
  if (path === null) {
    const missing = shortCorpusMissing();
    log(missing);
    return { info: { missing } };
  }
  const spec: CorpusSpec = { path, quick: options.quick };
  const corpus = loadCorpus(spec);
  const stats = corpusStats(corpus.docs);
  log(`short corpus ${corpus.source}: ${corpus.docs.length} docs, ${(stats.all.bytes / 1e6).toFixed(1)} MB`);
  const short: ShortCorpus = { spec, corpus, textBytes: 0 };
  if (!options.skip.has("process") && !options.hfOnly) {
    const dir = join(tmpdir(), "toklab-bench");
    mkdirSync(dir, { recursive: true });
    short.textFile = join(dir, `short-${process.pid}.txt`);
    const text = corpus.docs.map((d) => d.text).join("\n");
    writeFileSync(short.textFile, text);
    short.textBytes = Buffer.byteLength(text);
    if (options.libs.includes("toklab")) buildCli();
  }
  // Machines build different files from their own packages: the hash says which one was measured.
  const sha256 = createHash("sha256").update(readFileSync(path)).digest("hex");
  return { short, info: { source: corpus.source, quick: corpus.quick, stats, sha256 } };
}

/**
 * The CLI users install, as `npm run build` makes it (tsc into dist/, then the CLI bundled by
 * scripts/bundle-cli.mjs; the lab is not needed): the whole-process rows time that, not the
 * esbuild bundle of the library the in-process children load.
 */
function buildCli(): void {
  log("building dist/ (tsc -p tsconfig.json, scripts/bundle-cli.mjs) for the whole-process timings…");
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const steps: [string, string[]][] = [
    ["tsc", [tsc, "-p", "tsconfig.json"]],
    ["bundle-cli", ["scripts/bundle-cli.mjs"]],
  ];
  for (const [name, args] of steps) {
    const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: "utf8" });
    if (result.status !== 0) {
      log(`  ${name} failed: ${(result.stdout + result.stderr).split("\n")[0]}`);
      return;
    }
  }
}

/** Throughput and whole processes for one encoding on short.jsonl. */
export async function runShortSection(
  options: Options,
  short: ShortCorpus,
  encoding: EncodingName,
  libs: readonly string[],
  repeats: number,
  ranks: Record<string, string>,
): Promise<ShortCorpusResults> {
  const result: ShortCorpusResults = {};
  if (!options.skip.has("throughput")) {
    log(`short corpus, ${encoding}:`);
    result.throughput = await runThroughput(libs, encoding, short.spec, short.corpus.docs, repeats);
    result.tokens = referenceTokens(result.throughput, short.corpus.docs, "tiktoken");
  }
  if (short.textFile && PROCESS_ENCODINGS.includes(encoding)) {
    // Every selected library, not only those with this encoding: a row saying "no o200k_base"
    // explains why the native binding has no figure there.
    result.process = await runWholeProcess(
      options.libs,
      encoding,
      short.textFile,
      short.textBytes,
      options.processRuns,
      ranks,
    );
  }
  return result;
}

/** Remove the text file written for the whole-process runs. */
export function cleanUpShortCorpus(short: ShortCorpus | undefined): void {
  if (short?.textFile) rmSync(short.textFile, { force: true });
}
