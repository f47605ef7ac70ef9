/**
 * A counting thread of {@link countInParallel}: loads its own copy of the tokenizer, checks that it
 * is the caller's, counts its part, answers once.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Encoding } from "../core/encoding.js";
import type { CountJob, CountReply } from "./count-parallel.js";
import { loadTokenizer } from "./load-tokenizer.js";

const job = workerData as CountJob;
let reply: CountReply;
try {
  const tok = await loadTokenizer(job.source.spec, job.source.options);
  if (
    !(tok instanceof Encoding) ||
    tok.vocabSize !== job.expect.vocabSize ||
    tok.pretokenizer.name !== job.expect.pretokenizer
  ) {
    reply = { error: `${job.source.spec}: a counting thread loaded a different tokenizer` };
  } else reply = { tokens: tok.count(job.text, job.options) };
} catch (e) {
  reply = { error: (e as Error).message };
}
parentPort!.postMessage(reply);
