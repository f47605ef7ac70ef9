/**
 * Throughput of the hand-written pretokenizers against the translated-RegExp oracle, per corpus
 * category of bench.jsonl and over all of it. MB/s of UTF-8 input, best of `--repeat` passes
 * after a warm-up, so figures compare with tiktoken's (which counts bytes); both must cut the
 * same number of pieces.
 */
import { parseArgs } from "node:util";
import {
  PRETOKENIZER_PRESETS,
  type Pretokenizer,
  pretokenizerForPattern,
  regexPretokenizer,
} from "../../src/core/pretokenize/index.js";
import { benchCorpus, bestMs, type Micro, positive } from "./support.js";

export const micro: Micro = {
  about: "hand-written pretokenizers (gpt2, cl100k, o200k, qwen2) vs their RegExp, per category",
  usage: "[--repeat N (5)] [--corpus PATH]",
  main,
};

/** Walks every text; returns the number of pieces so the work cannot be optimised away. */
function walk(p: Pretokenizer, texts: readonly string[]): number {
  let pieces = 0;
  for (const text of texts) {
    const end = text.length;
    let pos = 0;
    while (pos < end) {
      pos = p.next(text, pos, end);
      pieces++;
    }
  }
  return pieces;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { repeat: { type: "string" }, corpus: { type: "string" } },
  });
  const passes = positive(values.repeat, "repeat", 5);
  const corpus = benchCorpus(values.corpus);
  const byCat = new Map<string, string[]>();
  for (const d of corpus.docs) {
    const texts = byCat.get(d.cat) ?? [];
    texts.push(d.text);
    byCat.set(d.cat, texts);
  }
  byCat.set(
    "all",
    corpus.docs.map((d) => d.text),
  );

  const mbPerSecond = async (p: Pretokenizer, texts: readonly string[], bytes: number) => {
    walk(p, texts); // warm-up
    return bytes / 1e6 / ((await bestMs(passes, () => walk(p, texts))) / 1000);
  };
  // The regex presets of the table, each as an Encoding gets it (pretokenizerForPattern).
  const pairs = PRETOKENIZER_PRESETS.filter((p) => p.splitPattern !== null).map((p) => {
    const pattern = p.tiktokenPattern as string;
    return [pretokenizerForPattern(pattern), regexPretokenizer(`${p.name}-regex`, pattern)] as const;
  });
  console.log(`corpus ${corpus.source}; MB/s of UTF-8, best of ${passes}`);
  console.log("category      bytes      scanner   MB/s   regex   MB/s  speed-up");
  for (const [cat, texts] of byCat) {
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    for (const [scanner, regex] of pairs) {
      if (walk(scanner, texts) !== walk(regex, texts))
        throw new Error(`${scanner.name} and regex disagree on ${cat}`);
      const s = await mbPerSecond(scanner, texts, bytes);
      const r = await mbPerSecond(regex, texts, bytes);
      console.log(
        `${cat.padEnd(10)} ${String(bytes).padStart(9)}  ${scanner.name.padEnd(7)} ${s.toFixed(1).padStart(6)}  ${regex.name.padEnd(13)} ${r.toFixed(1).padStart(6)}  ${(s / r).toFixed(1)}x`,
      );
    }
  }
}
