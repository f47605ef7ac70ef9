/**
 * Counting a large text on several threads with exactly the count of one thread: the text is cut
 * only at line cuts (src/core/pretokenize/line-cuts.ts), where the pretokenizer provably starts
 * a new piece whatever came before, so every chunk has the pieces, and so the tokens, that the
 * whole text has there. Only encodings whose pretokenizer is known to allow it are cut; anything
 * else is counted in the calling thread.
 *
 * The chunks are many and small, and every thread (this one included) takes the next one from a
 * shared queue (an `Atomics.add` on a SharedArrayBuffer) until none is left. This thread counts
 * from the start while the workers are still loading their tokenizers, and a slower worker (a
 * cold JIT, a busy core) simply takes fewer chunks: nobody waits for an equal share. The workers
 * ({@link CountThreads}) can be started before the caller has loaded its own tokenizer or read
 * its input, so that their start overlaps that work, and serve every file of a run.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { Encoding } from "../core/encoding.js";
import { nextLineCut } from "../core/pretokenize/line-cuts.js";
import type { EncodeOptions, Tokenizer } from "../core/tokenizer.js";
import type { LoadTokenizerOptions } from "./load-tokenizer.js";
import { workerEntry } from "./worker-entry.js";

/**
 * Texts shorter than this (UTF-16 units) are counted in one thread. On 2 idle cores a second
 * thread broke even on 2 and 4 MB of short multilingual text and was 1.23× faster on 12 MB
 * (the worker's start, cold JIT, and both threads slowing each other); see decision 0047.
 */
export const PARALLEL_MIN_CHARS = 1 << 22;

/**
 * About this many UTF-16 units per chunk: small enough that the threads finish within one chunk
 * (a few ms) of each other, large enough that taking one costs nothing next to counting it.
 */
export const CHUNK_CHARS = 1 << 17;

/** Threads used by default: one per core, at most this many. */
export const MAX_DEFAULT_THREADS = 4;

/** How a worker gets its own copy of the tokenizer: the spec and options it was loaded from. */
export interface TokenizerSource {
  readonly spec: string;
  readonly options: LoadTokenizerOptions;
}

/**
 * One text's queue, shared by all threads. `claims[0]` is the next chunk to take;
 * `claims[1 + c]` is 1 once chunk c is counted (its count in `counts[c]`);
 * `claims[1 + chunks + w]` is 1 once worker w takes part (it has its tokenizer).
 */
export interface CountQueue {
  readonly claims: SharedArrayBuffer;
  readonly counts: SharedArrayBuffer;
}

/** What a counting worker is started with. */
export interface CountWorkerData {
  readonly source: TokenizerSource;
  /** This worker's index: its slot in every queue's claims. */
  readonly worker: number;
}

/** One text to count, posted to every worker. */
export interface CountJob {
  readonly id: number;
  readonly text: string;
  /** Chunk c is `text.slice(cuts[c], cuts[c + 1])`. */
  readonly cuts: readonly number[];
  readonly queue: CountQueue;
  readonly options: Omit<EncodeOptions, "onProgress">;
  /** What the worker's tokenizer must match: the caller's vocabulary size and pretokenizer. */
  readonly expect: { readonly vocabSize: number; readonly pretokenizer: string };
}

/**
 * A worker's answers: it left job `id`'s queue (having counted, or refused the job), or it
 * could not load its tokenizer and stopped.
 */
export type CountReply = { readonly id: number; readonly error?: string } | { readonly failed: string };

/** The default number of counting threads on this machine. */
export function defaultCountThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_THREADS));
}

/**
 * Whether texts can be cut exactly for `tok` (see {@link countCuts}): a BPE {@link Encoding}
 * whose pretokenizer allows line cuts, with no special token holding a line feed.
 */
