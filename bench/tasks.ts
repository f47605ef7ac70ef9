import type { EncodingName } from "./adapters/types.js";
import type { Category, CorpusSpec } from "./corpus.js";
import type { HfModelName } from "./hf-models.js";

/** What a task tokenizes with: a tiktoken encoding, or a real tokenizer.json (the HF section). */
export type BenchTarget = EncodingName | HfModelName;

/** Work sent to a child process (bench/child.ts) as JSON on its command line. */
export type Task =
  | { mode: "throughput"; lib: string; encoding: BenchTarget; corpus: CorpusSpec; repeats: number }
  | { mode: "load"; lib: string; encoding: BenchTarget }
  | { mode: "rss"; lib: string; encoding: BenchTarget; corpus: CorpusSpec }
  | { mode: "edge"; lib: string; encoding: BenchTarget }
  | { mode: "patho"; lib: string; encoding: BenchTarget; input: string; bytes: number; corpus: CorpusSpec };

/** Milliseconds per category for one pass over the corpus. */
export type PassTimes = Record<Category, number>;

export interface ThroughputResult {
  /** One per document, in corpus order (see stats.fingerprint). */
  fingerprints: string[];
  /** The process's first encode pass over the corpus (see measure.ts); absent in older results. */
  firstEncode?: PassTimes;
  encode: PassTimes[];
  count?: PassTimes[];
  decode: PassTimes[];
  /** Documents whose decode(encode(text)) differs from text. */
  roundtripFailures: number;
  /** Documents whose count(text) differs from encode(text).length. */
  countMismatches: number;
}

export interface LoadResult {
  /** import + build the encoding + encode("hello"), measured inside the child. */
  ms: number;
}

export interface RssResult {
  /** process.resourceUsage().maxRSS at the end, in kilobytes. */
  maxRssKB: number;
}

export interface PathoResult {
  /** Median of the timed runs (one run if the first one took long). */
  ms: number;
  runs: number;
  fingerprint: string;
}

/** Per edge case (edge-cases.ts order): a fingerprint, or the error the library threw. */
export type EdgeResult = Array<{ fingerprint?: string; error?: string }>;

/** What the child writes to its result file. */
export type ChildOutput = { ok: true; value: unknown } | { ok: false; error: string; phase: "load" | "run" };

/** Written to stderr by a child when its timed section starts (see spawn.ts timeouts). */
export const READY_MARKER = "@@toklab-bench:ready@@";
