/**
 * Unigram training in Node: the browser-safe trainer (src/train/unigram/trainer.ts), with its
 * E-steps and pruning passes on worker threads ({@link UnigramThreads}) when more than one
 * thread is asked for and the words make more than one block. The model is the same bits on any
 * number of threads.
 */
import type { TrainedUnigram, UnigramTrainOptions } from "../train/unigram/trainer.js";
import { pruneInputs, trainUnigram, unigramTraining } from "../train/unigram/trainer.js";
import { defaultCountThreads } from "./count-parallel.js";
import { type StartWorker, sharedArrays, UnigramThreads } from "./unigram-threads.js";

/** How {@link trainUnigramOnThreads} uses threads. */
export interface UnigramThreadOptions {
  /** Training threads (default: one per core, at most 4; 0 or 1: this thread alone). */
  readonly threads?: number;
  /** Told when a thread fails; its blocks are then summed by the others or by this thread. */
  readonly onThreadError?: (message: string) => void;
  /** How to start a thread (tests). */
  readonly startWorker?: StartWorker;
}

/**
 * {@link trainUnigram} with the E-steps and pruning on `threads` worker threads: the same vocabulary, to
 * the bit, as on one thread.
 *
 * @example
 * ```ts
 * const trained = await trainUnigramOnThreads(words.counts, { vocabSize: 8000, threads: 2 });
 * ```
 */
export async function trainUnigramOnThreads(
  counts: ReadonlyMap<string, number>,
  options: UnigramTrainOptions & UnigramThreadOptions,
): Promise<TrainedUnigram> {
  const threads = options.threads ?? defaultCountThreads();
  if (!(Number.isInteger(threads) && threads >= 0)) {
    throw new RangeError(`threads must be a whole number ≥ 0, not ${threads}`);
  }
  if (threads <= 1) return trainUnigram(counts, options);
  const run = unigramTraining(counts, { ...options, alloc: sharedArrays });
  let pool: UnigramThreads | undefined;
  try {
    for (let step = run.next(); ; ) {
      if (step.done) return step.value;
      const { kind, model } = step.value;
      const blocks = model.blocks.length - 1;
      if (blocks < 2) step = run.next(kind === "estep" ? model.eStep() : pruneInputs(model));
      else {
        pool ??= new UnigramThreads(
          model.text,
          Math.min(threads, blocks),
          options.onThreadError,
          options.startWorker,
        );
        step = run.next(await (kind === "estep" ? pool.eStep(model) : pool.pruneInputs(model)));
      }
    }
  } finally {
    await pool?.close();
  }
}
