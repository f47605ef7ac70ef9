/**
 * Data-mixture inference on published tokenizers (issue 13): the estimated share of each category
 * of experiments/mixture/categories.ts (10 languages and 5 programming languages from
 * bench.jsonl, all of each category's text) in the training data of each tokenizer given. The
 * shares are among these 15 categories only; the paper's categories and samples were far larger.
 *
 *   node --import tsx experiments/mixture-real.ts [--tokenizers=o200k_base,cl100k_base,...] [--merges=3000]
 *     [--sample-bytes=300000] [--sets=languages,code] [--skip-merges=K] [--json]
 *
 * `--sets=deb-languages,deb-code` takes the Debian category set instead (`npm run
 * mixture:categories`: man pages in 22 languages and code in 17 programming languages).
 *
 * A tokenizer is anything `toklab -t` takes (a built-in encoding, a tokenizer.json path).
 */
import { MissingCorpusError } from "../bench/corpora.js";
import { highsSolver, inferMixture, type MixtureEstimate } from "../src/mixture/index.js";
import { loadTokenizer } from "../src/node/load-tokenizer.js";
import {
  CATEGORY_SETS,
  type CategorySet,
  loadCategorySet,
  MissingCategorySetError,
} from "./mixture/categories.js";

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const names = (arg("tokenizers") ?? "r50k_base,cl100k_base,o200k_base").split(",");
const merges = Number(arg("merges") ?? "3000");
const sampleBytes = Number(arg("sample-bytes") ?? "300000");
const sets = (arg("sets") ?? "languages,code").split(",") as CategorySet[];
// The merges after the first K only (Llama 3's after cl100k_base's 100,000, as the paper reads them).
const skipMerges = Number(arg("skip-merges") ?? "0");
for (const s of sets) {
  if (!CATEGORY_SETS.includes(s)) {
    console.error(`mixture-real: unknown set ${s}; known: ${CATEGORY_SETS.join(", ")}`);
    process.exit(2);
  }
}

let categories: { name: string; text: string }[];
try {
  const chosen = (await Promise.all(sets.map((s) => loadCategorySet(s)))).flat();
  categories = chosen.map((c) => ({ name: c.name, text: `${c.train}\n${c.heldOut}` }));
} catch (e) {
  if (!(e instanceof MissingCorpusError || e instanceof MissingCategorySetError)) throw e;
  console.error(`mixture-real: ${e.message}`);
  process.exit(2);
}

const solver = await highsSolver();
const results: Record<string, MixtureEstimate & { seconds: number }> = {};
const failed: Record<string, string> = {};
for (const name of names) {
  const t0 = performance.now();
  try {
    const est = await inferMixture(await loadTokenizer(name), categories, {
      merges,
      skipMerges,
      sampleBytes,
      solver,
    });
    results[name] = { ...est, seconds: (performance.now() - t0) / 1000 };
    // Each result as soon as it is known (a long run can be stopped without losing it).
    const shares = Object.entries(est.weights).map(([c, w]) => `${c} ${(100 * w).toFixed(1)}%`);
    console.error(
      `${name}: ${results[name].seconds.toFixed(0)} s, ${est.rounds} rounds, ${est.constraints} constraints: ${shares.join(", ")}`,
    );
  } catch (e) {
    // One tokenizer that cannot be read (no merges, a missing file) does not lose the others.
    failed[name] = (e as Error).message;
    console.error(`${name}: ${failed[name]}`);
  }
}
const done = names.filter((n) => n in results);

if (args.includes("--json")) console.log(JSON.stringify({ merges, sampleBytes, results, failed }, null, 1));
else {
  console.log(`| category | ${done.join(" | ")} |`);
  console.log(`|---|${done.map(() => "---|").join("")}`);
  for (const c of categories) {
    console.log(
      `| ${c.name} | ${done.map((n) => `${(100 * results[n].weights[c.name]).toFixed(1)}%`).join(" | ")} |`,
    );
  }
  const row = (label: string, f: (e: MixtureEstimate & { seconds: number }) => string) =>
    console.log(`| ${label} | ${done.map((n) => f(results[n])).join(" | ")} |`);
  row(
    "merges (unseen)",
    (e) => `${e.mergesUsed}${e.mergesSkipped > 0 ? ` after ${e.mergesSkipped}` : ""} (${e.unseenMerges})`,
  );
  row("LP rounds / constraints", (e) => `${e.rounds} / ${e.constraints}`);
  row("seconds", (e) => e.seconds.toFixed(0));
  for (const [n, m] of Object.entries(failed)) console.log(`\n${n}: ${m}`);
}
