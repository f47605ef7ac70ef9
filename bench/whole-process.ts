/**
 * Whole-process figures (issue 17): `toklab count -t ENCODING FILE` (the built CLI, dist/) against
 * each reference library's equivalent small script (bench/process/*.mjs), each timed as a user
 * sees it: wall time from spawn to exit, Node's start-up, imports, loading the encoding, reading
 * the file and counting all included. FILE is the short corpus's texts, one document a line.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EncodingName } from "./adapters/types.js";
import { REPO_ROOT } from "./corpora.js";
import { log } from "./log.js";
import { median } from "./stats.js";

export interface ProcessRow {
  lib: string;
  /** Wall milliseconds of every successful run. */
  runs: number[];
  /** Median of `runs`. */
  ms?: number;
  /** The count the process printed (compared with tiktoken's in the report). */
  tokens?: number;
  failure?: string;
}

export interface ProcessResults {
  /** The counted file: UTF-8 bytes. */
  bytes: number;
  /** `node -e ""`: the start-up every row includes. */
  nodeMs?: number;
  rows: ProcessRow[];
}

/** The row of `toklab count --workers 1`, run whenever toklab's is. */
export const TOKLAB_ONE_THREAD = "toklab (1 thread)";

/** The CLI as the npm package ships it: `npm run build` output, built by the caller (run.ts). */
export const TOKLAB_CLI = `${REPO_ROOT}/dist/cli/main.js`;
const script = (name: string) => fileURLToPath(new URL(`./process/${name}.mjs`, import.meta.url));
const TIMEOUT_MS = 10 * 60_000;

/** Node arguments per library, or null for an encoding it does not have. */
const COMMANDS: Record<string, (encoding: EncodingName, file: string, ranks?: string) => string[] | null> = {
  toklab: (encoding, file) => [TOKLAB_CLI, "count", "-t", encoding, file],
  // The same on one thread: `toklab count` cuts a large input across cores (one thread per core,
  // docs/decisions/0047), the reference scripts count on one; both figures are reported.
  [TOKLAB_ONE_THREAD]: (encoding, file) => [TOKLAB_CLI, "count", "-t", encoding, "--workers", "1", file],
  tiktoken: (encoding, file) => [script("tiktoken"), encoding, file],
  "tiktoken-node": (encoding, file) =>
    encoding === "o200k_base" ? null : [script("tiktoken-node"), encoding, file],
  kitoken: (encoding, file, ranks) => (ranks ? [script("kitoken"), encoding, file, ranks] : null),
  "gpt-tokenizer": (encoding, file) => [script("gpt-tokenizer"), encoding, file],
};

/** The libraries this section can run (the others have no script here). */
export const PROCESS_LIBS = Object.keys(COMMANDS);

/**
 * `runs` processes per library (interleaved: one of each, then again, so that a burst of load on
 * the machine does not land on one library's runs), the median wall time of each.
 */
export async function runWholeProcess(
  libs: readonly string[],
  encoding: EncodingName,
  file: string,
  bytes: number,
  runs: number,
  /** `.tiktoken` rank files by encoding (for kitoken). */
  ranks: Record<string, string>,
): Promise<ProcessResults> {
  const rows: ProcessRow[] = libs
    .flatMap((lib) => (lib === "toklab" ? [lib, TOKLAB_ONE_THREAD] : [lib]))
    .filter((lib) => lib in COMMANDS)
    .map((lib) => ({ lib, runs: [] as number[] }));
  const empty: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = await timeProcess(["-e", ""]);
    if (start.ms !== undefined) empty.push(start.ms);
    for (const row of rows) {
      if (row.failure) continue;
      const args = COMMANDS[row.lib](encoding, file, ranks[encoding]);
      if (args === null) {
        row.failure = `no ${encoding}`;
        continue;
      }
      if (row.lib.startsWith("toklab") && !existsSync(TOKLAB_CLI)) {
        row.failure = "dist/cli/main.js missing (npm run build failed)";
        continue;
      }
      log(`whole process ${encoding} ${row.lib} (run ${r + 1} of ${runs})…`);
      const outcome = await timeProcess(args);
      if (outcome.ms === undefined) row.failure = outcome.failure;
      else {
        row.runs.push(outcome.ms);
        row.tokens = outcome.tokens;
      }
    }
  }
  for (const row of rows) if (row.runs.length) row.ms = median(row.runs);
  return { bytes, nodeMs: empty.length ? median(empty) : undefined, rows };
}

/** One process, timed from spawn to exit; its stdout's last number is the token count. */
function timeProcess(args: string[]): Promise<{ ms?: number; tokens?: number; failure?: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.on("close", (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      if (code !== 0) {
        const why = signal ? `signal ${signal}` : `exit code ${code}`;
        const line =
          stderr.split("\n").find((l) => /error/i.test(l)) ?? stderr.trim().split("\n").pop() ?? "";
        return resolve({ failure: `${why}: ${line.slice(0, 160)}` });
      }
      const last = stdout.trim().split("\n").pop() ?? "";
      resolve({ ms, tokens: last === "" ? undefined : Number(last) });
    });
  });
}
