/**
 * An E-step thread of {@link EStepThreads}: runs the lattices' own forward-backward
 * (src/train/unigram/lattice.ts, the one implementation) on the blocks of words it is sent, over
 * the word text and lattices the main thread shares with it, and sends back each block's sums.
 */
import { parentPort, workerData } from "node:worker_threads";
import { WordLattices } from "../train/unigram/lattice.js";
import type { EStepReply, EStepRequest, EStepWorkerData } from "./unigram-estep-threads.js";

const { text } = workerData as EStepWorkerData;
let model: WordLattices | undefined;
let unk = 0;
parentPort!.on("message", (m: EStepRequest) => {
  if (m.kind === "state") {
    // Views of the main thread's shared arrays: nothing is copied.
    model = new WordLattices(text, m.arrays);
    unk = m.unk;
    return;
  }
  let reply: EStepReply;
  let transfer: ArrayBuffer[] = [];
  try {
    if (model === undefined) throw new Error("an E-step block came before the lattices");
    // The main thread's array, sent back and forth rather than a new one per block.
    const expected = new Float64Array(m.buffer, 0, model.size).fill(0);
    const objective = model.eStepWords(m.from, m.to, unk, expected);
    reply = { k: m.k, buffer: m.buffer, objective };
    transfer = [m.buffer];
  } catch (e) {
    reply = { k: m.k, error: (e as Error).message };
  }
  parentPort!.postMessage(reply, transfer);
});
