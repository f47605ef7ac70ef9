/** Command-line options of `npm run bench:train` (bench/train.ts). */
import { CORPORA_ENV, DEFAULT_CORPORA } from "./corpora.js";

export type TrainSection = "spm" | "hf" | "superbpe" | "parity" | "boundary";
const SECTIONS: readonly TrainSection[] = ["spm", "hf", "superbpe", "parity", "boundary"];

export interface TrainOptions {
  quick: boolean;
  /** `--corpus PATH`; without it bench/corpora.ts decides (train-100m.txt in the corpora directory). */
  corpus?: string;
  /** Training heads in MB (the first N MB of the corpus). */
  sizes: number[];
  /** The held-out text is everything after this many MB. */
  heldOutFromMB: number;
  /** Timed runs per trainer and head (the fastest is reported). */
  runs: number;
  timeoutMs: number;
  skip: Set<TrainSection>;
  superbpeVocabs: number[];
  superbpeTransitions: number[];
  parityVocabs?: number[];
  boundaryVocab: number;
  /** Measure nothing: re-render BENCHMARKS.md from bench/out/train.json and last-run.json. */
  renderOnly: boolean;
  argv: string[];
}

const USAGE = `usage: npm run bench:train -- [options]
  --quick            2 and 5 MB heads, one run, small variant vocabularies (for iterating)
  --corpus PATH      plain text (default: train-100m.txt in $${CORPORA_ENV}, else in
                     ${DEFAULT_CORPORA} beside the repository)
  --sizes a,b        training heads in MB (default 20,95)
  --runs N           timed runs per trainer and head, the fastest kept (default 2)
  --timeout MIN      minutes before a training run is killed (default 60)
  --skip a,b         ${SECTIONS.join(", ")}
  --render           measure nothing: re-render BENCHMARKS.md from the stored bench/out/*.json`;

export function parseTrainOptions(argv: string[]): TrainOptions {
  const quick = argv.includes("--quick");
  const o: TrainOptions = {
    quick,
    sizes: quick ? [2, 5] : [20, 95],
    heldOutFromMB: 95,
    runs: quick ? 1 : 2,
    timeoutMs: 60 * 60_000,
    skip: new Set(),
    superbpeVocabs: quick ? [2000] : [16000, 32000],
    superbpeTransitions: [0.8, 0.4],
    parityVocabs: quick ? [1000] : undefined,
    boundaryVocab: 4000,
    renderOnly: argv.includes("--render"),
    argv,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    const numbers = (v: string) =>
      v.split(",").map((x) => {
        const n = Number(x);
        if (!(n > 0)) fail(`${a}: ${JSON.stringify(x)} is not a positive number`);
        return n;
      });
    if (a === "--quick" || a === "--render") continue;
    else if (a === "--corpus") o.corpus = value();
    else if (a === "--sizes") o.sizes = numbers(value());
    else if (a === "--runs") o.runs = numbers(value())[0];
    else if (a === "--timeout") o.timeoutMs = numbers(value())[0] * 60_000;
    else if (a === "--skip") {
      for (const s of value().split(",")) {
        if (!SECTIONS.includes(s as TrainSection))
          fail(`--skip ${s}: expected one of ${SECTIONS.join(", ")}`);
        o.skip.add(s as TrainSection);
      }
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  return o;
}

function fail(message: string): never {
  process.stderr.write(`bench:train: ${message}\n${USAGE}\n`);
  process.exit(2);
}
