import { inferMixture, type MixtureCategory, MixtureError } from "../../mixture/index.js";
import { loadUdhr } from "../../node/udhr.js";
import { parseCommandArgs } from "../args.js";
import { CliError } from "../errors.js";
import { readTextInput, writeOut } from "../io.js";
import { namedFiles, splitList } from "../named-files.js";
import { resolveTokenizer, tokenizerOptions } from "../resolve.js";
import { commandSpec } from "../spec.js";
import { StageProgress } from "../stage-progress.js";
import { table } from "./compare.js";

/**
 * `toklab mixture -t T --category NAME=FILE[,FILE]... [--udhr CODE,...] [--merges N]
 * [--skip-merges K] [--sample-bytes B] [--gap G] [--time-limit S] [--json]`: the share of each
 * category in the tokenizer's training data, inferred from its merge list (Hayase et al. 2024;
 * docs/mixture.md).
 */
export async function mixtureCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, commandSpec("mixture"));
  if (positionals.length > 0) {
    throw new CliError(
      `mixture: unexpected argument "${positionals[0]}" (files go in --category NAME=FILE)`,
      2,
    );
  }
  const name = values.tokenizer as string | undefined;
  if (name === undefined) throw new CliError("mixture: give one tokenizer with -t", 2);
  const merges = positiveInteger("--merges", values.merges);
  const sampleBytes = positiveInteger("--sample-bytes", values["sample-bytes"]);
  const skipRaw = values["skip-merges"];
  const skipMerges = skipRaw === undefined ? undefined : Number(skipRaw);
  if (skipMerges !== undefined && !(Number.isInteger(skipMerges) && skipMerges >= 0)) {
    throw new CliError(`--skip-merges must be a whole number, got "${skipRaw}"`, 2);
  }
  const gapRaw = values.gap;
  const gap = gapRaw === undefined ? undefined : Number(gapRaw);
  if (gap !== undefined && !(gapRaw !== "" && gap >= 0 && gap < 1)) {
    throw new CliError(`--gap must be a number from 0 to below 1 (e.g. 0.01), got "${gapRaw}"`, 2);
  }
  const limitRaw = values["time-limit"];
  const timeLimit = limitRaw === undefined ? undefined : Number(limitRaw);
  if (
    timeLimit !== undefined &&
    !(limitRaw !== "" && timeLimit > 0 && timeLimit < Number.POSITIVE_INFINITY)
  ) {
    throw new CliError(`--time-limit must be a positive number of seconds, got "${limitRaw}"`, 2);
  }
  const files = namedFiles("--category", values.category as string[] | undefined);
  const codes = splitList(values.udhr as string | undefined);
  if (files.size + codes.length < 2) {
    throw new CliError("mixture: give at least two categories (--category NAME=FILE, --udhr CODE,CODE)", 2);
  }
  // --merges is the count of merges here, not a vocab.json's merges.txt.
  const tok = await resolveTokenizer(name, { ...tokenizerOptions(values), merges: undefined });
  const categories: MixtureCategory[] = [];
  for (const [category, paths] of files) {
    const texts: string[] = [];
    for (const path of paths) texts.push(await readTextInput(path));
    categories.push({ name: category, text: texts.join("\n") });
  }
  if (codes.length > 0) {
    let udhr: Record<string, string>;
    try {
      udhr = await loadUdhr({ codes });
    } catch (e) {
      throw new CliError((e as Error).message, 1);
    }
    for (const code of codes) categories.push({ name: code, text: udhr[code] });
  }
  const progress = new StageProgress("mixture");
  let est: Awaited<ReturnType<typeof inferMixture>>;
  try {
    est = await inferMixture(tok, categories, {
      merges,
      skipMerges,
      sampleBytes,
      lp: {
        ...(gap === undefined ? {} : { gap }),
        ...(timeLimit === undefined ? {} : { timeLimit }),
        // With bounds (--gap, --time-limit), how far the best solution so far is from the optimum.
        onRound: (r) => {
          const within =
            r.upper !== undefined && r.lower !== undefined && r.upper > 0
              ? (r.upper - r.lower) / r.upper
              : undefined;
          progress.update(
            "solve",
            r.round,
            0,
            within === undefined ? undefined : `(within ${(100 * within).toPrecision(2)}% of the optimum)`,
          );
        },
      },
      onProgress: (stage, done, total) => {
        if (stage !== "solve") progress.update(stage, done, total);
      },
    });
  } catch (e) {
    if (e instanceof MixtureError) throw new CliError(`mixture: ${e.message}`, 1);
    throw e;
  } finally {
    progress.done();
  }
  if (values.json) {
    const out = {
      tokenizer: name,
      weights: est.weights,
      merges_used: est.mergesUsed,
      merges_skipped: est.mergesSkipped,
      rounds: est.rounds,
      constraints: est.constraints,
      unseen_merges: est.unseenMerges,
      status: est.status,
      slack: est.objective,
      slack_lower_bound: est.objectiveLowerBound,
      samples: Object.fromEntries(est.categories.map((c) => [c.name, { bytes: c.bytes, pairs: c.pairs }])),
      merge_list: est.mergeList,
    };
    await writeOut(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const rows = est.categories
    .map((c) => [c.name, String(c.bytes), (100 * est.weights[c.name]).toFixed(2)])
    .sort((a, b) => Number(b[2]) - Number(a[2]));
  await writeOut(
    `Estimated training mixture of ${name} (shares of training bytes among these categories only)\n\n` +
      `${table([["category", "sample bytes", "share %"], ...rows])}\n\n` +
      `${est.mergesUsed} merges${est.mergesSkipped > 0 ? ` after the first ${est.mergesSkipped}` : ""} (${est.unseenMerges} in no sample), ${est.rounds} LP rounds, ` +
      `${est.constraints} constraints, slack ${est.objective.toPrecision(3)} pairs per million${stoppedEarly(est)}\n`,
  );
}

function positiveInteger(option: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${option} must be a positive integer, got "${raw}"`, 2);
  return n;
}

/** How far from the optimum a program stopped early is proven to be, for the table's last line. */
function stoppedEarly(est: { status: string; objective: number; objectiveLowerBound: number }): string {
  if (est.status === "optimal") return "";
  const within = est.objective > 0 ? (est.objective - est.objectiveLowerBound) / est.objective : 0;
  const why = est.status === "time limit" ? "stopped at the time limit" : "stopped at the gap";
  return ` (${why}; the optimum's slack is at least ${est.objectiveLowerBound.toPrecision(3)}, so this is within ${(100 * within).toPrecision(2)}% of it)`;
}
