import { HF_ADAPTERS } from "./adapters/hf-section.js";
import { ADAPTERS } from "./adapters/index.js";
import { ENCODINGS, type EncodingName } from "./adapters/types.js";
import { CORPORA_ENV, DEFAULT_CORPORA } from "./corpora.js";
import { HF_MODELS, type HfModelName } from "./hf-models.js";

type Section = "throughput" | "edge" | "load" | "patho" | "hf" | "short" | "process";

export interface Options {
  quick: boolean;
  libs: string[];
  encodings: EncodingName[];
  /** `--corpus PATH`; without it bench/corpora.ts decides (bench.jsonl in the corpora directory). */
  corpus?: string;
  /** `--short-corpus PATH`; without it bench/corpora.ts looks for short.jsonl. */
  shortCorpus?: string;
  /** Whole-process runs per library and encoding (median). */
  processRuns: number;
  out: string;
  /** Timed passes for the first (primary) encoding, and for the others. */
  repeats: number;
  secondaryRepeats: number;
  loadRuns: number;
  pathoBytes: number;
  pathoTimeoutMs: number;
  /** Slow pathological runs (over the 3 s probe) run this many at a time. */
  pathoJobs: number;
  skip: Set<Section>;
  /** `--hf`: only the Hugging Face section (the OpenAI sections are kept from the last run). */
  hfOnly: boolean;
  /** Libraries of the Hugging Face section (its own adapters, bench/adapters/hf-section.ts). */
  hfLibs: string[];
  hfModels: HfModelName[];
  argv: string[];
}

const USAGE = `usage: npm run bench -- [options]
  --quick                   ~1 MB per category, fewer repeats (for iterating)
  --only a,b                libraries (${ADAPTERS.map((a) => a.name).join(", ")};
                            Hugging Face section: ${HF_ADAPTERS.map((a) => a.name).join(", ")})
  --encodings a,b           ${ENCODINGS.join(", ")} (the first one is primary: pathological inputs run on it)
  --corpus PATH             JSONL {id, cat, text} (default: bench.jsonl in $${CORPORA_ENV}, else in
                            ${DEFAULT_CORPORA} beside the repository; with neither set up and no
                            --corpus, a generated stand-in)
  --short-corpus PATH       the second corpus (default: short.jsonl in $${CORPORA_ENV} or ${DEFAULT_CORPORA},
                            else .bench-cache/short.jsonl as \`npm run corpus:short\` writes it;
                            without one, its sections say how to build it)
  --process-runs N          whole-process runs per library and encoding (default 3; 1 with --quick)
  --out PATH                report file (default BENCHMARKS.md)
  --repeats N               timed passes on the primary encoding (default 3)
  --secondary-repeats N     timed passes on the other encodings (default 1; 3 with --quick)
  --load-runs N             cold-load processes per library (default 7; 5 with --quick)
  --patho-timeout S         seconds before a pathological run is killed (default 20)
  --patho-jobs N            slow pathological runs (> 3 s) run N at a time (default 2)
  --skip a,b                throughput, edge, load, patho, hf (the Hugging Face section),
                            short (everything on short.jsonl), process (whole-process timings)
  --hf                      only the Hugging Face section; the OpenAI sections of the report are
                            kept from bench/out/last-run.json
  --hf-models a,b           ${HF_MODELS.join(", ")} (default: all)`;

export function parseOptions(argv: string[]): Options {
  const quick = argv.includes("--quick");
  const opts: Options = {
    quick,
    libs: ADAPTERS.map((a) => a.name),
    encodings: [...ENCODINGS],
    out: "BENCHMARKS.md",
    processRuns: quick ? 1 : 3,
    repeats: 3,
    secondaryRepeats: quick ? 3 : 1,
    loadRuns: quick ? 5 : 7,
    pathoBytes: 1_000_000,
    pathoTimeoutMs: 20_000,
    pathoJobs: 2,
    skip: new Set(),
    hfOnly: argv.includes("--hf"),
    hfLibs: HF_ADAPTERS.map((a) => a.name),
    hfModels: [...HF_MODELS],
    argv,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    const list = () => value().split(",").filter(Boolean);
    const int = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 1) fail(`${flag} needs a positive number`);
      return n;
    };
    switch (flag) {
      case "--quick":
        break;
      case "--only": {
        // One list for both sections: each keeps the names it knows.
        const libs = list();
        for (const lib of libs)
          if (!ADAPTERS.some((a) => a.name === lib) && !HF_ADAPTERS.some((a) => a.name === lib))
            fail(`unknown library ${lib}`);
        opts.libs = libs.filter((lib) => ADAPTERS.some((a) => a.name === lib));
        opts.hfLibs = libs.filter((lib) => HF_ADAPTERS.some((a) => a.name === lib));
        break;
      }
      case "--hf":
        break;
      case "--hf-models":
        opts.hfModels = list() as HfModelName[];
        for (const m of opts.hfModels) if (!HF_MODELS.includes(m)) fail(`unknown model ${m}`);
        break;
      case "--encodings":
        opts.encodings = list() as EncodingName[];
        for (const e of opts.encodings) if (!ENCODINGS.includes(e)) fail(`unknown encoding ${e}`);
        break;
      case "--corpus":
        opts.corpus = value();
        break;
      case "--short-corpus":
        opts.shortCorpus = value();
        break;
      case "--process-runs":
        opts.processRuns = int();
        break;
      case "--out":
        opts.out = value();
        break;
      case "--repeats":
        opts.repeats = int();
        break;
      case "--secondary-repeats":
        opts.secondaryRepeats = int();
        break;
      case "--load-runs":
        opts.loadRuns = int();
        break;
      case "--patho-timeout":
        opts.pathoTimeoutMs = int() * 1000;
        break;
      case "--patho-jobs":
        opts.pathoJobs = int();
        break;
      case "--skip":
        opts.skip = new Set(list() as Section[]);
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown option ${flag}`);
    }
  }
  return opts;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}
