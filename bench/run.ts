/**
 * `npm run bench`: measure toklab and the reference tokenizers on bench.jsonl and on the
 * second corpus short.jsonl (bench/short-section.ts), on this machine, in one session, and write
 * BENCHMARKS.md (plus the raw results as JSON beside it).
 *
 * The parent only orchestrates: every timing happens in a child process (bench/child.ts).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { HF_PATHS_ENV } from "./adapters/hf-tokenizers.js";
import { ADAPTERS, adapterByName } from "./adapters/index.js";
import { TIKTOKEN_FILES_ENV } from "./adapters/kitoken.js";
import {
  buildChild,
  buildToklab,
  CHILD_JS,
  removeBuild,
  TOKLAB_ENTRY,
  TOKLAB_ENTRY_ENV,
  TOKLAB_HF_ENTRY,
  TOKLAB_HF_ENTRY_ENV,
} from "./build.js";
import { benchCorpusOrStandIn, MissingCorpusError, standInNotice } from "./corpora.js";
import { type CorpusSpec, corpusStats, loadCorpus } from "./corpus.js";
import { runEdgeCases } from "./edge.js";
import { ensureHfTokenizerJson } from "./hf/tokenizer-json.js";
import { runHfSection } from "./hf-section.js";
import { runLoad } from "./load.js";
import { log } from "./log.js";
import { describeMachine, libraryVersions } from "./machine.js";
import { parseOptions } from "./options.js";
import { runPathological } from "./pathological.js";
import { renderReport } from "./report/index.js";
import { keptSection } from "./report/kept.js";
import { keptSeparateSections } from "./report/sections.js";
import type { BenchResults, EncodingResults } from "./results.js";
import { cleanUpShortCorpus, prepareShortCorpus, runShortSection } from "./short-section.js";
import { childCommand, childEnv } from "./spawn.js";
import { referenceTokens, runThroughput } from "./throughput.js";
import { ensureTiktokenFile } from "./tiktoken-file.js";
import { readTrainingResults } from "./train-results.js";

const RAW_DIR = fileURLToPath(new URL("./out", import.meta.url));
const started = performance.now();
const loadAtStart = loadavg()[0];
const options = parseOptions(process.argv.slice(2));
const spec: CorpusSpec = { path: corpusPathOrExit(), quick: options.quick };
if (spec.path === null) log(standInNotice());
const corpus = loadCorpus(spec);
const stats = corpusStats(corpus.docs);
const versions = libraryVersions();
log(`corpus ${corpus.source}: ${corpus.docs.length} docs, ${(stats.all.bytes / 1e6).toFixed(1)} MB`);

await prepareChildren();
if (!options.hfOnly && options.libs.includes("hf-tokenizers")) await prepareHf();
if (!options.hfOnly && options.libs.includes("kitoken")) await prepareTiktokenFiles();
const { short, info: shortInfo } = options.skip.has("short")
  ? { short: undefined, info: undefined }
  : prepareShortCorpus(options);

const encodings: EncodingResults[] = [];
for (const [index, encoding] of (options.hfOnly ? [] : options.encodings).entries()) {
  const supported = options.libs.filter((lib) => adapterByName(lib).encodings.includes(encoding));
  const repeats = index === 0 ? options.repeats : options.secondaryRepeats;
  const result: EncodingResults = {
    encoding,
    repeats,
    unsupported: options.libs.filter((lib) => !supported.includes(lib)),
  };
  if (!options.skip.has("throughput")) {
    result.throughput = await runThroughput(supported, encoding, spec, corpus.docs, repeats);
    result.tokens = referenceTokens(result.throughput, corpus.docs, "tiktoken");
  }
  if (!options.skip.has("edge")) result.edge = await runEdgeCases(supported, encoding);
  if (!options.skip.has("load")) result.load = await runLoad(supported, encoding, spec, options.loadRuns);
  // Pathological inputs only on the primary encoding: they are about algorithms, not vocabularies,
  // and each timeout costs its full duration.
  if (index === 0 && !options.skip.has("patho")) {
    result.patho = await runPathological(
      supported,
      encoding,
      spec,
      options.pathoBytes,
      options.pathoTimeoutMs,
      options.pathoJobs,
    );
  }
  if (short)
    result.short = await runShortSection(
      options,
      short,
      encoding,
      supported,
      repeats,
      JSON.parse(childEnv[TIKTOKEN_FILES_ENV] ?? "{}"),
    );
  encodings.push(result);
}
cleanUpShortCorpus(short);

const hf =
  options.hfOnly || !options.skip.has("hf") ? await runHfSection(options, spec, corpus, short) : undefined;

const measured: BenchResults = {
  date: new Date().toISOString(),
  durationS: (performance.now() - started) / 1000,
  options,
  machine: describeMachine(),
  loadAverage: { start: loadAtStart, end: loadavg()[0] },
  versions,
  adapters: ADAPTERS,
  corpus: { source: corpus.source, quick: corpus.quick, stats },
  shortCorpus: shortInfo,
  encodings,
  hf,
};
const results = await mergeWithLastRun(measured);
// The training section comes from the last `npm run bench:train` (bench/out/train.json), or,
// when this machine has not run it (bench/out/ is scratch), stays as the report had it.
await writeAtomically(
  options.out,
  renderReport(
    results,
    readTrainingResults() ?? keptSection(options.out, "## Training"),
    keptSeparateSections(options.out),
  ),
);
// The raw data (all numbers, minus the per-document fingerprints) for anyone re-rendering or
// comparing runs; bench/out/ is scratch space, not a committed artifact.
await mkdir(RAW_DIR, { recursive: true });
await writeAtomically(
  `${RAW_DIR}/last-run.json`,
  JSON.stringify(
    results,
    (key, value) => (key === "fingerprints" ? undefined : value instanceof Set ? [...value] : value),
    1,
  ),
);
await removeBuild();
log(`wrote ${options.out} in ${((performance.now() - started) / 60_000).toFixed(1)} min`);

/** The corpus file (bench/corpora.ts), null for the stand-in; a missing one ends the run here. */
function corpusPathOrExit(): string | null {
  try {
    return benchCorpusOrStandIn(options.corpus);
  } catch (e) {
    if (!(e instanceof MissingCorpusError)) throw e;
    console.error(`npm run bench: ${e.message}`);
    process.exit(2);
  }
}

