/**
 * The Unigram trainer's heavy passes on worker threads: the E-step's forward-backward and
 * pruning's Viterbi counts over the words, and pruning's alternatives over the pieces. The word
 * text and the lattices live in shared memory (SharedArrayBuffer), so a thread reads them
 * without a copy; each pass sends the threads the current arrays (shared, so only their handles
 * travel), then tasks one by one to whichever thread is free. A word task is one of the fixed
 * blocks of words, with an array for its counts that the thread fills and sends back
 * (transferred, not copied; used again for later blocks); the blocks are added in block order,
 * as `WordLattices.eStep` adds them in one thread, so the sums, and the model, are the same bits
 * whatever the thread count. A thread that fails is stopped and its tasks go to the others, or
 * to this thread when none is left.
 */
import { Worker } from "node:worker_threads";
import type { ArrayAlloc } from "../train/unigram/arrays.js";
import { BlockSum } from "../train/unigram/blocks.js";
import type { WordText } from "../train/unigram/corpus.js";
import {
  type EStepResult,
  type LatticeArrays,
  PIECES_PER_CHUNK,
  type WordLattices,
} from "../train/unigram/lattice.js";
import type { PruneInputs } from "../train/unigram/trainer.js";
import { workerEntry } from "./worker-entry.js";

/** What a Unigram thread is started with: the word text (its big arrays shared). */
export interface UnigramWorkerData {
  readonly text: WordText;
}

/**
 * A task: `estep` or `viterbi` over words `[from, to)` (block `k`), counts into `buffer`;
 * `alternatives` of pieces `[from, to)`.
 */
export type UnigramTask =
  | {
      readonly kind: "estep" | "viterbi";
      readonly k: number;
      readonly from: number;
      readonly to: number;
      /** Where to put the block's counts (transferred there and back). */
      readonly buffer: ArrayBuffer;
    }
  | { readonly kind: "alternatives"; readonly k: number; readonly from: number; readonly to: number };

/** To a Unigram thread: the lattices for the next tasks, or a task. */
export type UnigramRequest =
  | { readonly kind: "state"; readonly arrays: LatticeArrays; readonly unk: number }
  | UnigramTask;

/** From a Unigram thread: a task's result (`flat` from `alternativesRange`), or why it failed. */
export type UnigramReply =
  | { readonly k: number; readonly buffer: ArrayBuffer; readonly objective: number }
  | { readonly k: number; readonly flat: Int32Array }
  | { readonly k: number; readonly error: string };

/** Arrays in shared memory, which worker threads read without a copy. */
export const sharedArrays: ArrayAlloc = {
  int32: (n) => new Int32Array(new SharedArrayBuffer(n * 4)),
  float64: (n) => new Float64Array(new SharedArrayBuffer(n * 8)),
};

/** Tasks sent to a thread before it answers: a second one keeps it busy while the first travels. */
const IN_FLIGHT = 2;

interface Slot {
  readonly worker: Worker;
  readonly tasks: Set<number>;
  dead: boolean;
}

/** How to start a thread; tests give one that fails. */
export type StartWorker = (data: UnigramWorkerData) => Worker;

/** Starts the Unigram thread module, from dist/ or from the sources under tsx. */
export const startUnigramWorker: StartWorker = (data) => {
  const { source, evaluate } = workerEntry(import.meta.url, "unigram-worker");
  return new Worker(source, { eval: evaluate, workerData: data });
};

/** A task as described before it gets a buffer. */
type Plan = { readonly kind: UnigramTask["kind"]; readonly from: number; readonly to: number };

/**
 * Unigram threads over one word text (whose arrays must be in {@link sharedArrays}).
 *
 * @example
 * ```ts
 * const threads = new UnigramThreads(text, 2);
 * try { const { expected } = await threads.eStep(model); } finally { await threads.close(); }
 * ```
 */
export class UnigramThreads {
  private readonly slots: Slot[] = [];
  /**
   * Arrays for blocks' counts, used again and again: a new one per block (22 a step of 6 MB
   * each on 19 MB of text) left garbage faster than V8 collected it, 150 MB of peak memory.
   */
  private free: ArrayBuffer[] = [];
  private closed = false;
  /** The running pass's handlers (threads outlive passes; their events come here). */
  private onReply: (slot: Slot, reply: UnigramReply) => void = () => {};
  private onDead: (slot: Slot) => void = () => {};

