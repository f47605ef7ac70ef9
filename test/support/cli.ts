/** Runs the CLI from source in a child process, as a user would (exit code, stdout, stderr). */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** What one run of `toklab` gave. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `toklab ARGS...` with `input` on stdin.
 *
 * @example
 * ```ts
 * runToklab(["encode", "-t", "o200k_base", "--jsonl"], '"hello world"\n').stdout; // "[24912,2375]\n"
 * ```
 */
export function runToklab(args: readonly string[], input?: string): CliRun {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { input });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}
