import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = `${root}src/cli/main.ts`;
const readme = readFileSync(`${root}README.md`, "utf8");

/** The lines of the first ```sh block of a README section. */
function block(section: string): string[] {
  const body = readme.slice(readme.indexOf(`## ${section}\n`));
  return (/```sh\n([\s\S]*?)```/.exec(body)?.[1] ?? "").split("\n").filter((l) => l.trim() !== "");
}

/**
 * Runs the README's CLI, Hugging Face, SentencePiece, Chat templates and Vocabulary audit commands
 * as written (through a shell, so pipes and redirections work), with `node dist/cli/main.js`
 * replaced by `cli`, in a folder that sees the repository's README.md, LICENSE, node_modules and
 * test fixtures. A comment that states a value (`# 24912 2375`, `# [24912,2375]`, `# 19`) must be
 * the last line of stdout. Only a command that needs the network (`--download` from the real Hub)
 * is not run.
 */
function runReadmeCommands(cli: string): void {
  const cwd = mkdtempSync(join(tmpdir(), "toklab-readme-cli-"));
  for (const name of ["README.md", "LICENSE", "node_modules", "test"])
    symlinkSync(join(root, name), join(cwd, name));
  try {
    let ran = 0;
    for (const section of [
      "CLI",
      "Hugging Face tokenizer.json",
      "GGUF (llama.cpp)",
      "SentencePiece models",
      "Chat templates",
      "Vocabulary audit",
    ]) {
      const lines = block(section);
      assert.ok(lines.length >= 3, `## ${section} shows its commands`);
      for (const line of lines) {
        if (line.startsWith("npm run build")) continue;
        if (line.includes("--download")) continue; // the real Hub: the network
        const m = /^(.*?)\s{2,}#\s+(.*)$/.exec(line);
        const command = (m?.[1] ?? line).replaceAll("node dist/cli/main.js", cli);
        const r = spawnSync("bash", ["-o", "pipefail", "-c", command], {
          cwd,
          env: { ...process.env, NO_COLOR: "1" },
        });
        const stdout = r.stdout.toString();
        assert.equal(r.status, 0, `${line}\n${r.stderr}`);
        if (!command.includes(">")) assert.ok(stdout.length > 0, `${line}: no output`);
        const said = m?.[2];
        if (said !== undefined && /^(\d+( \d+)*|\[[\d,]*\]|"[^"]*")$/.test(said)) {
          assert.equal(stdout.trimEnd().split("\n").at(-1), said, line);
        }
        ran++;
      }
    }
    assert.ok(ran >= 20, `${ran} commands`);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

test("README: every command of the CLI sections exits 0 and prints what its comment says (sources)", () => {
  runReadmeCommands(`node --import tsx ${main}`);
});

test("README: the same commands through the built CLI (dist/cli/main.js, bundled)", {
  skip:
    existsSync(`${root}dist/cli/main.js`) || process.env.CI ? false : "dist/ is not built (npm run build)",
}, () => {
  runReadmeCommands(`node ${root}dist/cli/main.js`);
});
