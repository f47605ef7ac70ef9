/**
 * The Unigram trainer's E-step on worker threads. The word text and the lattices live in shared
 * memory (SharedArrayBuffer), so a thread reads them without a copy; each E-step sends the
 * threads the current arrays (shared, so only their handles travel), then the blocks of words
 * one by one to whichever thread is free, each with an array for its expected counts that the
 * thread fills and sends back (transferred, not copied; used again for later blocks), and they
 * are added in block order, as `WordLattices.eStep` adds
 * them in one thread: the sums, and so the model, are the same bits whatever the thread count.
 * A thread that fails is stopped and its blocks go to the others, or to this thread when none
 * is left.
 */
import { Worker } from "node:worker_threads";
import type { ArrayAlloc } from "../train/unigram/arrays.js";
import { BlockSum } from "../train/unigram/blocks.js";
import type { WordText } from "../train/unigram/corpus.js";
import type { EStepResult, LatticeArrays, WordLattices } from "../train/unigram/lattice.js";
import { workerEntry } from "./worker-entry.js";

/** What an E-step thread is started with: the word text (its big arrays shared). */
export interface EStepWorkerData {
  readonly text: WordText;
}

/** To an E-step thread: the lattices for the next blocks, or a block to sum. */
export type EStepRequest =
  | { readonly kind: "state"; readonly arrays: LatticeArrays; readonly unk: number }
  | {
      readonly kind: "block";
      readonly k: number;
      readonly from: number;
      readonly to: number;
      /** Where to put the block's expected counts (transferred there and back). */
      readonly buffer: ArrayBuffer;
    };

/** From an E-step thread: block `k`'s sums, or why it could not make them. */
export type EStepReply =
  | { readonly k: number; readonly buffer: ArrayBuffer; readonly objective: number }
  | { readonly k: number; readonly error: string };

/** Arrays in shared memory, which worker threads read without a copy. */
export const sharedArrays: ArrayAlloc = {
  int32: (n) => new Int32Array(new SharedArrayBuffer(n * 4)),
  float64: (n) => new Float64Array(new SharedArrayBuffer(n * 8)),
};

/** Blocks sent to a thread before it answers: a second one keeps it busy while the first travels. */
const IN_FLIGHT = 2;

interface Slot {
  readonly worker: Worker;
  readonly blocks: Set<number>;
  dead: boolean;
}

/** How to start a thread; tests give one that fails. */
export type StartWorker = (data: EStepWorkerData) => Worker;

/** Starts the E-step thread module, from dist/ or from the sources under tsx. */
export const startEStepWorker: StartWorker = (data) => {
  const { source, evaluate } = workerEntry(import.meta.url, "unigram-estep-worker");
  return new Worker(source, { eval: evaluate, workerData: data });
};

/**
 * E-step threads over one word text (whose arrays must be in {@link sharedArrays}).
 *
 * @example
 * ```ts
 * const threads = new EStepThreads(text, 2);
 * try { const { expected } = await threads.eStep(model); } finally { await threads.close(); }
 * ```
 */
export class EStepThreads {
  private readonly slots: Slot[] = [];
  /**
   * Arrays for blocks' expected counts, used again and again: a new one per block (22 a step of
   * 6 MB each on 19 MB of text) left garbage faster than V8 collected it, 150 MB of peak memory.
   */
  private free: ArrayBuffer[] = [];
  private closed = false;
  /** The running E-step's handlers (threads outlive E-steps; their events come here). */
  private onReply: (slot: Slot, reply: EStepReply) => void = () => {};
  private onDead: (slot: Slot) => void = () => {};

  /**
   * @param threads - how many threads to start
   * @param onError - told when a thread fails (its blocks are summed elsewhere, the same sums)
   */
  constructor(
    text: WordText,
    threads: number,
    private readonly onError: (message: string) => void = () => {},
    start: StartWorker = startEStepWorker,
  ) {
    for (let t = 0; t < threads; t++) {
      let worker: Worker;
      try {
        worker = start({ text });
      } catch (e) {
        this.onError(`an E-step thread did not start: ${(e as Error).message}`);
        continue;
      }
      const slot: Slot = { worker, blocks: new Set(), dead: false };
      worker.on("message", (reply: EStepReply) => this.onReply(slot, reply));
      worker.on("error", (e) => this.fail(slot, `an E-step thread failed: ${e.message}`));
      worker.on("messageerror", (e) => this.fail(slot, `an E-step thread's message failed: ${e.message}`));
      worker.on("exit", (code) => this.fail(slot, `an E-step thread stopped (exit code ${code})`));
      this.slots.push(slot);
    }
  }

  private fail(slot: Slot, message: string): void {
    if (slot.dead || this.closed) return;
    slot.dead = true;
    void slot.worker.terminate();
    this.onError(message);
    this.onDead(slot);
  }

  /** `model.eStep()`, on the threads: the same expected counts and objective, to the bit. */
  eStep(model: WordLattices): Promise<EStepResult> {
    const cuts = model.blocks;
    const blocks = cuts.length - 1;
    const bytes = model.size * 8;
    // Arrays twice too large (the vocabulary shrinks each round) are let go.
    this.free = this.free.filter((b) => b.byteLength >= bytes && b.byteLength <= 2 * bytes);
    const sum = new BlockSum(model.size, blocks, (partial) => this.free.push(partial.buffer as ArrayBuffer));
    const queue = Array.from({ length: blocks }, (_, k) => k);
    const unk = model.unkScore();
    const state: EStepRequest = { kind: "state", arrays: model.arrays, unk };
    const live = () => this.slots.filter((s) => !s.dead);
    for (const slot of live()) slot.worker.postMessage(state);
    return new Promise<EStepResult>((resolve, reject) => {
      const finish = () => {
        this.onReply = () => {};
        this.onDead = () => {};
        resolve({ expected: sum.expected, objective: model.objective(sum.objective) });
      };
      const feed = () => {
        const slots = live();
        if (slots.length === 0) {
          // No thread left: this thread sums what is left, in the same blocks.
          try {
            for (const k of queue.splice(0).sort((a, b) => a - b)) {
              const partial = new Float64Array(this.free.pop() ?? new ArrayBuffer(bytes), 0, model.size).fill(0);
              const objective = model.eStepWords(cuts[k], cuts[k + 1], unk, partial);
              sum.add(k, partial, objective);
            }
          } catch (e) {
            reject(e);
            return;
          }
        }
        for (const slot of slots) {
          while (slot.blocks.size < IN_FLIGHT && queue.length > 0) {
            const k = queue.shift() as number;
            slot.blocks.add(k);
            const buffer = this.free.pop() ?? new ArrayBuffer(bytes);
            const request: EStepRequest = { kind: "block", k, from: cuts[k], to: cuts[k + 1], buffer };
            slot.worker.postMessage(request, [buffer]);
          }
        }
        if (sum.done) finish();
      };
      this.onReply = (slot, reply) => {
        // A stopped thread's last answer: its blocks are already given to others.
        if (slot.dead) return;
        slot.blocks.delete(reply.k);
        if ("error" in reply) {
          queue.push(reply.k);
          this.fail(slot, `an E-step thread failed: ${reply.error}`);
          return;
        }
        try {
          sum.add(reply.k, new Float64Array(reply.buffer, 0, model.size), reply.objective);
        } catch (e) {
          reject(e);
          return;
        }
        feed();
      };
      this.onDead = (slot) => {
        queue.push(...slot.blocks);
        slot.blocks.clear();
        feed();
      };
      feed();
    });
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
