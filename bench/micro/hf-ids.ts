/**
 * `HfTokenizer.encode` throughput on real tokenizer.json files: the ids-only path (plain
 * strings, no alignments; docs/decisions/0014) against the aligned path it replaced and the
 * Hugging Face binding, in one run.
 *
 * Text: the first `--bytes` (default 3.5 MB) of bench.jsonl, one call per document,
 * `add_special_tokens=False` on every side. "aligned" is the previous ids body
 * (`forEachSplit` with `NormalizedString`s, then the model), run here directly. MB/s of UTF-8
 * input, best of `--repeat` runs; all three sides' ids are compared before timing.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Tokenizer } from "tokenizers";
import type { HfTokenizer } from "../../src/core/hf/index.js";
import { forEachSplit } from "../../src/core/hf/splits.js";
import type { TokenSink } from "../../src/core/models/types.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { locateHfModel } from "../hf-models.js";
import { benchCorpus, bestMs, firstBytes, type Micro, positive } from "./support.js";

export const micro: Micro = {
  about: "HfTokenizer.encode: ids-only path vs the aligned path it replaced vs the binding",
  usage: "[--bytes N (3500000)] [--repeat N (3)] [--models llama3,qwen3,gemma3,llama2] [--corpus PATH]",
  main,
};

/** The aligned path: what the ids path ran before the ids-only pipeline. */
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

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      bytes: { type: "string" },
      repeat: { type: "string" },
      models: { type: "string" },
      corpus: { type: "string" },
    },
  });
  const maxBytes = positive(values.bytes, "bytes", 3_500_000);
  const repeats = positive(values.repeat, "repeat", 3);
  const models = (values.models ?? "llama3,qwen3,gemma3,llama2").split(",").filter(Boolean);
  const corpus = benchCorpus(values.corpus);
  const { texts: docs, bytes } = firstBytes(
    corpus.docs.map((d) => d.text),
    maxBytes,
  );
  console.log(
    `corpus ${corpus.source}: ${docs.length} docs, ${(bytes / 1e6).toFixed(2)} MB, best of ${repeats}`,
  );
  const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);

  const rows: string[] = [];
  for (const name of models) {
    const json = readFileSync(locateHfModel(name).tokenizer, "utf8");
    const ours = loadTokenizerJson(json);
    const hf = Tokenizer.fromString(json);
    let differ = 0;
    for (const text of docs) {
      const want = (await hf.encode(text, null, { addSpecialTokens: false })).getIds();
      const plain = ours.encode(text, { allowedSpecial: "all" });
      const aligned = alignedIds(ours, text);
      const same = (a: number[]) => a.length === want.length && a.every((id, i) => id === want[i]);
      if (!same(plain) || !same(aligned)) differ++;
    }
    const binding = mbps(
      await bestMs(repeats, async () => {
        for (const text of docs) await hf.encode(text, null, { addSpecialTokens: false });
      }),
    );
    const before = mbps(
      await bestMs(repeats, () => {
        for (const text of docs) alignedIds(ours, text);
      }),
    );
    const after = mbps(
      await bestMs(repeats, () => {
        for (const text of docs) ours.encode(text, { allowedSpecial: "all" });
      }),
    );
    const row = `| ${name} | ${binding.toFixed(2)} | ${before.toFixed(2)} | ${after.toFixed(2)} | ${(after / before).toFixed(2)}× | ${(after / binding).toFixed(2)}× | ${differ} |`;
    rows.push(row);
    console.log(row);
  }
  console.log(
    "\n| model | binding MB/s | aligned (before) | ids-only (after) | after ÷ before | after ÷ binding | docs differing |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) console.log(r);
}
