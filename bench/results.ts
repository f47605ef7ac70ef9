import type { Adapter } from "./adapters/types.js";
import type { Category, CategoryStats } from "./corpus.js";
import type { EdgeRow } from "./edge.js";
import type { LoadRow } from "./load.js";
import type { Machine } from "./machine.js";
import type { Options } from "./options.js";
import type { PathoTable } from "./pathological.js";
import type { Outcome } from "./spawn.js";
import type { BenchTarget, RssResult } from "./tasks.js";
import type { ThroughputRow } from "./throughput.js";
import type { ProcessResults } from "./whole-process.js";

export interface EncodingResults {
  encoding: BenchTarget;
  repeats: number;
  /** Libraries that have no such encoding (not run, said so in the report). */
  unsupported: string[];
  throughput?: ThroughputRow[];
  /** tiktoken's token count per category (from its fingerprints), for bytes/token. */
  tokens?: Record<Category | "all", number>;
  edge?: EdgeRow[];
  load?: { rows: LoadRow[]; baseline: Outcome<RssResult> };
  patho?: PathoTable;
  /** The same encoding on the second corpus, short.jsonl (issue 17). */
  short?: ShortCorpusResults;
}

/** What runs on short.jsonl: the throughput children (same code as bench.jsonl's) and whole processes. */
export interface ShortCorpusResults {
  throughput?: ThroughputRow[];
  tokens?: Record<Category | "all", number>;
  process?: ProcessResults;
}

/** The Hugging Face section: real tokenizer.json files, compared with the Rust binding. */
export interface HfSectionResults {
  /** When this section was measured (a `--hf` run merges it into an older report). */
  date: string;
  durationS: number;
  loadAverage: { start: number; end: number };
  argv: string[];
  versions: Record<string, string>;
  adapters: ReadonlyArray<{ name: string; packageName?: string; cacheNote: string; note: string }>;
  repeats: number;
  /** The corpus this section ran on (it may differ from the OpenAI sections' after a merge). */
  corpus: { source: string; quick: boolean; docs: number; bytes: number };
  models: EncodingResults[];
}

/** Everything the report is rendered from: plain data, also written next to it as JSON. */
export interface BenchResults {
  date: string;
  durationS: number;
  options: Options;
  machine: Machine;
  /** os.loadavg()[0] when the run started and ended: other work on the machine shows here. */
  loadAverage: { start: number; end: number };
  versions: Record<string, string>;
  adapters: readonly Adapter[];
  corpus: { source: string; quick: boolean; stats: Record<Category | "all", CategoryStats> };
  /** short.jsonl, when it was found; else `missing` says how to build it. */
  shortCorpus?:
    | {
        source: string;
        quick: boolean;
        stats: Record<Category | "all", CategoryStats>;
        /** Of the whole file, as `npm run corpus:short` prints it: which build was measured. */
        sha256?: string;
      }
    | { missing: string };
  encodings: EncodingResults[];
  hf?: HfSectionResults;
}