export function canCountInParts(tok: Tokenizer): tok is Encoding {
  if (!(tok instanceof Encoding) || tok.pretokenizer.lineCuts !== true) return false;
  // A worker loads the plain encoding: one cut by another segmenter is counted here.
  if (tok.segmenterName !== "bpe") return false;
  // A special token (allowed or refused) that holds a line feed could straddle a cut.
  return !Object.keys(tok.specialTokens).some((s) => s.includes("\n"));
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
  if (parts < 2 || !canCountInParts(tok)) return undefined;
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
 * Takes chunks from the shared queue and counts them until none is left: the loop every thread
 * runs. `onChunk` is called after each chunk this thread counted.
 */
export function countChunks(
  tok: Tokenizer,
  text: string,
  cuts: readonly number[],
  queue: CountQueue,
  options: Omit<EncodeOptions, "onProgress">,
  onChunk?: () => void,
): void {
  const claims = new Int32Array(queue.claims);
  const counts = new Float64Array(queue.counts);
  const chunks = cuts.length - 1;
  for (let c = Atomics.add(claims, 0, 1); c < chunks; c = Atomics.add(claims, 0, 1)) {
    counts[c] = tok.count(text.slice(cuts[c], cuts[c + 1]), options);
    // The count is written before the flag: whoever reads the flag reads the count.
    Atomics.store(claims, 1 + c, 1);
    onChunk?.();
  }
}

/**
 * The sum of the chunks' counts once no thread takes chunks any more. A chunk taken but not
 * flagged (its thread failed or was stopped) is counted here, which gives the count, or the
 * error, one thread would give.
 */
export function sumChunks(
  tok: Tokenizer,
  text: string,
  cuts: readonly number[],
  queue: CountQueue,
  options: Omit<EncodeOptions, "onProgress">,
): number {
  const claims = new Int32Array(queue.claims);
  const counts = new Float64Array(queue.counts);
  let total = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    total +=
      Atomics.load(claims, 1 + c) === 1 ? counts[c] : tok.count(text.slice(cuts[c], cuts[c + 1]), options);
  }
  return total;
}

/**
 * Worker threads that each load their own copy of a tokenizer (never downloading) and help
 * {@link countInParallel} count. Start them as early as the tokenizer's spec is known; close them
 * when done (they keep the process alive until then).
 *
 * @example
 * ```ts
 * const threads = CountThreads.start({ spec: "o200k_base", options: {} }, 2);
 * try {
 *   const tok = await loadTokenizer("o200k_base");
 *   await countInParallel(tok, bigText, {}, { threads }); // === tok.count(bigText)
 * } finally {
 *   await threads.close();
 * }
 * ```
 */
export class CountThreads {
  private readonly workers: Worker[] = [];
  /** Per worker: false once it has failed or exited (it is not waited for again). */
  private readonly alive: boolean[] = [];
  /** Per worker, per job id: resolves when the worker has left that job's queue. */
  private readonly waiting = new Map<string, () => void>();
  private nextJob = 0;

  private constructor(
    readonly source: TokenizerSource,
    helpers: number,
  ) {
    const { source: entry, evaluate } = workerEntry(import.meta.url, "count-parallel-worker");
    const options = { ...source.options, download: false };
    for (let w = 0; w < helpers; w++) {
      const data: CountWorkerData = { source: { spec: source.spec, options }, worker: w };
      const worker = new Worker(entry, { eval: evaluate, workerData: data });
      this.alive.push(true);
      worker.on("message", (reply: CountReply) => {
        if ("failed" in reply) this.lose(w);
        else this.release(w, reply.id);
      });
      worker.on("error", () => this.lose(w));
      worker.on("exit", () => this.lose(w));
      this.workers.push(worker);
    }
  }

  /** Starts `threads - 1` workers (this thread is the other one) loading `source`. */
  static start(source: TokenizerSource, threads: number = defaultCountThreads()): CountThreads {
    return new CountThreads(source, Math.max(0, threads - 1));
  }

