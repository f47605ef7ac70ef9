/**
 * The CLI as `npm run build` leaves it: dist/cli/main.js bundled by scripts/bundle-cli.mjs, with
 * its workers beside the chunks. The other CLI tests run the sources through tsx, so this is
 * where a bundling mistake (a worker esbuild left out, a module evaluated out of order, a path
 * relative to a file that moved) shows. CI builds before testing; elsewhere, without a build,
 * these tests are skipped.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = join(root, "dist/cli/main.js");
const built = existsSync(cli);
const skip = built || process.env.CI ? false : "dist/ is not built (npm run build)";

function toklab(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

test("dist/cli/main.js is the bundle, and every command's --help runs from it", { skip }, () => {
  assert.match(readFileSync(cli, "utf8"), /from "\.\/chunk-[A-Z0-9]+\.js"/, "npm run build bundles the CLI");
  const list = toklab(["--help"]);
  assert.equal(list.code, 0, list.stderr);
  const names = [...list.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]);
  assert.ok(names.length >= 15, `commands in --help: ${names}`);
  for (const name of names) {
    const r = toklab([name, "--help"]);
    assert.equal(r.code, 0, `${name} --help: ${r.stderr}`);
  }
  assert.equal(
    toklab(["--version"]).stdout.trim(),
    JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version,
  );
});

test("every worker module of src/ has its entry beside the bundle's chunks", { skip }, () => {
  const workers = readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith("-worker.ts"))
    .map((f) => basename(f, ".ts"));
  assert.ok(workers.length >= 3, `workers: ${workers}`);
  for (const name of workers)
    assert.ok(existsSync(join(root, "dist/cli", `${name}.js`)), `dist/cli/${name}.js`);
});

test("the bundle's counting worker loads its tokenizer and counts a job", { skip }, async () => {
  const claims = new SharedArrayBuffer(4 * (1 + 2 + 1));
  const counts = new SharedArrayBuffer(8 * 2);
  const worker = new Worker(join(root, "dist/cli/count-parallel-worker.js"), {
    workerData: { source: { spec: "o200k_base", options: {} }, worker: 0 },
  });
  try {
    const reply = await new Promise<unknown>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.postMessage({
        id: 7,
        text: "hello world\nsecond line",
        cuts: [0, 12, 23],
        queue: { claims, counts },
        options: {},
        expect: { vocabSize: 200019, pretokenizer: "o200k" },
      });
    });
    assert.deepEqual(reply, { id: 7 });
    assert.deepEqual([...new Int32Array(claims)], [3, 1, 1, 1]);
    assert.deepEqual([...new Float64Array(counts)], [3, 2]);
  } finally {
    await worker.terminate();
  }
});

test("README's count and train commands run from the bundle", { skip }, () => {
  const cwd = mkdtempSync(join(tmpdir(), "toklab-built-"));
  try {
    for (const name of ["README.md", "LICENSE"]) symlinkSync(join(root, name), join(cwd, name));
    const counted = toklab(["count", "-t", "cl100k_base", "README.md", "LICENSE"], cwd);
    assert.equal(counted.code, 0, counted.stderr);
    assert.match(counted.stdout, /README\.md\n\d+\tLICENSE\n\d+\n$/);
    writeFileSync(join(cwd, "corpus.txt"), readFileSync(join(root, "README.md"), "utf8").repeat(3));
    const trained = toklab(
      ["train", "--input", "corpus.txt", "--vocab-size", "400", "--out", "tok", "--quiet"],
      cwd,
    );
    assert.equal(trained.code, 0, trained.stderr);
    const encoded = toklab(["encode", "-t", "tok/tokenizer.json", "--text", "hello world"], cwd);
    assert.equal(encoded.code, 0, encoded.stderr);
    assert.match(encoded.stdout, /^\d+( \d+)*\n$/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
