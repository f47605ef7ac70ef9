/**
 * A thread of {@link UnigramThreads}: runs the lattices' own passes (src/train/unigram/lattice.ts,
 * the one implementation) on the tasks it is sent, over the word text and lattices the main
 * thread shares with it: a block's E-step or Viterbi counts, or a range of pieces' alternatives.
 */
import { parentPort, workerData } from "node:worker_threads";
import { WordLattices } from "../train/unigram/lattice.js";
import type { UnigramReply, UnigramRequest, UnigramWorkerData } from "./unigram-threads.js";

const { text } = workerData as UnigramWorkerData;
let model: WordLattices | undefined;
let unk = 0;
/** exp of the scores, once per pass (the scores do not change within one). */
let exps: Float64Array | undefined;
parentPort!.on("message", (m: UnigramRequest) => {
  if (m.kind === "state") {
    // Views of the main thread's shared arrays: nothing is copied.
    model = new WordLattices(text, m.arrays);
    unk = m.unk;
    exps = undefined;
    return;
  }
  let reply: UnigramReply;
  let transfer: ArrayBuffer[] = [];
  try {
    if (model === undefined) throw new Error("a task came before the lattices");
    if (m.kind === "alternatives") {
      const flat = model.alternativesRange(m.from, m.to, unk);
      reply = { k: m.k, flat };
      transfer = [flat.buffer as ArrayBuffer];
    } else {
      // The main thread's array, sent back and forth rather than a new one per block.
      const counts = new Float64Array(m.buffer, 0, model.size).fill(0);
      let objective = 0;
      if (m.kind === "estep") {
        exps ??= model.expScores();
        objective = model.eStepWords(m.from, m.to, unk, counts, exps);
      } else model.viterbiWords(m.from, m.to, unk, counts);
      reply = { k: m.k, buffer: m.buffer, objective };
      transfer = [m.buffer];
    }
  } catch (e) {
    reply = { k: m.k, error: (e as Error).message };
  }
  parentPort!.postMessage(reply, transfer);
});