/** Build the JavaScript the children run (see bench/build.ts); fall back to tsx if that fails. */
async function prepareChildren(): Promise<void> {
  try {
    await buildChild();
    childCommand.args = [CHILD_JS];
  } catch (e) {
    log(`could not bundle bench/child.ts, children run through tsx (slower imports): ${firstLine(e)}`);
    return;
  }
  if (!options.libs.includes("toklab") && !options.hfLibs.some((lib) => lib.startsWith("toklab"))) return;
  try {
    await buildToklab();
    childEnv[TOKLAB_ENTRY_ENV] = pathToFileURL(TOKLAB_ENTRY).href;
    childEnv[TOKLAB_HF_ENTRY_ENV] = pathToFileURL(TOKLAB_HF_ENTRY).href;
  } catch (e) {
    log(`toklab does not build: ${firstLine(e)}`);
    childEnv.TOKLAB_BENCH_TOKLAB_ERROR = firstLine(e);
  }
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e)
    .split("\n")
    .slice(0, 2)
    .join(" ")
    .slice(0, 300);
}

/** Convert tiktoken's ranks to tokenizer.json files once, before anything is timed. */
async function prepareHf(): Promise<void> {
  const paths: Record<string, string> = {};
  for (const encoding of options.encodings) {
    try {
      log(`hf-tokenizers: converting ${encoding} ranks to tokenizer.json (cached in the temp dir)…`);
      paths[encoding] = await ensureHfTokenizerJson(encoding, versions.tiktoken);
    } catch (e) {
      log(`  conversion failed: ${String(e)} (hf-tokenizers will show as unavailable)`);
    }
  }
  childEnv[HF_PATHS_ENV] = JSON.stringify(paths);
}

/** Write the `.tiktoken` rank files kitoken loads, once, before anything is timed. */
async function prepareTiktokenFiles(): Promise<void> {
  const paths: Record<string, string> = {};
  for (const encoding of options.encodings) {
    try {
      paths[encoding] = await ensureTiktokenFile(encoding, versions.tiktoken);
    } catch (e) {
      log(`  .tiktoken file for ${encoding} failed: ${String(e)} (kitoken will show as unavailable)`);
    }
  }
  childEnv[TIKTOKEN_FILES_ENV] = JSON.stringify(paths);
}

/**
 * A run that measured only one section keeps the other from the last run, so the report never
 * loses a section: `--hf` keeps the OpenAI sections (with their own header: date, options,
 * versions), `--skip hf` keeps the previous Hugging Face section (which carries its own date).
 */
async function mergeWithLastRun(current: BenchResults): Promise<BenchResults> {
  const path = `${RAW_DIR}/last-run.json`;
  if (!existsSync(path)) return current;
  const last = JSON.parse(await readFile(path, "utf8")) as BenchResults;
  if (options.hfOnly) {
    if (last.encodings.length === 0) return current;
    return { ...last, hf: current.hf };
  }
  return current.hf === undefined && last.hf !== undefined ? { ...current, hf: last.hf } : current;
}

/** Temp file then rename: readers never see a half-written report. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