  /** Workers plus this thread. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Counts `text`, already cut at `cuts`, with the workers' help: the sum `tok.count` gives.
   * `onProgress` gets the counted share of the text.
   */
  async count(
    tok: Encoding,
    text: string,
    cuts: readonly number[],
    options: Omit<EncodeOptions, "onProgress">,
    onProgress?: (position: number) => void,
  ): Promise<number> {
    const chunks = cuts.length - 1;
    const queue: CountQueue = {
      claims: new SharedArrayBuffer(4 * (1 + chunks + this.workers.length)),
      counts: new SharedArrayBuffer(8 * chunks),
    };
    const claims = new Int32Array(queue.claims);
    const job: CountJob = {
      id: this.nextJob++,
      text,
      cuts,
      queue,
      options,
      expect: { vocabSize: tok.vocabSize, pretokenizer: tok.pretokenizer.name },
    };
    const left = this.workers.map((worker, w) => {
      if (!this.alive[w]) return Promise.resolve();
      const done = new Promise<void>((resolve) => this.waiting.set(`${w}:${job.id}`, resolve));
      worker.postMessage(job);
      return done;
    });
    const counted = () => {
      let at = 0;
      for (let c = 0; c < chunks; c++) if (Atomics.load(claims, 1 + c) === 1) at += cuts[c + 1] - cuts[c];
      return at;
    };
    countChunks(tok, text, cuts, queue, options, onProgress && (() => onProgress(counted())));
    // The queue is empty. A worker that takes part finishes its chunk (a few ms). One that does
    // not yet (still loading its tokenizer) can take no chunk any more, since a worker flags
    // itself before its first take: it is not waited for, and finds the queue empty later.
    await Promise.all(left.filter((_, w) => Atomics.load(claims, 1 + chunks + w) === 1));
    for (let w = 0; w < this.workers.length; w++) this.waiting.delete(`${w}:${job.id}`);
    const total = sumChunks(tok, text, cuts, queue, options);
    onProgress?.(text.length);
    return total;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    for (const resolve of this.waiting.values()) resolve();
    this.waiting.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private release(w: number, id: number): void {
    const key = `${w}:${id}`;
    this.waiting.get(key)?.();
    this.waiting.delete(key);
  }

  /** A worker that failed or stopped: whatever it was counting is counted by {@link sumChunks}. */
  private lose(w: number): void {
    this.alive[w] = false;
    for (const [key, resolve] of this.waiting) {
      if (key.startsWith(`${w}:`)) {
        resolve();
        this.waiting.delete(key);
      }
    }
  }
}

/**
 * The number of tokens of `text`, counted on several threads when it is large and can be cut
 * exactly (see {@link countCuts}); the same number `tok.count(text, options)` gives. The workers
 * are `threads` when given (see {@link CountThreads}; they stay open), else started here for this
 * text from `source` and stopped after; a worker must find the caller's vocabulary size and
 * pretokenizer, and a chunk whose worker failed is counted in this thread. `options.onProgress`
 * reports the counted share of the text. `threadCount` (default: one per core, at most 4)
 * counts this thread; texts under `minChars` UTF-16 units stay in this thread.
 *
 * @example
 * ```ts
 * const tok = await loadTokenizer("o200k_base");
 * await countInParallel(tok, bigText, {}, { source: { spec: "o200k_base", options: {} } }); // === tok.count(bigText)
 * ```
 */
export async function countInParallel(
  tok: Tokenizer,
  text: string,
  options: EncodeOptions,
  {
    source,
    threads,
    threadCount = threads?.threads ?? defaultCountThreads(),
    minChars = PARALLEL_MIN_CHARS,
    chunkChars = CHUNK_CHARS,
  }: {
    source?: TokenizerSource;
    threads?: CountThreads;
    threadCount?: number;
    minChars?: number;
    chunkChars?: number;
  },
): Promise<number> {
  const parts = Math.max(threadCount, Math.ceil(text.length / Math.max(1, chunkChars)));
  const cuts =
    threadCount >= 2 && text.length >= minChars && (threads !== undefined || source !== undefined)
      ? countCuts(tok, text, parts)
      : undefined;
  if (cuts === undefined) return tok.count(text, options);
  const { onProgress, ...plain } = options;
  const pool = threads ?? CountThreads.start(source!, threadCount);
  try {
    return await pool.count(tok as Encoding, text, cuts, plain, onProgress);
  } finally {
    if (threads === undefined) await pool.close();
  }
}
