import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { tiktokenReference } from "../support/tiktoken-data.js";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toklab-eval-"));
const cl100k = tiktokenReference("cl100k_base");
const o200k = tiktokenReference("o200k_base");
after(() => {
  cl100k.free();
  o200k.free();
});

function toklab(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args]);
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const docs = [
  { text: "The committee approved the proposal on Tuesday.", cat: "prose" },
  { text: "for (let i = 0; i < n; i++) sum += xs[i];", cat: "code" },
  { text: "Le comité a approuvé la proposition mardi.", cat: "prose" },
];
const CONTRACT = [
  "tokens",
  "bytes_per_token",
  "chars_per_token",
  "fertility",
  "continued_words",
  "renyi_efficiency",
];

test("compare --json: one object per tokenizer, named as given, with the contract's numbers", () => {
  const corpus = file("docs.jsonl", docs.map((d) => JSON.stringify(d)).join("\n"));
  const r = toklab(["compare", "-t", "cl100k_base,o200k_base", "--corpus", corpus, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(
    out.tokenizers.map((t: { name: string }) => t.name),
    ["cl100k_base", "o200k_base"],
  );
  const refs = [cl100k, o200k];
  out.tokenizers.forEach((t: Record<string, unknown>, i: number) => {
    for (const k of CONTRACT) assert.equal(typeof t[k], "number", k);
    const count = (ds: typeof docs) => ds.reduce((a, d) => a + refs[i].encode_ordinary(d.text).length, 0);
    const bytes = (ds: typeof docs) => ds.reduce((a, d) => a + Buffer.byteLength(d.text), 0);
    assert.equal(t.tokens, count(docs));
    assert.equal(t.bytes_per_token, bytes(docs) / count(docs));
    const cats = t.categories as Record<string, Record<string, number>>;
    assert.deepEqual(Object.keys(cats), ["prose", "code"]);
    for (const cat of ["prose", "code"]) {
      const part = docs.filter((d) => d.cat === cat);
      for (const k of CONTRACT) assert.equal(typeof cats[cat][k], "number", `${cat}.${k}`);
      assert.equal(cats[cat].tokens, count(part));
      assert.equal(cats[cat].bytes_per_token, bytes(part) / count(part));
    }
  });
  // The baseline (first tokenizer) has a normalized sequence length of 1.
  assert.equal(out.tokenizers[0].normalized_sequence_length, 1);
});

test("compare: plain text corpus, --builtin, and a table by default", () => {
  const text = "Plain text files are one document each.\n";
  const r = toklab(["compare", "-t", "o200k_base", "--corpus", file("plain.txt", text), "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const t = JSON.parse(r.stdout).tokenizers[0];
  assert.equal(t.tokens, o200k.encode_ordinary(text).length);
  assert.deepEqual(t.categories, {});
  const b = toklab(["compare", "-t", "o200k_base,cl100k_base", "--builtin", "--baseline", "cl100k_base"]);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /^tokenizer\s+tokens\s+bytes\/tok/m);
  assert.match(b.stdout, /Category udhr_eng/);
});

test("parity --json: premiums relative to English on a user corpus", () => {
  const rows = ["en\tThe cat sleeps.", "de\tDie Katze schläft.", "ja\t猫が眠っている。", "en\tGood night."];
  const r = toklab(["parity", "-t", "cl100k_base", "--corpus", file("par.tsv", rows.join("\n")), "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const n = (s: string) => cl100k.encode_ordinary(s).length;
  const en = n("The cat sleeps.\nGood night.");
  assert.deepEqual(out.premiums, { de: n("Die Katze schläft.") / en, en: 1, ja: n("猫が眠っている。") / en });
});

test("parity --reference: premiums divided by the named language, neither first in the file nor by code", () => {
  const rows = ["en\tThe cat sleeps.", "ja\t猫が眠っている。", "de\tDie Katze schläft."];
  const r = toklab([
    "parity",
    "-t",
    "cl100k_base",
    "--corpus",
    file("par-ref.tsv", rows.join("\n")),
    "--reference",
    "ja",
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const n = (s: string) => cl100k.encode_ordinary(s).length;
  const ja = n("猫が眠っている。");
  assert.equal(out.reference, "ja");
  assert.deepEqual(out.premiums, { de: n("Die Katze schläft.") / ja, en: n("The cat sleeps.") / ja, ja: 1 });
});

test("parity --json on the built-in UDHR: hundreds of languages, English is 1", () => {
  const r = toklab(["parity", "-t", "o200k_base", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const { premiums } = JSON.parse(r.stdout);
  assert.equal(premiums.eng, 1);
  assert.ok(Object.keys(premiums).length > 400);
  assert.ok(premiums.fra > 1 && premiums.amh > premiums.fra, `${premiums.fra} ${premiums.amh}`);
});

test("parity's table: the udhr package's codes, ISO 639-3 codes and names; a summary; --sort", () => {
  const r = toklab(["parity", "-t", "o200k_base"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^code +ISO 639-3 +name +tokens +premium$/m);
  assert.match(r.stdout, /^eng +eng +English +\d+ +1\.000$/m);
  // A numbered translation: its language code beside it, and why it is numbered below.
  assert.match(r.stdout, /^065 +gex +Garre +\d+ +\d\.\d{3}$/m);
  assert.match(r.stdout, /48\s+translations\s+are\s+keyed\s+by\s+a\s+number/);
  assert.match(r.stdout, /^Median premium \d\.\d\d over \d+ languages; most expensive: \S+ /m);
  const byName = toklab(["parity", "-t", "o200k_base", "--sort", "name"]).stdout;
  const names = byName
    .split("\n")
    .filter((l) => /^\S+ +[a-z]{3} +\S/.test(l))
    .map((l) => l.split(/ {2,}/)[2]);
  assert.ok(
    names.indexOf("English") < names.indexOf("French") &&
      names.indexOf("Afrikaans") < names.indexOf("English"),
  );
  const json = JSON.parse(toklab(["parity", "-t", "o200k_base", "--json"]).stdout);
  assert.deepEqual(json.languages["065"], { name: "Garre", iso6393: "gex", bcp47: "gex" });
  assert.equal(json.summary.most_expensive.length, 5);
  assert.ok(json.summary.median > 1);
});

test("errors: unknown tokenizer exits 2, a bad corpus exits 1 naming the file", () => {
  const unknown = toklab(["compare", "-t", "no_such_tok", "--builtin", "--json"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown tokenizer "no_such_tok"/);
  const missing = join(dir, "missing.jsonl");
  const r = toklab(["compare", "-t", "o200k_base", "--corpus", missing, "--json"]);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(missing), r.stderr);
  const bad = file("bad.jsonl", '{"text": "ok"}\n{"txt": 1}\n');
  const b = toklab(["compare", "-t", "o200k_base", "--corpus", bad]);
  assert.equal(b.code, 1);
  assert.ok(b.stderr.includes(`${bad}:2`), b.stderr);
  const p = toklab(["parity", "-t", "o200k_base", "--corpus", file("bad.tsv", "en no tab here\n")]);
  assert.equal(p.code, 1);
  assert.match(p.stderr, /bad\.tsv:1/);
  assert.equal(toklab(["compare", "-t", "o200k_base"]).code, 2);
});
