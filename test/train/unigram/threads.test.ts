/**
 * Unigram training with its E-steps and pruning on worker threads (src/node/unigram-train.ts):
 * the model is the same bytes on 1, 2 and 3 threads and as the browser-safe trainer's, since the
 * word passes sum fixed blocks of words in block order; a thread that fails, at start or on a block, leaves its
 * blocks to the others or to the main thread, with the same result and no hang.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { serializeModelProto } from "../../../src/formats/sentencepiece/model-writer.js";
import { unigramModelProto } from "../../../src/formats/trained/unigram-model.js";
import { startUnigramWorker } from "../../../src/node/unigram-threads.js";
import { trainUnigramOnThreads, type UnigramThreadOptions } from "../../../src/node/unigram-train.js";
import { wordBlocks } from "../../../src/train/unigram/blocks.js";
import { WordCounter } from "../../../src/train/unigram/sentences.js";
import { trainUnigram } from "../../../src/train/unigram/trainer.js";
import { zipfCorpus } from "../../support/train/zipf-corpus.js";

function counts(): Map<string, number> {
  const words = new WordCounter();
  words.addText(zipfCorpus(5, 6, 1500));
  return words.counts;
}

/** Small blocks, so that a small corpus makes many of them. */
const OPTIONS = { vocabSize: 500, blockChars: 512 } as const;

async function modelBytes(threads: UnigramThreadOptions): Promise<Buffer> {
  return Buffer.from(
    serializeModelProto(unigramModelProto(await trainUnigramOnThreads(counts(), { ...OPTIONS, ...threads }))),
  );
}

test("blocks end at the first word end past the block size, and cover every word", () => {
  assert.deepEqual([...wordBlocks(Int32Array.of(0, 3, 6, 9), 4)], [0, 2, 3]);
  assert.deepEqual([...wordBlocks(Int32Array.of(0, 3, 6, 9), 100)], [0, 3]);
  assert.deepEqual([...wordBlocks(Int32Array.of(0, 3, 6, 9), 1)], [0, 1, 2, 3]);
  assert.deepEqual([...wordBlocks(Int32Array.of(0), 4)], [0]);
  assert.throws(() => wordBlocks(Int32Array.of(0, 3), 0), /block size/);
});

test("the model is the same bytes on 1, 2 and 3 threads and as the browser-safe trainer's", async () => {
  const one = await modelBytes({ threads: 1 });
  const plain = Buffer.from(serializeModelProto(unigramModelProto(trainUnigram(counts(), OPTIONS))));
  assert.ok(one.equals(plain), "1 thread = trainUnigram");
  const errors: string[] = [];
  const two = await modelBytes({ threads: 2, onThreadError: (m) => errors.push(m) });
  assert.deepEqual(errors, []);
  assert.ok(two.equals(one), "2 threads = 1 thread");
  assert.ok((await modelBytes({ threads: 3 })).equals(one), "3 threads = 1 thread");
});

test("a thread that fails at start, exits or fails a block leaves its blocks to the others", async () => {
  const one = await modelBytes({ threads: 1 });
  const broken = [
    "throw new Error('boom at start')",
    "process.exit(3)",
    "const { parentPort } = require('node:worker_threads');" +
      "parentPort.on('message', (m) => { if (m.kind !== 'state') parentPort.postMessage({ k: m.k, error: 'no sums here' }); });",
  ];
  for (const source of broken) {
    // Every other thread is broken: the good ones take over its blocks.
    let started = 0;
    const errors: string[] = [];
    const mixed = await modelBytes({
      threads: 2,
      onThreadError: (m) => errors.push(m),
      startWorker: (data) =>
        started++ % 2 === 0 ? startUnigramWorker(data) : new Worker(source, { eval: true }),
    });
    assert.ok(mixed.equals(one), source);
    assert.ok(errors.length >= 1 && errors.every((m) => /training thread/.test(m)), errors.join("; "));
    // Every thread broken: the main thread sums everything.
    const alone: string[] = [];
    const all = await modelBytes({
      threads: 2,
      onThreadError: (m) => alone.push(m),
      startWorker: () => new Worker(source, { eval: true }),
    });
    assert.ok(all.equals(one), `${source}, every thread`);
    assert.ok(alone.length >= 2, alone.join("; "));
  }
});
