import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = `${root}src/cli/main.ts`;

/** A command line's words, with "double-quoted" words kept whole. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

// The README's `toklab lm` commands run as written (from the sources), and say what it says.
test("README: the 'Language models over bytes' commands run and print what the README says", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Language models over bytes"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const commands = block.split("\n").filter((l) => l.startsWith("node dist/cli/main.js lm "));
  assert.equal(commands.length, 7, "the section shows its commands");
  const out = mkdtempSync(join(tmpdir(), "toklab-readme-lm-"));
  const outputs: string[] = [];
  try {
    for (const command of commands) {
      const args = words(command.slice("node dist/cli/main.js ".length));
      // The model file goes to a temporary folder, not the tree.
      for (const flag of ["--out", "--model"]) {
        const at = args.indexOf(flag);
        if (at >= 0) args[at + 1] = join(out, args[at + 1]);
      }
      const ensemble = args.indexOf("--ensemble");
      if (ensemble >= 0) {
        const [tok, file] = args[ensemble + 1].split("=");
        args[ensemble + 1] = `${tok}=${join(out, file)}`;
      }
      const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { cwd: root });
      assert.equal(r.status, 0, `${command}\n${r.stderr}`);
      outputs.push(r.stdout.toString());
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const [, next, sample, heal, healJson, , both] = outputs;
  assert.match(both, /^g {6}0\.99\d+\n/);
  assert.match(next, /^g {6}0\.999860\n/);
  assert.equal(next.trimEnd().split("\n").length, 3);
  assert.equal(sample, "The keeper opened his ledger and the \n");
  assert.match(heal, /^ids {6}\[4023\]\nremoved {2}":"\nallowed {2}16 tokens: 25 ":", 1378 ":\/\/"/);
  const json = JSON.parse(healJson);
  assert.deepEqual(json.ids, [1212, 318, 257]);
  assert.equal(json.removed, " ");
  assert.ok(json.allowed.includes(220) && !json.allowed.includes(64));
});

test("toklab lm: usage and model errors", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", main, "lm", ...args], { cwd: root });
  assert.equal(run([]).status, 2);
  assert.equal(
    run(["next-bytes", "-t", "r50k_base", "--model", "m", "--ensemble", "o200k_base", "--prompt", "x"])
      .status,
    2,
  );
  assert.equal(run(["next-bytes", "-t", "r50k_base", "--prompt", "x"]).status, 2, "no --model");
  const dir = mkdtempSync(join(tmpdir(), "toklab-lm-"));
  try {
    const model = join(dir, "m.json");
    assert.equal(
      run(["train", "-t", "r50k_base", "--input", `${root}test/fixtures/prose.txt`, "--out", model]).status,
      0,
    );
    const wrong = run(["next-bytes", "-t", "o200k_base", "--model", model, "--prompt", "x"]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr.toString(), /scores 50257 ids but o200k_base has a vocabulary of 200019/);
    assert.equal(
      run(["sample", "-t", "r50k_base", "--model", model, "--prompt", "x", "--temperature", "-1"]).status,
      2,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
