import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ChildOutput, READY_MARKER, type Task } from "./tasks.js";

/**
 * Node arguments that start a child. By default the TypeScript entry through tsx; run.ts
 * switches to the esbuild-built child (bench/build.ts) when that builds, which is the normal case.
 */
export const childCommand = {
  args: ["--import", "tsx", fileURLToPath(new URL("./child.ts", import.meta.url))],
};

export type Outcome<T> =
  | { status: "ok"; value: T }
  /** The library threw (while loading: "unavailable"). */
  | { status: "error"; phase: "load" | "run"; message: string }
  /** The process died without writing a result (WASM abort, out of memory, signal). */
  | { status: "crash"; message: string }
  | { status: "timeout"; ms: number };

/** Environment for every child: where the converted HF tokenizer.json files are, and so on. */
export const childEnv: Record<string, string> = {};

/** Setup (start-up, corpus, library load) gets this long before the timeout clock is armed. */
const SETUP_ALLOWANCE_MS = 120_000;

/**
 * Run one task in a fresh Node process, killing it (only it, by its pid) after `timeoutMs`.
 * If the child announces the start of its timed section (READY_MARKER on stderr), the clock
 * starts there; until then it gets SETUP_ALLOWANCE_MS extra. `--expose-gc` lets the child
 * collect garbage between timed phases.
 */
export function runChild<T>(task: Task, timeoutMs: number): Promise<Outcome<T>> {
  const dir = mkdtempSync(join(tmpdir(), "toklab-bench-"));
  const resultPath = join(dir, "result.json");
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--max-old-space-size=8192", ...childCommand.args, JSON.stringify(task), resultPath],
      { env: { ...process.env, ...childEnv }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let timedOut = false;
    const kill = () => {
      timedOut = true;
      child.kill("SIGKILL");
    };
    let timer = setTimeout(kill, timeoutMs + SETUP_ALLOWANCE_MS);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes(READY_MARKER)) {
        clearTimeout(timer);
        timer = setTimeout(kill, timeoutMs);
      }
      stderr = (stderr + text.replace(`${READY_MARKER}\n`, "")).slice(-4000);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let output: ChildOutput | undefined;
      try {
        output = JSON.parse(readFileSync(resultPath, "utf8")) as ChildOutput;
      } catch {
        output = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      if (timedOut) return resolve({ status: "timeout", ms: timeoutMs });
      if (output?.ok) return resolve({ status: "ok", value: output.value as T });
      if (output) return resolve({ status: "error", phase: output.phase, message: firstLine(output.error) });
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      resolve({ status: "crash", message: `${why}: ${lastErrorLine(stderr)}` });
    });
  });
}

function firstLine(text: string): string {
  return text.split("\n")[0].slice(0, 200);
}

/** The most telling line of a dying process's stderr (the error, not the stack). */
function lastErrorLine(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim());
  const error = lines.find((l) => /error|abort|unreachable|fatal/i.test(l) && !l.startsWith("at "));
  return (error ?? lines.filter(Boolean).pop() ?? "no output").slice(0, 200);
}
