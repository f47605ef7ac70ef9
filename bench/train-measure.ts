/**
 * Wall time and peak RSS of one training process. With GNU time (`/usr/bin/time -f`) the figure
 * is the kernel's `ru_maxrss` of the process, whatever it is (Node, a native binary); without
 * it, a Node command runs under a small wrapper that reads `process.resourceUsage().maxRSS` at
 * exit, and a native one gets wall time only.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Outcome } from "./spawn.js";
import type { TimedRun } from "./train-results.js";

const GNU_TIME = "/usr/bin/time";

/** A command to time: `node` true when `file` is a Node script run by this Node. */
export interface Command {
  file: string;
  args: string[];
  node: boolean;
}

/** What {@link timeCommand} uses, for the report. */
export function timingTool(): string {
  return existsSync(GNU_TIME)
    ? "GNU time (`/usr/bin/time -f '%e %M'`: elapsed wall time, ru_maxrss)"
    : "wall clock in the parent; peak RSS from process.resourceUsage().maxRSS in a Node wrapper (none for spm_train)";
}

// Runs a Node script as if it were the main module and records its peak RSS (kB) at exit.
const WRAPPER = `
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [out, script, ...rest] = process.argv.slice(1);
process.argv = [process.argv[0], script, ...rest];
process.on("exit", () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(script).href);
`;

/**
 * Runs `command` once, timed, in its own process group; after `timeoutMs` the group (this
 * command and nothing else) is killed. Output goes nowhere; the last lines of stderr come back
 * in an error.
 *
 * @example
 * ```ts
 * const r = await timeCommand({ file: "spm_train", args: ["--input=a.txt", …], node: false }, 3_600_000);
 * if (r.status === "ok") r.value.wallS;
 * ```
 */
export function timeCommand(command: Command, timeoutMs: number): Promise<Outcome<TimedRun>> {
  const dir = mkdtempSync(join(tmpdir(), "toklab-train-time-"));
  const report = join(dir, "time.txt");
  const gnu = existsSync(GNU_TIME);
  const program = command.node ? process.execPath : command.file;
  const args = command.node ? [command.file, ...command.args] : command.args;
  const [file, argv] = gnu
    ? [GNU_TIME, ["-f", "%e %M", "-o", report, program, ...args]]
    : command.node
      ? [process.execPath, ["--input-type=module", "-e", WRAPPER, report, command.file, ...command.args]]
      : [program, args];
  const loadBefore = loadavg()[0];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(file, argv, { stdio: ["ignore", "ignore", "pipe"], detached: true });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The group led by our child: GNU time and the trainer under it.
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, timeoutMs);
    const finish = (result: Outcome<TimedRun>) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve(result);
    };
    child.on("error", (e) => finish({ status: "error", phase: "run", message: e.message }));
    child.on("close", (code, signal) => {
      const wall = (performance.now() - started) / 1000;
      if (timedOut) return finish({ status: "timeout", ms: timeoutMs });
      if (code !== 0) {
        const last = stderr.trim().split("\n").slice(-3).join(" / ");
        return finish({
          status: "crash",
          message: `${signal ?? `exit code ${code}`}: ${last}`.slice(0, 400),
        });
      }
      const text = existsSync(report) ? readFileSync(report, "utf8").trim() : "";
      if (gnu) {
        // GNU time writes "Command exited with non-zero status" lines first when it fails.
        const [elapsed, rssKb] = text.split("\n").at(-1)?.split(" ").map(Number) ?? [];
        return finish({
          status: "ok",
          value: { wallS: elapsed, maxRssMB: (rssKb * 1024) / 1e6, loadBefore },
        });
      }
      const rssKb = Number(text);
      finish({
        status: "ok",
        value: { wallS: wall, maxRssMB: text && rssKb > 0 ? (rssKb * 1024) / 1e6 : null, loadBefore },
      });
    });
  });
}
