import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = `${root}src/cli/main.ts`;

// The README's adapt commands run as written (from the sources, in a fresh folder that sees the
// clone's node_modules) and print the numbers the text under them quotes.
test("README: the 'Adapting to new vocabularies' commands run and print what the text says", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Adapting to new vocabularies\n"));
  const lines = (/```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "").split("\n").filter((l) => l.trim() !== "");
  const cwd = mkdtempSync(join(tmpdir(), "toklab-readme-adapt-"));
  symlinkSync(join(root, "node_modules"), join(cwd, "node_modules"));
  try {
    const out: Record<string, string> = {};
    for (const line of lines) {
      if (line.startsWith("npm ")) continue;
      const command = line.replaceAll("node dist/cli/main.js", `node --import tsx ${main}`);
      const r = spawnSync("bash", ["-o", "pipefail", "-c", command], { cwd, encoding: "utf8" });
      assert.equal(r.status, 0, `${line}\n${r.stderr}`);
      const name = /main\.js (\w+)/.exec(line)?.[1];
      if (name !== undefined) out[name] = r.stdout;
    }
    assert.deepEqual(Object.keys(out).sort(), ["dynamic", "lzw", "multiword"]);
    const text = section.slice(0, section.indexOf("\n## ", 5)).replace(/\s+/g, " ");
    const [, before, after] = /tokens before and after the merges \((\d+) → (\d+)/.exec(text)!;
    assert.match(out.dynamic, new RegExp(`tokens before ${before}, after ${after} `));
    const lzw = JSON.parse(out.lzw);
    const [, base, hyper] = /`hyper_tokens` \((\d+) → (\d+)\)/.exec(text)!;
    assert.deepEqual([lzw.base_tokens, lzw.hyper_tokens], [Number(base), Number(hyper)]);
    assert.ok(existsSync(join(cwd, "mwt", "tokenizer.json")));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
