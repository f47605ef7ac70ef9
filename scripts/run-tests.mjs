#!/usr/bin/env node
/**
 * The test runner behind `npm test` and `npm run test:unit`: finds every `*.test.ts` under test/
 * at any depth, sorts them, and runs them all in one `node --import tsx --test
 * --test-concurrency=2`, passing on its output and exit code. (Node 20's `--test` does not expand
 * globs, and npm scripts run under sh, where a shell glob has a fixed depth and silently skips
 * test files one folder deeper.)
 *
 *   node scripts/run-tests.mjs                      every test file (npm test; what CI runs)
 *   node scripts/run-tests.mjs --unit               all but the *.slow.test.ts files (npm run test:unit,
 *                                                   meant to take under a minute; it says when not)
 *   node scripts/run-tests.mjs test/core/models     only the test files under these files or folders
 *   node scripts/run-tests.mjs --test-name-pattern=merge    other options go to `node --test`
 *                                                           (written --name=value)
 *
 * Through npm: `npm test -- test/train/bpe-trainer.test.ts`, `npm run test:unit -- test/core`.
 * Plain JavaScript with no dependencies, so it runs before anything is built.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TEST_DIR = join(ROOT, "test");
const TEST_FILE = /\.test\.ts$/;
const SLOW_FILE = /\.slow\.test\.ts$/;
/** The unit tier's wall-time budget on the 2-core development machine; past it, the run says so. */
const UNIT_BUDGET_SECONDS = 60;

function count(n) {
  return `${n} test file${n === 1 ? "" : "s"}`;
}

function fail(message) {
  console.error(`run-tests: ${message}`);
  process.exit(1);
}

/** Every test file under `path` (a file or a folder, at any depth), as paths from the root. */
function testFiles(path) {
  if (statSync(path).isFile()) return TEST_FILE.test(path) ? [relative(ROOT, path)] : [];
  const out = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(child));
    else if (entry.isFile() && TEST_FILE.test(entry.name)) out.push(relative(ROOT, child));
  }
  return out;
}

let unit = false;
const nodeOptions = [];
const selected = [];
for (const arg of process.argv.slice(2)) {
  if (arg === "--unit") unit = true;
  else if (arg.startsWith("-")) nodeOptions.push(arg);
  else {
    // Relative to where npm was started (INIT_CWD), so `npm test -- models` works in test/core.
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
    if (!existsSync(path)) fail(`${arg}: no such file or folder (give options to node as --name=value)`);
    selected.push(path);
  }
}

const found = (selected.length > 0 ? selected : [TEST_DIR]).flatMap(testFiles);
let files = [...new Set(found)].sort();
if (files.length === 0) {
  fail(
    `no *.test.ts file under ${selected.length > 0 ? selected.map((p) => relative(ROOT, p)).join(", ") : "test/"}`,
  );
}
if (unit) {
  const slow = files.filter((f) => SLOW_FILE.test(f));
  files = files.filter((f) => !SLOW_FILE.test(f));
  console.error(`run-tests: unit tier, ${count(files.length)} (${slow.length} *.slow.test.ts left out)`);
  if (files.length === 0) fail("every selected test file is slow; drop --unit to run them");
} else {
  console.error(`run-tests: ${count(files.length)}`);
}

// Forward slashes whatever the platform, so the file list reads the same everywhere.
const args = files.map((f) => f.split(sep).join("/"));
const started = Date.now();
const child = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", ...nodeOptions, ...args],
  { cwd: ROOT, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("error", (error) => fail(`could not start node: ${error.message}`));
child.on("exit", (code, signal) => {
  if (signal) fail(`node --test was killed by ${signal}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (unit && seconds > UNIT_BUDGET_SECONDS) {
    console.error(
      `run-tests: the unit tier took ${seconds} s, over its ${UNIT_BUDGET_SECONDS} s budget: a busy machine, ` +
        "or a test file that should be named *.slow.test.ts (docs/testing.md)",
    );
  }
  process.exit(code ?? 1);
});
