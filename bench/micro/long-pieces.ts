/**
 * Long single pieces: encode time of 1 MB pathological inputs (each one huge pretokenizer piece)
 * against 1 MB of English prose, and the cost of the long-piece encoder's lazy build.
 *
 * The inputs are those of `npm run bench` (bench/patho-inputs.ts; prose from bench.jsonl). Each
 * is warmed up on its first 10 KB, then encoded whole `--repeat` times (default 5); the median is
 * reported with its ratio to prose (target ≤ 3×). The encoding is toklab's built-in one.
 */
import { parseArgs } from "node:util";
import { BytePairMerger } from "../../src/core/bpe.js";
import { Encoding } from "../../src/core/encoding.js";
import { BytePairVocab } from "../../src/core/vocab.js";
import { getEncodingSpec } from "../../src/encodings/index.js";
import type { Doc } from "../corpus.js";
import { makePathoInput, PATHO_INPUTS } from "../patho-inputs.js";
import { benchCorpus, type Micro, median, positive } from "./support.js";

export const micro: Micro = {
  about: "1 MB single-piece pathological inputs vs prose, and the long-piece encoder's lazy build",
  usage: "[ENCODING (o200k_base)] [--bytes N (1000000)] [--repeat N (5)] [--corpus PATH]",
  main,
};

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { bytes: { type: "string" }, repeat: { type: "string" }, corpus: { type: "string" } },
  });
  const name = positionals[0] ?? "o200k_base";
  const bytes = positive(values.bytes, "bytes", 1_000_000);
  const repeats = positive(values.repeat, "repeat", 5);

  const spec = await getEncodingSpec(name);
  let docs: readonly Doc[] | undefined;
  const corpusDocs = () => {
    docs ??= benchCorpus(values.corpus, true).docs;
    return docs;
  };

  // Lazy build: what the first long piece of each kind pays with a fresh vocabulary (its trie and
  // split tables are built on first use), once the code is compiled (a throwaway vocabulary and
  // merger run every input first).
  const utf8 = new TextEncoder();
  const pieces = PATHO_INPUTS.filter((i) => i !== "prose").map(
    (input) => [input, utf8.encode(makePathoInput(input, 4096, corpusDocs))] as const,
  );
  const throwaway = new BytePairMerger(new BytePairVocab(spec.ranks));
  for (let i = 0; i < 3; i++) for (const [, piece] of pieces) throwaway.merge(piece, piece.length);
  console.log(
    `${name}: lazy build of the long-piece encoder (first 4 KB piece, fresh vocabulary, cold − warm)`,
  );
  for (const [input, piece] of pieces) {
    const merger = new BytePairMerger(new BytePairVocab(spec.ranks));
    const t0 = performance.now();
    merger.merge(piece, piece.length);
    const cold = performance.now() - t0;
    const t1 = performance.now();
    merger.merge(piece, piece.length);
    const warm = performance.now() - t1;
    console.log(`  ${input.padEnd(9)} ${(cold - warm).toFixed(1).padStart(6)} ms`);
  }
  {
    const vocab = new BytePairVocab(spec.ranks);
    const t0 = performance.now();
    const two = new Uint8Array(2);
    const out = new Int32Array(vocab.maxTokenLength + 1);
    for (let pair = 0; pair < 65536; pair++) {
      two[0] = pair >> 8;
      two[1] = pair & 255;
      vocab.trie.prefixTokens(two, 0, 2, out);
    }
    const t1 = performance.now();
    for (let r = 0; r < vocab.size; r++) if (vocab.hasRank(r)) vocab.splits.usable(r);
    const t2 = performance.now();
    console.log(
      `  whole vocabulary (upper bound): trie ${(t1 - t0).toFixed(1)} ms (${vocab.trie.size} nodes), ` +
        `merge trees of all tokens ${(t2 - t1).toFixed(1)} ms`,
    );
  }

  const enc = new Encoding(spec);
  const rows: [string, number][] = [];
  for (const input of PATHO_INPUTS) {
    const text = makePathoInput(input, bytes, corpusDocs);
    enc.encodeOrdinary(text.slice(0, 10_000));
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      enc.encodeOrdinary(text);
      times.push(performance.now() - t0);
    }
    rows.push([input, median(times)]);
  }
  const prose = rows[0][1];
  console.log(`\n${name}: encodeOrdinary of ${(bytes / 1e6).toFixed(2)} MB, median of ${repeats}`);
  for (const [input, ms] of rows) {
    console.log(
      `  ${input.padEnd(9)} ${ms.toFixed(1).padStart(8)} ms ${(ms / prose).toFixed(2).padStart(7)}×`,
    );
  }
}
