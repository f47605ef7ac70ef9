/**
 * HF BPE model throughput: toklab's `BPE` against the Hugging Face binding on a byte-level
 * vocabulary (GPT-2's r50k_base, merges recovered from tiktoken's ranks), model stage only.
 *
 *   node --import tsx scripts/bench-hf-bpe.ts [--bytes=N] [--repeat=N] [--ignore-merges]
 *
 * Text: the first `--bytes` (default 3 MB) of /work/shared/corpora/bench.jsonl, split on spaces
 * (a space joins the word after it, as GPT-2's pre-tokenizer does) and spelled in the byte-level
 * alphabet. toklab runs `tokenizeInto` on each word; the binding (which takes no pre-split
 * words) gets each document whole with a `Split` pre-tokenizer on "Ġ" that yields the same words,
 * one `encode` call per document: its figure includes that split and building its `Encoding`.
 * Throughput is in MB/s of UTF-8 input; the best of `--repeat` runs.
 * Both sides' ids are compared once before timing.
 */
import { readFileSync } from "node:fs";
import { Tokenizer } from "tokenizers";
import type { TokenSink } from "../src/core/models/types.js";
import { bpeFromJson } from "../src/formats/hf/bpe.js";
import { bpeModel, r50kBpe, tokenizerJson } from "../test/support/hf/bpe.js";
import { toByteLevel } from "../test/support/hf/byte-level.js";

const args = process.argv.slice(2);
const maxBytes = Number(args.find((a) => a.startsWith("--bytes="))?.slice(8) ?? "3000000");
const repeats = Number(args.find((a) => a.startsWith("--repeat="))?.slice(9) ?? "5");
const ignoreMerges = args.includes("--ignore-merges");
const corpus = process.env.TOKLAB_BENCH_CORPUS ?? "/work/shared/corpora/bench.jsonl";

const docs: string[][] = [];
let bytes = 0;
for (const line of readFileSync(corpus, "utf8").split("\n")) {
  if (line.trim() === "" || bytes >= maxBytes) continue;
  const text: string = JSON.parse(line).text;
  bytes += Buffer.byteLength(text);
  const words = text
    .split(" ")
    .map((w, i) => (i > 0 ? ` ${w}` : w))
    .filter((w) => w.length > 0)
    .map(toByteLevel);
  docs.push(words);
}

const model = bpeModel(r50kBpe(), { ignore_merges: ignoreMerges });
const ours = bpeFromJson(model);
// The binding takes no pre-split words; a Split on "Ġ" (merged with the next word) hands its
// model exactly the same words.
const hf = Tokenizer.fromString(
  tokenizerJson(model).replace(
    '"pre_tokenizer":null',
    '"pre_tokenizer":{"type":"Split","pattern":{"String":"\u0120"},"behavior":"MergedWithNext","invert":false}',
  ),
);
const joined = docs.map((words) => words.join(""));

function runOurs(): number[] {
  const sink: TokenSink = { ids: [], starts: [], ends: [] };
  for (const words of docs) for (const w of words) ours.tokenizeInto(w, 0, w.length, sink);
  return sink.ids;
}

async function runHf(): Promise<number[]> {
  const ids: number[] = [];
  for (const text of joined) {
    const e = await hf.encode(text);
    for (const id of e.getIds()) ids.push(id);
  }
  return ids;
}

const a = runOurs();
const b = await runHf();
const same = a.length === b.length && a.every((id, i) => id === b[i]);
console.log(
  `${docs.length} docs, ${(bytes / 1e6).toFixed(2)} MB, ${a.length} tokens, ignore_merges ${ignoreMerges}; ids ${same ? "identical" : "DIFFER"}`,
);

async function best(run: () => unknown): Promise<number> {
  let ms = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await run();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

const oursMs = await best(runOurs);
const hfMs = await best(runHf);
const mbps = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(2);
console.log(`toklab BPE (tokenizeInto)      ${mbps(oursMs)} MB/s (${oursMs.toFixed(0)} ms)`);
console.log(`HF binding (Split + encode)     ${mbps(hfMs)} MB/s (${hfMs.toFixed(0)} ms)`);
console.log(`ratio ${(hfMs / oursMs).toFixed(2)}x`);
