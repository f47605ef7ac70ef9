import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const main = `${root}src/cli/main.ts`;

function toklab(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { cwd: root });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

const COUNTS = [
  "tokens",
  "ok",
  "unreachable_single",
  "unreachable_multi",
  "undecodable",
  "special",
  "added",
  "partial_utf8",
  "non_utf8_bytes",
  "byte_fallback",
  "byte_fallback_duplicates",
  "pretokenizer_unreachable",
];

test("audit --json: the machine contract", () => {
  const r = toklab(["audit", "-t", "r50k_base", "--json", "--examples", "2"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  for (const key of COUNTS) assert.ok(Number.isInteger(out[key]), `${key} is an integer`);
  assert.equal(out.partial_utf8, 216);
  assert.equal(out.tokenizer, "r50k_base");
  // The classes partition the vocabulary.
  const classes = out.ok + out.unreachable_single + out.unreachable_multi + out.undecodable + out.special;
  assert.equal(classes, out.tokens);
  assert.equal(out.scripts.Latin > 40000, true);
  assert.equal(Object.values(out.categories).every(Number.isInteger), true);
  assert.equal(out.examples.partial_utf8.length, 2);
  assert.deepEqual(Object.keys(out.examples.partial_utf8[0]).sort(), ["id", "piece", "text"]);
});

test("audit: readable summary, and usage errors exit 2", () => {
  const r = toklab(["audit", "-t", "r50k_base", "--examples", "1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /partial_utf8\s+216\b/);
  assert.match(r.stdout, /^scripts:$/m);
  assert.equal(toklab(["audit", "-t", "r50k_base", "--examples", "x"]).code, 2);
  assert.equal(toklab(["audit", "-t", "no_such_tokenizer"]).code, 2);
});

test("README: every `audit ... --json | jq .KEY  # N` line of the Vocabulary audit section holds", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Vocabulary audit"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  let checked = 0;
  for (const line of block.split("\n")) {
    const m = /^node dist\/cli\/main\.js (audit .*?--json) \| jq \.(\w+)\s+# (\d+)$/.exec(line);
    if (!m) continue;
    const r = toklab(m[1].split(/\s+/));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout)[m[2]], Number(m[3]), line);
    checked++;
  }
  assert.ok(checked >= 3, `expected at least 3 checked examples, found ${checked}`);
});
