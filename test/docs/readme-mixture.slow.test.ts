import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = `${root}src/cli/main.ts`;

// The README's UDHR mixture command runs as written (from the sources, with only the packages a
// clone installs) and prints the shares the README quotes.
test("README: the 'Data-mixture inference' UDHR command prints the shares quoted below it", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Data-mixture inference"));
  const command = section
    .split("\n")
    .find((l) => l.startsWith("node dist/cli/main.js mixture ") && l.includes("--udhr"));
  assert.ok(command, "the section shows a --udhr command");
  const args = command.slice("node dist/cli/main.js ".length).split(/\s+/);
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const quoted = /\(for \S+ and these six UDHR texts: ([^)]*?), in about/.exec(
    section.replace(/\n/g, " "),
  )?.[1];
  assert.ok(quoted, "the section quotes the shares");
  const expected = new Map(
    quoted.split(", ").map((item) => {
      const [name, pct] = item.split(" ");
      return [name, Number(pct.replace("%", ""))];
    }),
  );
  const printed = new Map<string, number>();
  for (const line of r.stdout.split("\n")) {
    const m = /^(\S+)\s+\d+\s+([\d.]+)$/.exec(line);
    if (m) printed.set(m[1], Number(m[2]));
  }
  assert.deepEqual([...printed.keys()].sort(), [...expected.keys()].sort());
  // The table prints two decimals and the README quotes one: equal up to that rounding.
  for (const [name, pct] of expected) {
    const got = printed.get(name) ?? Number.NaN;
    assert.ok(Math.abs(got - pct) <= 0.051, `${name}: printed ${got}%, README ${pct}%`);
  }
});
