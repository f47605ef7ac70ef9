import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = `${root}src/cli/main.ts`;

// The README's transplant commands run as written (in a temporary folder instead of /tmp/tx,
// from the sources) and the first prints the line the README quotes.
test("README: the 'Embedding transplantation' commands run and print what the section says", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Embedding transplantation"));
  const lines = (/```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "")
    .split("\n")
    .filter((l) => l.startsWith("node "));
  assert.equal(lines.length, 3);
  const dir = mkdtempSync(join(tmpdir(), "toklab-readme-transplant-"));
  try {
    const outputs: string[] = [];
    for (const line of lines) {
      const args = line
        .replaceAll("/tmp/tx", dir)
        .split(/\s+/)
        .slice(1)
        .map((a) => (a === "dist/cli/main.js" ? main : a));
      const node = line.includes("dist/cli/main.js") ? ["--import", "tsx", ...args] : args;
      const r = spawnSync(process.execPath, node, { cwd: root, encoding: "utf8" });
      assert.equal(r.status, 0, `${line}\n${r.stderr}`);
      outputs.push(r.stdout);
    }
    const quoted = /The first prints `([^`]*)`/.exec(section.replace(/\n/g, " "))?.[1];
    assert.ok(quoted, "the section quotes the first command's line");
    assert.equal(outputs[1].split("\n")[0], quoted.replaceAll("/tmp/tx", dir));
    const report = JSON.parse(outputs[2]);
    assert.deepEqual(report.rows, { copied: 50257, fvt: 0, omp: 24, mean: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
