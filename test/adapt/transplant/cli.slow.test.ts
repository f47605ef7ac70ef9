/**
 * `toklab transplant` as a newcomer runs it: help, a wrong method, a missing file, a malformed
 * safetensors file (exit 1, the file named, nothing written), and a run with --json.
 */
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  byteLevelTokenizerJson,
  f32Bytes,
  f32Stream,
  NEW_ADDED,
  NEW_MERGES,
  OLD_ADDED,
  OLD_MERGES,
  readSafetensors,
  safetensorsFile,
  tempDir,
} from "../../support/adapt/transplant.js";
import { inBatches, toklab } from "../../support/cli.js";

const dir = tempDir();
const oldJson = join(dir, "old.json");
const newJson = join(dir, "new.json");
writeFileSync(oldJson, byteLevelTokenizerJson(OLD_MERGES, OLD_ADDED));
writeFileSync(newJson, byteLevelTokenizerJson(NEW_MERGES, NEW_ADDED));
const ROWS = 263;
const input = join(dir, "in.safetensors");
writeFileSync(
  input,
  safetensorsFile([
    {
      name: "embed",
      dtype: "F32",
      shape: [ROWS, 3],
      data: f32Bytes(Float32Array.from({ length: ROWS * 3 }, f32Stream(1))),
    },
  ]),
);
const truncated = join(dir, "truncated.safetensors");
writeFileSync(
  truncated,
  safetensorsFile([
    { name: "embed", dtype: "F32", shape: [ROWS, 3], data: new Uint8Array(ROWS * 12) },
  ]).subarray(0, 200),
);

const base = ["transplant", "--from", oldJson, "--to", newJson, "--tensor", "embed"];

test("toklab transplant: help, usage errors, missing and malformed files, a --json run", async () => {
  const out = (name: string) => join(dir, name);
  const [help, method, noOut, missing, malformed, ok] = await inBatches(
    [
      () => toklab(["transplant", "--help"]),
      () => toklab([...base, "--embeddings", input, "--method", "mean", "--out", out("a.safetensors")]),
      () => toklab([...base, "--embeddings", input, "--method", "fvt"]),
      () =>
        toklab([
          ...base,
          "--embeddings",
          join(dir, "nope.safetensors"),
          "--method",
          "fvt",
          "--out",
          out("b.safetensors"),
        ]),
      () => toklab([...base, "--embeddings", truncated, "--method", "fvt", "--out", out("c.safetensors")]),
      () =>
        toklab([...base, "--embeddings", input, "--method", "fvt", "--out", out("d.safetensors"), "--json"]),
    ],
    3,
  );
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--method copy\|fvt\|omp/);
  assert.match(help.stdout, /--donor-tokenizer/);
  assert.equal(method.code, 2);
  assert.match(method.stderr, /--method must be one of copy, fvt, omp, got "mean"/);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /missing -o FILE/);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such file: .*nope\.safetensors/);
  assert.equal(malformed.code, 1);
  assert.match(
    malformed.stderr,
    /truncated\.safetensors: header length \d+ runs past the end of the file|truncated\.safetensors: .*truncated/,
  );
  assert.equal(existsSync(out("c.safetensors")), false);
  assert.equal(ok.code, 0, ok.stderr);
  const report = JSON.parse(ok.stdout);
  assert.equal(report.vocab_size, 269);
  assert.deepEqual(report.rows, { copied: 261, fvt: 7, omp: 0, mean: 1 });
  assert.deepEqual(report.tensors[0].new_shape, [269, 3]);
  assert.deepEqual(readSafetensors(out("d.safetensors")).tensors.get("embed")!.shape, [269, 3]);
});
