/**
 * Running the CLI as a user does: a child process on the sources (through tsx), with stdin,
 * environment and working directory of the caller's choosing.
 */
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI_MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** What a run printed and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link toklab}. */
export interface CliOptions {
  readonly input?: string | Buffer;
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  /** Kill the run after this many milliseconds (a hang is then code null). Default 60 s. */
  readonly timeoutMs?: number;
}

/**
 * Runs `toklab ARGS...`.
 *
 * @example
 * const r = await toklab(["count", "-t", "o200k_base"], { input: "hello" }); // r.stdout === "1\n"
 */
export function toklab(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI_MAIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on("error", () => undefined); // a command that exits before reading stdin
    child.stdin.end(options.input ?? "");
  });
}

/** Runs `jobs` at most `limit` at a time, keeping their order in the results. */
export async function inBatches<T>(jobs: readonly (() => Promise<T>)[], limit = 4): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

/**
 * `toklab ARGS...` with `input` on stdin, waiting synchronously (for tests that run one command
 * at a time).
 *
 * @example
 * ```ts
 * runToklab(["encode", "-t", "o200k_base", "--jsonl"], '"hello world"\n').stdout; // "[24912,2375]\n"
 * ```
 */
export function runToklab(args: readonly string[], input?: string): CliRun {
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI_MAIN, ...args], { input });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}
