/**
 * The counting workers: chunks go to the least busy worker (at most two in flight each, so
 * reading never runs far ahead of counting and memory stays bounded); at the end every worker
 * sends its table and the tables are merged. With zero workers the same `ChunkCounter` runs in
 * the calling thread.
 */
import { Worker } from "node:worker_threads";
import { addPartToMap, type PieceTablePart } from "../../train/piece-table.js";
import type { PieceCounts } from "../../train/types.js";
import { workerEntry } from "../worker-entry.js";
import { ChunkCounter, type ChunkJob, type ChunkResult, type CountSettings } from "./chunk-counter.js";
import type { FromWorker, ToWorker } from "./messages.js";

/** Chunks queued per worker before `submit` waits. */
const IN_FLIGHT = 2;

/** What the pool reports after each chunk. */
export type ChunkDone = (result: ChunkResult, worker: number, distinct: number, keyChars: number) => void;

/** A set of counters that chunks are submitted to. */
export interface CountPool {
  /** Queues a chunk; resolves when there is room for another (backpressure). */
  submit(job: ChunkJob): Promise<void>;
  /** Resolves when every submitted chunk is processed. */
  drain(): Promise<void>;
  /**
   * Waits for every submitted chunk, then takes the workers' tables as parts (not merged: the
   * same piece may be in several) and empties them; counting can go on after it.
   */
  flush(): Promise<PieceTablePart[]>;
  /** Ends the workers and returns their tables merged into one. */
  collect(): Promise<PieceCounts>;
  /** Stops the workers (after an error); safe to call twice. */
  close(): Promise<void>;
}

/**
 * A pool of `workers` counting threads (0: count in this thread).
 *
 * @example
 * ```ts
 * const pool = createPool(2, settings, (result) => console.log(result.documents));
 * await pool.submit(job);
 * const table = await pool.collect();
 * ```
 */
export function createPool(workers: number, settings: CountSettings, onDone: ChunkDone): CountPool {
  if (workers <= 0) return inlinePool(settings, onDone);
  return new WorkerPool(workers, settings, onDone);
}

function inlinePool(settings: CountSettings, onDone: ChunkDone): CountPool {
  const counter = new ChunkCounter(settings);
  return {
    async submit(job) {
      const result = counter.run(job);
      onDone(result, 0, counter.table.size, counter.table.keyChars);
      // Let progress timers and I/O run between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async drain() {},
    async flush() {
      const parts = [...counter.table.parts()];
      counter.table.clear();
      return parts;
    },
    async collect() {
      return counter.table.toMap();
    },
    async close() {},
  };
}

class WorkerPool implements CountPool {
  private readonly workers: Worker[] = [];
  private readonly inFlight: number[] = [];
  private readonly ended: boolean[] = [];
  private waiters: (() => void)[] = [];
  private failure: Error | null = null;
  private nextId = 0;
  private readonly merged: PieceCounts = new Map();
  /** While flushing: the parts received, and how many workers have sent all of theirs. */
  private flushing: PieceTablePart[] | null = null;
  private flushed = 0;
  private closed = false;

  constructor(
    count: number,
    settings: CountSettings,
    private readonly onDone: ChunkDone,
  ) {
    const { source, evaluate } = workerEntry(import.meta.url, "count-worker");
    for (let w = 0; w < count; w++) {
      const worker = new Worker(source, { eval: evaluate, workerData: settings });
      worker.on("message", (m: FromWorker) => this.receive(w, m));
      worker.on("error", (e) => this.fail(e));
      worker.on("exit", (code) => {
        if (!this.ended[w] && !this.closed)
          this.fail(new Error(`a counting worker stopped unexpectedly (exit code ${code})`));
      });
      this.workers.push(worker);
      this.inFlight.push(0);
      this.ended.push(false);
    }
  }

  private receive(w: number, m: FromWorker): void {
    switch (m.type) {
      case "done":
        this.inFlight[w]--;
        this.onDone(m.result, w, m.distinct, m.keyChars);
        this.wake();
        break;
      case "part":
        if (this.flushing !== null) this.flushing.push(m.part);
        else {
          // Past the Map's limit this throws: in a message handler that would be an uncaught
          // exception (a stack trace, not the CLI's one-line error), so fail the pool instead.
          try {
            addPartToMap(this.merged, m.part);
          } catch (e) {
            this.fail(e as Error);
          }
        }
        break;
      case "flushed":
        this.flushed++;
        this.wake();
        break;
      case "end":
        this.ended[w] = true;
        this.wake();
        break;
      case "error":
        this.fail(new Error(m.message));
        break;
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `ready()` holds or a worker failed. */
  private async until(ready: () => boolean): Promise<void> {
    while (this.failure === null && !ready()) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== null) throw this.failure;
  }

  async submit(job: ChunkJob): Promise<void> {
    if (this.failure !== null) throw this.failure;
    let best = 0;
    for (let w = 1; w < this.workers.length; w++) if (this.inFlight[w] < this.inFlight[best]) best = w;
    this.inFlight[best]++;
    const message: ToWorker = { type: "chunk", id: this.nextId++, job };
    this.workers[best].postMessage(message);
    await this.until(() => this.inFlight.some((n) => n < IN_FLIGHT));
  }

  async drain(): Promise<void> {
    await this.until(() => this.inFlight.every((n) => n === 0));
  }

  async flush(): Promise<PieceTablePart[]> {
    await this.drain();
    const parts: PieceTablePart[] = [];
    this.flushing = parts;
    this.flushed = 0;
    const message: ToWorker = { type: "flush" };
    for (const worker of this.workers) worker.postMessage(message);
    try {
      await this.until(() => this.flushed === this.workers.length);
    } finally {
      this.flushing = null;
    }
    return parts;
  }

  async collect(): Promise<PieceCounts> {
    await this.drain();
    const finish: ToWorker = { type: "finish" };
    for (const worker of this.workers) worker.postMessage(finish);
    await this.until(() => this.ended.every(Boolean));
    return this.merged;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