  /**
   * @param threads - how many threads to start
   * @param onError - told when a thread fails (its tasks are done elsewhere, with the same result)
   */
  constructor(
    text: WordText,
    threads: number,
    private readonly onError: (message: string) => void = () => {},
    start: StartWorker = startUnigramWorker,
  ) {
    for (let t = 0; t < threads; t++) {
      let worker: Worker;
      try {
        worker = start({ text });
      } catch (e) {
        this.onError(`a training thread did not start: ${(e as Error).message}`);
        continue;
      }
      const slot: Slot = { worker, tasks: new Set(), dead: false };
      worker.on("message", (reply: UnigramReply) => this.onReply(slot, reply));
      worker.on("error", (e) => this.fail(slot, `a training thread failed: ${e.message}`));
      worker.on("messageerror", (e) => this.fail(slot, `a training thread's message failed: ${e.message}`));
      worker.on("exit", (code) => this.fail(slot, `a training thread stopped (exit code ${code})`));
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
  async eStep(model: WordLattices): Promise<EStepResult> {
    const sum = this.blockSum(model);
    await this.run(model, this.wordPlans(model, "estep"), (k, reply) => {
      if ("buffer" in reply) sum.add(k, new Float64Array(reply.buffer, 0, model.size), reply.objective);
    });
    return { expected: sum.expected, objective: model.objective(sum.objective) };
  }

  /** `pruneInputs(model)`, on the threads: the same alternatives and Viterbi counts. */
  async pruneInputs(model: WordLattices): Promise<PruneInputs> {
    const sum = this.blockSum(model);
    const words = this.wordPlans(model, "viterbi");
    const alternatives: Int32Array[] = [];
    const plans: Plan[] = [...words];
    for (let from = 0; from < model.size; from += PIECES_PER_CHUNK) {
      plans.push({ kind: "alternatives", from, to: Math.min(model.size, from + PIECES_PER_CHUNK) });
    }
    await this.run(model, plans, (k, reply) => {
      if ("buffer" in reply) sum.add(k, new Float64Array(reply.buffer, 0, model.size), 0);
      else if ("flat" in reply) alternatives[k - words.length] = reply.flat;
    });
    return { alternatives, freq: sum.expected };
  }

  private wordPlans(model: WordLattices, kind: "estep" | "viterbi"): Plan[] {
    const cuts = model.blocks;
    return Array.from({ length: cuts.length - 1 }, (_, k) => ({ kind, from: cuts[k], to: cuts[k + 1] }));
  }

  /** Sums of the word blocks, in block order; each block's array is kept for later blocks. */
  private blockSum(model: WordLattices): BlockSum {
    const bytes = model.size * 8;
    // Arrays twice too large (the vocabulary shrinks each round) are let go.
    this.free = this.free.filter((b) => b.byteLength >= bytes && b.byteLength <= 2 * bytes);
    return new BlockSum(model.size, model.blocks.length - 1, (partial) =>
      this.free.push(partial.buffer as ArrayBuffer),
    );
  }

  /** A task of `plan` (number `k`), with a counts array when it needs one. */
  private task(model: WordLattices, plan: Plan, k: number): UnigramTask {
    if (plan.kind === "alternatives") return { kind: plan.kind, k, from: plan.from, to: plan.to };
    const buffer = this.free.pop() ?? new ArrayBuffer(model.size * 8);
    return { kind: plan.kind, k, from: plan.from, to: plan.to, buffer };
  }

  /** What a thread does with `task`, done in this thread (when no thread is left). */
  private local(model: WordLattices, task: UnigramTask, unk: number): UnigramReply {
    if (task.kind === "alternatives")
      return { k: task.k, flat: model.alternativesRange(task.from, task.to, unk) };
    const counts = new Float64Array(task.buffer, 0, model.size).fill(0);
    if (task.kind === "viterbi") {
      model.viterbiWords(task.from, task.to, unk, counts);
      return { k: task.k, buffer: task.buffer, objective: 0 };
    }
    return { k: task.k, buffer: task.buffer, objective: model.eStepWords(task.from, task.to, unk, counts) };
  }

  /**
   * Runs `plans` on the threads (task k is `plans[k]`), giving each answer to `accept` (word
   * blocks in any order: `accept` orders them); resolves once all are accepted.
   */
  private run(
    model: WordLattices,
    plans: readonly Plan[],
    accept: (k: number, reply: UnigramReply) => void,
  ): Promise<void> {
    const unk = model.unkScore();
    const state: UnigramRequest = { kind: "state", arrays: model.arrays, unk };
    const live = () => this.slots.filter((s) => !s.dead);
    for (const slot of live()) slot.worker.postMessage(state);
    const queue = plans.map((_, k) => k);
    let left = plans.length;
    return new Promise<void>((resolve, reject) => {
      const take = (k: number, reply: UnigramReply): boolean => {
        try {
          accept(k, reply);
        } catch (e) {
          reject(e);
          return false;
        }
        left--;
        return true;
      };
      const feed = () => {
        const slots = live();
        if (slots.length === 0) {
          // No thread left: this thread does what is left, in order (blocks are added in order).
          for (const k of queue.splice(0).sort((a, b) => a - b)) {
            let reply: UnigramReply;
            try {
              reply = this.local(model, this.task(model, plans[k], k), unk);
            } catch (e) {
              reject(e);
              return;
            }
            if (!take(k, reply)) return;
          }
        }
        for (const slot of slots) {
          while (slot.tasks.size < IN_FLIGHT && queue.length > 0) {
            const k = queue.shift() as number;
            slot.tasks.add(k);
            const task = this.task(model, plans[k], k);
            slot.worker.postMessage(task, "buffer" in task ? [task.buffer] : []);
          }
        }
        if (left === 0) {
          this.onReply = () => {};
          this.onDead = () => {};
          resolve();
        }
      };
      this.onReply = (slot, reply) => {
        // A stopped thread's last answer: its tasks are already given to others.
        if (slot.dead) return;
        slot.tasks.delete(reply.k);
        if ("error" in reply) {
          queue.push(reply.k);
          this.fail(slot, `a training thread failed: ${reply.error}`);
          return;
        }
        if (take(reply.k, reply)) feed();
      };
      this.onDead = (slot) => {
        queue.push(...slot.tasks);
        slot.tasks.clear();
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
