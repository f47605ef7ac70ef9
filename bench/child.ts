/**
 * Child-process entry: runs one Task (see tasks.ts) and writes a ChildOutput JSON file.
 *
 * Every measurement that depends on process state runs here, in a fresh process per library:
 * no library inherits another's JIT state, heap size or module cache, cold load is really cold,
 * maxRSS belongs to one library, and a crash or an endless loop cannot take the run down.
 */
import { writeFileSync } from "node:fs";
import { hfAdapterByName } from "./adapters/hf-section.js";
import { adapterByName } from "./adapters/index.js";
import type { Tokenizer } from "./adapters/types.js";
import { type Doc, loadCorpus } from "./corpus.js";
import { EDGE_CASES } from "./edge-cases.js";
import { isHfModel } from "./hf-models.js";
import { collectGarbage, measureThroughput } from "./measure.js";
import { makePathoInput, type PathoInput } from "./patho-inputs.js";
import { fingerprint, median } from "./stats.js";
import {
  type ChildOutput,
  type EdgeResult,
  type LoadResult,
  type PathoResult,
  READY_MARKER,
  type RssResult,
  type Task,
} from "./tasks.js";

const [taskJson, resultPath] = process.argv.slice(2);
const task = JSON.parse(taskJson) as Task;

/**
 * Tell the parent the timed part begins (a marker line on stderr), so a timeout measures the
 * encode itself and not process start-up, corpus parsing and library loading.
 */
function signalReady(): void {
  process.stderr.write(`${READY_MARKER}\n`);
}

function write(output: ChildOutput): void {
  writeFileSync(resultPath, JSON.stringify(output));
}

async function load(): Promise<Tokenizer> {
  // A model name (not an encoding) selects the Hugging Face section's adapters.
  if (isHfModel(task.encoding)) return hfAdapterByName(task.lib).load(task.encoding);
  return adapterByName(task.lib).load(task.encoding);
}

async function main(): Promise<void> {
  switch (task.mode) {
    case "load": {
      const t0 = performance.now();
      let tok: Tokenizer;
      try {
        tok = await load();
        await tok.encode("hello");
      } catch (e) {
        return write({ ok: false, phase: "load", error: String(e) });
      }
      const value: LoadResult = { ms: performance.now() - t0 };
      return write({ ok: true, value });
    }
    case "rss": {
      const docs = loadCorpus(task.corpus).docs;
      // lib "none": the corpus alone, the baseline the other rows are read against.
      if (task.lib !== "none") {
        let tok: Tokenizer;
        try {
          tok = await load();
        } catch (e) {
          return write({ ok: false, phase: "load", error: String(e) });
        }
        for (const doc of docs) await tok.encode(doc.text);
      }
      const value: RssResult = { maxRssKB: process.resourceUsage().maxRSS };
      return write({ ok: true, value });
    }
    case "throughput": {
      const docs = loadCorpus(task.corpus).docs;
      let tok: Tokenizer;
      try {
        tok = await load();
      } catch (e) {
        return write({ ok: false, phase: "load", error: String(e) });
      }
      collectGarbage();
      return write({ ok: true, value: await measureThroughput(tok, docs, task.repeats) });
    }
    case "edge": {
      let tok: Tokenizer;
      try {
        tok = await load();
      } catch (e) {
        return write({ ok: false, phase: "load", error: String(e) });
      }
      const value: EdgeResult = [];
      for (const { text } of EDGE_CASES) {
        try {
          value.push({ fingerprint: fingerprint(await tok.encode(text)) });
        } catch (e) {
          value.push({ error: String(e).slice(0, 200) });
        }
      }
      return write({ ok: true, value });
    }
    case "patho": {
      let docs: readonly Doc[] | undefined;
      const input = makePathoInput(task.input as PathoInput, task.bytes, () => {
        docs ??= loadCorpus(task.corpus).docs;
        return docs;
      });
      let tok: Tokenizer;
      try {
        tok = await load();
      } catch (e) {
        return write({ ok: false, phase: "load", error: String(e) });
      }
      return write({ ok: true, value: await timePatho(tok, input) });
    }
  }
}

/**
 * Warm the encoder on the first 1 KB of the same input (the same code paths, at a size where
 * even a quadratic merge is instant), then time the whole input: once if that takes over a
 * second, otherwise three times and take the median. The timeout clock starts before the
 * warm-up, so a library that is slow even there is still cut off in time.
 */
async function timePatho(tok: Tokenizer, input: string): Promise<PathoResult> {
  signalReady();
  for (let i = 0; i < 3; i++) await tok.encode(input.slice(0, 1000));
  collectGarbage();
  const times: number[] = [];
  let ids: ArrayLike<number> = [];
  do {
    const t0 = performance.now();
    ids = await tok.encode(input);
    times.push(performance.now() - t0);
  } while (times[0] < 1000 && times.length < 3);
  return { ms: median(times), runs: times.length, fingerprint: fingerprint(ids) };
}

main().catch((e: unknown) => {
  write({ ok: false, phase: "run", error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
});
