/**
 * `toklab train --algo unigram|wordpiece` as a user runs it: the files written, each loadable by
 * `-t` (and the .model by spm_encode where it is installed), JSONL input, and the errors for
 * options that do not apply, a vocabulary too small, a missing file.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Tokenizer } from "tokenizers";
import { parseSentencePieceModel } from "../../src/formats/sentencepiece/tokenizer.js";
import { toklab } from "../support/cli.js";
import { zipfCorpus } from "../support/train/zipf-corpus.js";

const dir = mkdtempSync(join(tmpdir(), "toklab-train-uw-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const text = join(dir, "corpus.txt");
writeFileSync(text, zipfCorpus(2, 3, 800));
const jsonl = join(dir, "corpus.jsonl");
writeFileSync(
  jsonl,
  zipfCorpus(2, 3, 800)
    .split("\n")
    .map((t) => JSON.stringify({ body: t }))
    .join("\n"),
);

test("unigram: tokenizer.model and tokenizer.json that encode alike; JSONL gives the same model", async () => {
  const out = join(dir, "unigram");
  const r = await toklab([
    "train",
    "--algo",
    "unigram",
    "--input",
    text,
    "--vocab-size",
    "500",
    "--out",
    out,
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).vocab_size, 500);
  for (const f of ["tokenizer.model", "tokenizer.json", "manifest.json"])
    assert.ok(existsSync(join(out, f)), f);
  const model = parseSentencePieceModel(readFileSync(join(out, "tokenizer.model")));
  const hf = Tokenizer.fromString(readFileSync(join(out, "tokenizer.json"), "utf8"));
  for (const line of zipfCorpus(2, 4, 30).split("\n")) {
    assert.deepEqual((await hf.encode(line)).getIds(), model.encode(line), line);
  }
  const enc = await toklab(["encode", "-t", out], { input: "kata nemo" });
  assert.equal(enc.code, 0, enc.stderr);
  const out2 = join(dir, "unigram-jsonl");
  const r2 = await toklab([
    "train",
    "--algo",
    "unigram",
    "--input",
    jsonl,
    "--field",
    "body",
    "--vocab-size",
    "500",
    "--out",
    out2,
    "-q",
  ]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.deepEqual(readFileSync(join(out2, "tokenizer.model")), readFileSync(join(out, "tokenizer.model")));
});

test("wordpiece: a tokenizer.json the binding and -t load", async () => {
  const out = join(dir, "wordpiece");
  const r = await toklab([
    "train",
    "--algo",
    "wordpiece",
    "--input",
    text,
    "--vocab-size",
    "400",
    "--out",
    out,
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).vocab_size, 400);
  const hf = Tokenizer.fromString(readFileSync(join(out, "tokenizer.json"), "utf8"));
  assert.equal(hf.getVocabSize(), 400);
  const enc = await toklab(["encode", "-t", out], { input: "Kata nemo [CLS]" });
  assert.equal(enc.code, 0, enc.stderr);
});

test("clear errors", async () => {
  const cases: [string[], RegExp][] = [
    [["--algo", "unigram", "--preset", "o200k"], /--preset does not apply/],
    [["--algo", "wordpiece", "--byte-fallback"], /--byte-fallback does not apply/],
    [["--algo", "bpe", "--character-coverage", "0.99"], /applies to --algo unigram only/],
    [["--algo", "unigram", "--character-coverage", "2"], /expected a number in \(0, 1\]/],
    [["--algo", "unigram", "--format", "tiktoken"], /writes model, tokenizer.json/],
    [["--algo", "wordpiece", "--special", "[CLS]"], /must include \[UNK\]/],
  ];
  for (const [args, message] of cases) {
    const r = await toklab([
      "train",
      "--input",
      text,
      "--vocab-size",
      "500",
      "--out",
      join(dir, "x"),
      ...args,
    ]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const small = await toklab([
    "train",
    "--algo",
    "unigram",
    "--input",
    text,
    "--vocab-size",
    "10",
    "--out",
    join(dir, "y"),
  ]);
  assert.equal(small.code, 2);
  assert.match(small.stderr, /required characters/);
  const missing = await toklab([
    "train",
    "--algo",
    "unigram",
    "--input",
    join(dir, "nope.txt"),
    "--vocab-size",
    "500",
    "--out",
    join(dir, "z"),
  ]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.txt/);
  assert.ok(!existsSync(join(dir, "x")) && !existsSync(join(dir, "y")) && !existsSync(join(dir, "z")));
});
