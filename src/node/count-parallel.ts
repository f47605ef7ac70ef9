/**
 * Counting a large text on several threads with exactly the count of one thread: the text is cut
 * only at line cuts (src/core/pretokenize/line-cuts.ts), where the pretokenizer provably starts
 * a new piece whatever came before, so every part has the pieces, and so the tokens, that the
 * whole text has there. Only encodings whose pretokenizer is known to allow it are cut; anything
 * else is counted in the calling thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { Encoding } from "../core/encoding.js";
import { nextLineCut } from "../core/pretokenize/line-cuts.js";
import type { EncodeOptions, Tokenizer } from "../core/tokenizer.js";
import type { LoadTokenizerOptions } from "./load-tokenizer.js";
import { workerEntry } from "./worker-entry.js";

/**
 * Texts shorter than this (UTF-16 units) are counted in one thread. A worker starts, loads its
 * own tokenizer and counts its part with a cold JIT: measured on 2 cores, two threads broke even
 * on 12 MB of short multilingual text (1.74 s either way) and were 1.45× faster on 100 MB of
 * prose (7.0 → 4.8 s), so parts begin to pay from about 16M units.
 */
export const PARALLEL_MIN_CHARS = 1 << 24;

/** Threads used by default: one per core, at most this many. */
export const MAX_DEFAULT_THREADS = 4;

/** How a worker gets its own copy of the tokenizer: the spec and options it was loaded from. */
export interface TokenizerSource {
  readonly spec: string;
  readonly options: LoadTokenizerOptions;
}

/** What a counting worker is given. */
export interface CountJob {
  readonly source: TokenizerSource;
  readonly text: string;
  readonly options: Omit<EncodeOptions, "onProgress">;
  /** What the worker's tokenizer must match: the caller's name, vocabulary size and pretokenizer. */
  readonly expect: { readonly vocabSize: number; readonly pretokenizer: string };
}

/** What a counting worker answers. */
export type CountReply = { readonly tokens: number } | { readonly error: string };

/** The default number of counting threads on this machine. */
export function defaultCountThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_THREADS));
}

/**
 * Where to cut `text` into at most `parts` parts of similar length for counting them apart, or
 * `undefined` when it cannot be cut (not a BPE {@link Encoding} whose pretokenizer allows line
 * cuts, a special token holds a line feed, or no line cut in the text). The
 * result starts with 0 and ends with `text.length`.
 *
 * @example
 * ```ts
 * countCuts(o200k, "one\ntwo\nthree\nfour", 2); // [0, 14, 18]
 * ```
 */
export function countCuts(tok: Tokenizer, text: string, parts: number): number[] | undefined {
  if (parts < 2 || !(tok instanceof Encoding) || tok.pretokenizer.lineCuts !== true) return undefined;
  // A worker loads the plain encoding: one cut by another segmenter is counted here.
  if (tok.segmenterName !== "bpe") return undefined;
  // A special token (allowed or refused) that holds a line feed could straddle a cut.
  if (Object.keys(tok.specialTokens).some((s) => s.includes("\n"))) return undefined;
  const cuts = [0];
  for (let i = 1; i < parts; i++) {
    const at = nextLineCut(text, Math.max(Math.floor((text.length * i) / parts), cuts[cuts.length - 1] + 1));
    if (at < 0) break;
    if (at > cuts[cuts.length - 1]) cuts.push(at);
  }
  if (cuts.length < 2) return undefined;
  cuts.push(text.length);
  return cuts;
}

/**
 * The number of tokens of `text`, counted on up to `threads` threads when it is large and can be
 * cut exactly (see {@link countCuts}); the same number `tok.count(text, options)` gives. Each
 * worker loads its own tokenizer from `source` (never downloading) and must find the same
 * vocabulary size and pretokenizer; a part whose thread fails is counted in this thread.
 * `options.onProgress` reports this thread's part, scaled to the whole. `threads` (default: one
 * per core, at most 4) counts this one; texts under `minChars` UTF-16 units stay in this thread.
 *
 * @example
 * ```ts
 * const tok = await loadTokenizer("o200k_base");
 * await countInParallel(tok, bigText, {}, { spec: "o200k_base", options: {} }); // === tok.count(bigText)
 * ```
 */
export async function countInParallel(
  tok: Tokenizer,
  text: string,
  options: EncodeOptions,
  source: TokenizerSource,
  {
    threads = defaultCountThreads(),
    minChars = PARALLEL_MIN_CHARS,
  }: { threads?: number; minChars?: number } = {},
): Promise<number> {
  const cuts = text.length >= minChars ? countCuts(tok, text, threads) : undefined;
  if (cuts === undefined) return tok.count(text, options);
  const { onProgress, ...plain } = options;
  const expect = { vocabSize: tok.vocabSize, pretokenizer: (tok as Encoding).pretokenizer.name };
  const { source: entry, evaluate } = workerEntry(import.meta.url, "count-parallel-worker");
  const workers: Worker[] = [];
  // Each answer is a count, or undefined when the thread failed: that part is then counted here,
  // which gives the count or the error this thread would have met (a refused special token...).
  const replies: Promise<number | undefined>[] = [];
  for (let p = 1; p + 1 < cuts.length; p++) {
    const job: CountJob = {
      source: { ...source, options: { ...source.options, download: false } },
      text: text.slice(cuts[p], cuts[p + 1]),
      options: plain,
      expect,
    };
    const worker = new Worker(entry, { eval: evaluate, workerData: job });
    workers.push(worker);
    replies.push(
      new Promise<number | undefined>((resolve) => {
        worker.once("message", (reply: CountReply) => resolve("error" in reply ? undefined : reply.tokens));
        worker.once("error", () => resolve(undefined));
        worker.once("exit", () => resolve(undefined));
      }),
    );
  }
  try {
    const scale = cuts[1] / text.length;
    let total = tok.count(text.slice(0, cuts[1]), {
      ...plain,
      onProgress: onProgress && ((pos) => onProgress(Math.floor(pos / scale))),
    });
    for (let p = 1; p + 1 < cuts.length; p++) {
      total += (await replies[p - 1]) ?? tok.count(text.slice(cuts[p], cuts[p + 1]), plain);
    }
    onProgress?.(text.length);
    return total;
  } finally {
    // A worker still running (this thread failed first) is stopped; its answer is not awaited.
    for (const w of workers) void w.terminate();
  }
}
