/**
 * The same pretokenizer preset names in every command: `toklab train --preset` takes names and
 * aliases from the table (src/core/pretokenize/presets.ts), and a `.tiktoken` file's `--preset`
 * takes a built-in encoding (pattern and special tokens) or a preset (pattern only).
 */
import assert from "node:assert/strict";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { O200K_PATTERN } from "../../src/core/pretokenize/patterns.js";
import { PRETOKENIZER_PRESETS } from "../../src/core/pretokenize/presets.js";
import { ENCODING_NAMES } from "../../src/encodings/index.js";
import { adversarialStrings } from "../support/adversarial.js";
import { runToklab as toklab } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "toklab-presets-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const corpus = join(dir, "corpus.txt");
writeFileSync(
  corpus,
  `${[
    ...Array.from({ length: 200 }, (_, i) => `the court held that ${1990 + (i % 30)} camelCase isn't DONE`),
    ...adversarialStrings(3, 40).map((s) => s.replace(/[\r\n\u2028\u2029\u0085]/g, " ")),
  ].join("\n")}\n`,
);
const probe = [...adversarialStrings(9, 30), "the court held that 1999 <|endoftext|> camelCase"];
const jsonl = `${probe.map((t) => JSON.stringify(t)).join("\n")}\n`;

function train(out: string, ...args: string[]) {
  return toklab(["train", "--input", corpus, "--vocab-size", "320", "--out", out, "--quiet", ...args]);
}

function ids(stdout: string): number[][] {
  return stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

const byAlias = join(dir, "o200k_base");
const byName = join(dir, "o200k");

describe("toklab train --preset", () => {
  test("an alias (o200k_base) trains exactly what its preset (o200k) trains, and records o200k", () => {
    for (const [out, preset] of [
      [byAlias, "o200k_base"],
      [byName, "o200k"],
    ]) {
      const r = train(out, "--preset", preset);
      assert.equal(r.code, 0, r.stderr);
    }
    for (const f of ["tokenizer.json", "tokenizer.tiktoken", "vocab.json", "merges.txt"]) {
      assert.ok(readFileSync(join(byAlias, f)).equals(readFileSync(join(byName, f))), f);
    }
    const manifest = JSON.parse(readFileSync(join(byAlias, "manifest.json"), "utf8"));
    assert.equal(manifest.pieces.preset, "o200k");
    assert.equal(manifest.tiktoken.pattern, O200K_PATTERN);
  });

  test("an unknown name exits 2 listing every name and alias; nothing is written", () => {
    const out = join(dir, "unknown");
    const r = train(out, "--preset", "o300k");
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /--preset "o300k": expected one of gpt2, cl100k, o200k, qwen2, none, superword, script/,
    );
    for (const p of PRETOKENIZER_PRESETS)
      for (const n of [p.name, ...p.aliases]) assert.ok(r.stderr.includes(n), n);
    assert.ok(!existsSync(out));
  });

  test("script has no tokenizer.json form: refused before reading input; the other formats are written", () => {
    const refused = toklab([
      "train",
      "--input",
      join(dir, "no-such-file.txt"),
      "--vocab-size",
      "320",
      "--preset",
      "script",
      "--out",
      join(dir, "script-refused"),
    ]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(
      refused.stderr,
      /--preset script has no tokenizer\.json form.*give --format tiktoken,vocab-merges/,
    );
    const out = join(dir, "script");
    const r = train(out, "--preset", "script", "--format", "tiktoken,vocab-merges");
    assert.equal(r.code, 0, r.stderr);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    assert.equal(manifest.pieces.preset, "script");
    assert.equal(manifest.preTokenizer, null);
    assert.equal(manifest.tiktoken.pattern, null);
    assert.ok(existsSync(join(out, "vocab.json")) && !existsSync(join(out, "tokenizer.json")));
  });
});

describe("a .tiktoken file's --preset", () => {
  // The trained rank file without its manifest.json, so only --preset can complete it.
  const bare = join(dir, "bare");
  const ranks = join(bare, "x.tiktoken");

  test("a preset name (o200k) gives the pattern alone: the trained tokenizer.json's ids, no special tokens", () => {
    mkdirSync(bare, { recursive: true });
    copyFileSync(join(byName, "tokenizer.tiktoken"), ranks);
    const want = toklab(["encode", "-t", join(byName, "tokenizer.json"), "--jsonl"], jsonl);
    assert.equal(want.code, 0, want.stderr);
    for (const preset of ["o200k", "o200k_harmony"]) {
      // o200k_harmony is an encoding: its specials come along, but ordinary text is cut the same.
      const got = toklab(["encode", "-t", ranks, "--preset", preset, "--jsonl"], jsonl);
      assert.equal(got.code, 0, got.stderr);
      assert.deepEqual(ids(got.stdout), ids(want.stdout), preset);
    }
    const special = `${JSON.stringify("<|endoftext|>")}\n`;
    const asPreset = toklab(
      ["encode", "-t", ranks, "--preset", "o200k", "--jsonl", "--allow-special"],
      special,
    );
    const asText = toklab(["encode", "-t", ranks, "--preset", "o200k", "--jsonl"], special);
    assert.equal(asPreset.code, 0, asPreset.stderr);
    assert.deepEqual(ids(asPreset.stdout), ids(asText.stdout), "no special tokens: <|endoftext|> stays text");
    assert.ok(ids(asText.stdout)[0].length > 1);
    const asEncoding = toklab(
      ["encode", "-t", ranks, "--preset", "o200k_base", "--jsonl", "--allow-special"],
      special,
    );
    assert.equal(asEncoding.code, 0, asEncoding.stderr);
    assert.deepEqual(ids(asEncoding.stdout), [[199999]], "an encoding's name brings its special tokens");
  });

  test("an unknown name exits 2 listing the encodings and the presets; script has no pattern", () => {
    const r = toklab(["count", "-t", ranks, "--preset", "o300k"], "hello");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown preset "o300k" \(did you mean o200k\?\); give one of /);
    for (const n of [...ENCODING_NAMES, "cl100k", "llama3", "o200k", "qwen2", "qwen3", "none"]) {
      assert.ok(r.stderr.includes(n), n);
    }
    const script = toklab(["count", "-t", ranks, "--preset", "script"], "hello");
    assert.equal(script.code, 2);
    assert.match(script.stderr, /preset "script" has no tiktoken pattern/);
  });
});

test("train --help lists every preset and alias; --help of -t commands says what --preset means for a .tiktoken file", () => {
  const r = toklab(["train", "--help"]);
  assert.equal(r.code, 0);
  for (const p of PRETOKENIZER_PRESETS) {
    assert.match(
      r.stdout,
      new RegExp(`^  ${p.name} +${p.description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"),
    );
    for (const a of p.aliases) assert.ok(r.stdout.includes(a), a);
  }
  for (const command of ["encode", "count", "compare"]) {
    const h = toklab([command, "--help"]);
    assert.equal(h.code, 0);
    assert.match(
      h.stdout,
      /a\s+PRESET's name \(o200k, qwen2, llama3\.\.\.;[^)]*\) gives\s+its\s+pattern\s+only,\s+with\s+no\s+special\s+tokens/,
      command,
    );
  }
});
