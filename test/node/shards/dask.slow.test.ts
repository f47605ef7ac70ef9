/**
 * The distributed recipe, run for real: scripts/dask-count.py counts each input file into a
 * shard with `toklab count-pieces` as a task on a 2-worker Dask LocalCluster (loopback), then
 * `toklab train --counts` merges the shards; the tokenizer must be byte-identical to the one
 * `toklab train --input` learns from the same files in memory. CI installs Debian's
 * python3-dask and python3-distributed (.ci/run) and fails here without them; elsewhere the
 * test is skipped when they are missing. Dask runs in /usr/bin/python3 (Debian's), not whatever
 * `python3` is first on PATH.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { put, sampleLines, tempDir } from "../../support/node/ingest.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PYTHON = "/usr/bin/python3";
const HAVE_DASK = spawnSync(PYTHON, ["-c", "import dask.distributed"], { stdio: "ignore" }).status === 0;
const skip = HAVE_DASK
  ? false
  : "Dask for /usr/bin/python3 is not installed (python3-dask, python3-distributed)";
const TOKLAB = ["node", "--import", "tsx", join(ROOT, "src/cli/main.ts")];

let dir = "";
let cleanup = () => {};
let files: string[] = [];

before(() => {
  ({ dir, cleanup } = tempDir());
  const lines = sampleLines(43, 1200);
  files = [0, 1, 2, 3].map((k) =>
    put(dir, `corpus/part-${k}.txt`, lines.slice(k * 300, k * 300 + 300).join("\n")),
  );
});
after(() => cleanup());

test("Dask is installed for /usr/bin/python3 where CI runs", () => {
  if (process.env.CI) assert.ok(HAVE_DASK, "CI must install python3-dask and python3-distributed (.ci/run)");
});

test("Dask shards train the same tokenizer as the files in memory", { skip }, () => {
  const counting = ["--preset", "o200k", "--numbers", "rtl3", "--special", "<|endoftext|>"];
  const dask = spawnSync(
    PYTHON,
    [
      join(ROOT, "scripts/dask-count.py"),
      "--shards",
      join(dir, "shards"),
      "--local-workers",
      "2",
      "--toklab",
      TOKLAB.join(" "),
      ...counting,
      "--vocab-size",
      "800",
      "--train-out",
      join(dir, "from-shards"),
      "--train-arg=--quiet",
      ...files,
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 180_000 },
  );
  assert.equal(dask.status, 0, `dask-count.py failed:\n${dask.stderr}`);
  assert.equal(readdirSync(join(dir, "shards")).filter((f) => f.endsWith(".parquet")).length, files.length);

  const memory = spawnSync(
    TOKLAB[0],
    [
      ...TOKLAB.slice(1),
      "train",
      "--input",
      ...files,
      ...counting,
      "--vocab-size",
      "800",
      "--out",
      join(dir, "in-memory"),
      "--quiet",
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(memory.status, 0, memory.stderr);
  for (const name of ["tokenizer.json", "merges.txt", "vocab.json", "tokenizer.tiktoken"]) {
    const a = readFileSync(join(dir, "from-shards", name), "utf8");
    const b = readFileSync(join(dir, "in-memory", name), "utf8");
    assert.ok(a === b, `${name} differs between the Dask shards and in-memory training`);
  }
  const merges = readFileSync(join(dir, "in-memory", "merges.txt"), "utf8").split("\n").length;
  assert.ok(merges > 400, `enough merges to compare (${merges})`);
});

test("a failing task fails the script with the input's name", { skip }, () => {
  const bad = put(dir, "corpus/bad.jsonl", '{"text": "fine"}\nnot json\n');
  const run = spawnSync(
    PYTHON,
    [
      join(ROOT, "scripts/dask-count.py"),
      "--shards",
      join(dir, "bad-shards"),
      "--toklab",
      TOKLAB.join(" "),
      bad,
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(run.status, 1);
  assert.match(run.stderr, /bad\.jsonl.*count-pieces failed.*not valid JSON/s);
});
