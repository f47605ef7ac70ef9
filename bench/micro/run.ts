/**
 * `npm run bench:micro -- NAME [options]`: one micro benchmark, in this process, printed to the
 * terminal (nothing is written to BENCHMARKS.md). Each isolates one stage or one question that
 * `npm run bench` does not time on its own; the corpus is bench.jsonl, found by
 * bench/corpora.ts like everything else. `npm run bench:micro` alone lists them.
 */
import type { Micro } from "./support.js";

/** Imported on demand: each pulls in only what it measures. */
const MICROS: Record<string, () => Promise<{ micro: Micro }>> = {
  "hf-bpe": () => import("./hf-bpe.js"),
  "hf-ids": () => import("./hf-ids.js"),
  "hf-load": () => import("./hf-load.js"),
  load: () => import("./load.js"),
  "long-pieces": () => import("./long-pieces.js"),
  pretokenize: () => import("./pretokenize.js"),
};

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === "--help" || name === "-h" || name === "--list") {
  console.log("usage: npm run bench:micro -- NAME [options]   (NAME --help: its options)\n");
  for (const [n, load] of Object.entries(MICROS))
    console.log(`  ${n.padEnd(12)} ${(await load()).micro.about}`);
  process.exit(name === undefined ? 2 : 0);
}
const load = MICROS[name];
if (load === undefined) {
  console.error(`bench:micro: unknown micro benchmark ${name}; one of ${Object.keys(MICROS).join(", ")}`);
  process.exit(2);
}
const { micro } = await load();
if (args.includes("--help") || args.includes("-h")) {
  console.log(`usage: npm run bench:micro -- ${name} ${micro.usage}\n\n${micro.about}`);
  process.exit(0);
}
await micro.main(args);
