/**
 * A counting thread of {@link CountThreads}: loads its own copy of the tokenizer, then for each
 * job checks that it is the caller's tokenizer, takes chunks from the job's queue until it is
 * empty, and answers.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Encoding } from "../core/encoding.js";
import type { Tokenizer } from "../core/tokenizer.js";
import { type CountJob, type CountReply, type CountWorkerData, countChunks } from "./count-parallel.js";
import { loadTokenizer } from "./load-tokenizer.js";

const { source, worker } = workerData as CountWorkerData;
const port = parentPort!;
let tok: Tokenizer;
try {
  tok = await loadTokenizer(source.spec, source.options);
} catch (e) {
  port.postMessage({ failed: (e as Error).message } satisfies CountReply);
  process.exit(0);
}
port.on("message", (job: CountJob) => {
  let reply: CountReply;
  if (
    !(tok instanceof Encoding) ||
    tok.vocabSize !== job.expect.vocabSize ||
    tok.pretokenizer.name !== job.expect.pretokenizer
  ) {
    reply = { id: job.id, error: `${source.spec}: a counting thread loaded a different tokenizer` };
  } else {
    try {
      // Taking part from now on: the caller waits for this thread's last chunk.
      Atomics.store(new Int32Array(job.queue.claims), job.cuts.length + worker, 1);
      countChunks(tok, job.text, job.cuts, job.queue, job.options);
      reply = { id: job.id };
    } catch (e) {
      // The chunk that failed is not flagged: the caller counts it and meets the same error.
      reply = { id: job.id, error: (e as Error).message };
    }
  }
  port.postMessage(reply);
});
