import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = `${root}src/cli/main.ts`;

// The README's "Measure and compare" commands run as written (from the sources, not dist/).
test("README: every 'Measure and compare' command exits 0 with output", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Measure and compare"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const commands = block.split("\n").filter((l) => l.startsWith("node dist/cli/main.js "));
  assert.ok(commands.length >= 4, "the section shows its commands");
  const out = mkdtempSync(join(tmpdir(), "toklab-readme-"));
  try {
    for (const command of commands) {
      const args = command.slice("node dist/cli/main.js ".length).split(/\s+/);
      // Files the commands write (`--html report.html`) go to a temporary folder, not the tree.
      const html = args.indexOf("--html");
      if (html >= 0) args[html + 1] = join(out, args[html + 1]);
      const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { cwd: root });
      assert.equal(r.status, 0, `${command}\n${r.stderr}`);
      assert.ok(r.stdout.length > 100, command);
      if (args.includes("--json")) JSON.parse(r.stdout.toString());
      if (html >= 0) assert.ok(existsSync(args[html + 1]), `${command} writes its report`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
