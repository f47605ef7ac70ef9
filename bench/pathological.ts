import type { CorpusSpec } from "./corpus.js";
import { log } from "./log.js";
import { PATHO_INPUTS, type PathoInput } from "./patho-inputs.js";
import { type Outcome, runChild } from "./spawn.js";
import type { BenchTarget, PathoResult } from "./tasks.js";

export interface PathoCell {
  outcome: Outcome<PathoResult>;
  /** ms ÷ the same library's ms on 1 MB of prose. */
  ratioToProse?: number;
  /** Ran in the second round, alongside other slow runs (see runPathological). */
  concurrent?: boolean;
  /** Same ids as tiktoken on this input; undefined when tiktoken has no result to compare. */
  matchesTiktoken?: boolean;
}

export interface PathoTable {
  bytes: number;
  timeoutMs: number;
  probeMs: number;
  jobs: number;
  /** lib → input → cell */
  cells: Record<string, Record<PathoInput, PathoCell>>;
}

/** Runs under this long are measured alone; longer ones are re-run with the full timeout. */
const PROBE_MS = 5000;

/**
 * Every (library, input) pair in its own process, in two rounds. Round one runs each pair alone
 * with a short limit, so every quick result is timed on an otherwise idle machine. Round two
 * re-runs the pairs that hit that limit with the full timeout, `jobs` at a time: those are the
 * catastrophic cases (mostly quadratic merges that will time out anyway), and running them in
 * parallel keeps the whole benchmark within minutes. Their times are flagged as concurrent.
 */
export async function runPathological(
  libs: readonly string[],
  encoding: BenchTarget,
  corpus: CorpusSpec,
  bytes: number,
  timeoutMs: number,
  jobs: number,
  /** Whose ids the others are compared with (`matchesTiktoken` then means "matches it"). */
  reference = "tiktoken",
): Promise<PathoTable> {
  const cells: PathoTable["cells"] = {};
  const slow: Array<[string, PathoInput]> = [];
  // The full corpus, even with --quick: the prose yardstick must not change with the flag.
  const task = (lib: string, input: PathoInput) =>
    ({ mode: "patho", lib, encoding, input, bytes, corpus: { ...corpus, quick: false } }) as const;
  for (const lib of libs) {
    cells[lib] = {} as Record<PathoInput, PathoCell>;
    for (const input of PATHO_INPUTS) {
      const outcome = await runChild<PathoResult>(task(lib, input), Math.min(PROBE_MS, timeoutMs));
      if (outcome.status === "timeout" && timeoutMs > PROBE_MS) {
        slow.push([lib, input]);
        log(`pathological ${lib} ${input}: over ${PROBE_MS / 1000} s, re-run later`);
        continue;
      }
      cells[lib][input] = { outcome };
      log(`pathological ${lib} ${input}: ${show(outcome)}`);
      // A library that cannot load will not load for the next input either.
      if (outcome.status === "error" && outcome.phase === "load") break;
    }
  }
  if (slow.length)
    log(`pathological: ${slow.length} slow runs, ${jobs} at a time, timeout ${timeoutMs / 1000} s…`);
  await pool(slow, jobs, async ([lib, input]) => {
    const outcome = await runChild<PathoResult>(task(lib, input), timeoutMs);
    cells[lib][input] = { outcome, concurrent: jobs > 1 };
    log(`pathological ${lib} ${input}: ${show(outcome)}`);
  });
  for (const lib of libs) {
    const prose = cells[lib].prose?.outcome;
    for (const input of PATHO_INPUTS) {
      const cell = cells[lib][input];
      if (cell?.outcome.status !== "ok") continue;
      if (prose?.status === "ok") cell.ratioToProse = cell.outcome.value.ms / prose.value.ms;
      const ref = cells[reference]?.[input]?.outcome;
      if (ref?.status === "ok") {
        cell.matchesTiktoken = ref.value.fingerprint === cell.outcome.value.fingerprint;
      }
    }
  }
  return { bytes, timeoutMs, probeMs: PROBE_MS, jobs, cells };
}

function show(outcome: Outcome<PathoResult>): string {
  return outcome.status === "ok" ? `${outcome.value.ms.toFixed(0)} ms` : outcome.status;
}

/** Run `work` over `items`, at most `jobs` at once. */
async function pool<T>(items: readonly T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
}
