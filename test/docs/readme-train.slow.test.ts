import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = `${root}src/cli/main.ts`;

// The README's "Train" commands run as written (from the sources), writing into a temporary
// folder instead of ./out, and every tokenizer.json they write encodes text.
test("README: every 'Train' command exits 0 and writes a working tokenizer", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Train"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const commands = block.split("\n").filter((l) => l.startsWith("node dist/cli/main.js train "));
  assert.ok(commands.length >= 5, "the section shows its commands");
  const tmp = mkdtempSync(join(tmpdir(), "toklab-readme-train-"));
  try {
    for (const command of commands) {
      const args = command
        .slice("node dist/cli/main.js ".length)
        .match(/"[^"]*"|\S+/g)!
        .map((a) => a.replace(/^"|"$/g, ""));
      const out = args.indexOf("--out");
      args[out + 1] = join(tmp, args[out + 1]);
      const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { cwd: root });
      assert.equal(r.status, 0, `${command}\n${r.stderr}`);
      const json = join(args[out + 1], "tokenizer.json");
      assert.ok(existsSync(json), command);
      const enc = spawnSync(process.execPath, ["--import", "tsx", main, "encode", "-t", json, "--jsonl"], {
        input: `${JSON.stringify("Hello, world! 12345")}\n`,
      });
      assert.equal(enc.status, 0, `${command}: encode\n${enc.stderr}`);
      assert.ok(JSON.parse(enc.stdout.toString()).length > 0);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
