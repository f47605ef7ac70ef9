/**
 * Malformed inputs to transplantEmbeddingFile: each is an error that names the file and the
 * fault, and the output path does not exist afterwards (not even a temporary file beside it).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { writeTensorFile } from "../../../src/node/tensor-write.js";
import { transplantEmbeddingFile } from "../../../src/node/transplant-file.js";
import {
  byteLevelTokenizer,
  f32Bytes,
  NEW_ADDED,
  NEW_MERGES,
  OLD_ADDED,
  OLD_MERGES,
  readSafetensors,
  safetensorsFile,
  tempDir,
} from "../../support/adapt/transplant.js";

const root = tempDir();
const oldTok = byteLevelTokenizer(OLD_MERGES, OLD_ADDED);
const newTok = byteLevelTokenizer(NEW_MERGES, NEW_ADDED);
const ROWS = oldTok.vocabSize;
const good = safetensorsFile([
  { name: "w", dtype: "F32", shape: [ROWS, 2], data: f32Bytes(new Float32Array(ROWS * 2).fill(0.5)) },
  { name: "ids", dtype: "I64", shape: [2], data: new Uint8Array(16) },
]);

function withLength(bytes: Uint8Array, n: bigint): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setBigUint64(0, n, true);
  return copy;
}

const cases: [string, Uint8Array, RegExp, string[]?][] = [
  ["bad header length", withLength(good, 1n << 40n), /over the 100000000-byte limit/],
  ["header past the end", withLength(good, BigInt(good.length)), /runs past the end of the file/],
  [
    "offsets out of range",
    safetensorsFile(
      [{ name: "w", dtype: "F32", shape: [ROWS, 2], data: new Uint8Array(ROWS * 8) }],
      undefined,
      [[8, ROWS * 8 + 8]],
    ),
    /data_offsets \[8, \d+\] run past the end of the file/,
  ],
  [
    "dtype mismatch",
    safetensorsFile([{ name: "w", dtype: "F16", shape: [ROWS, 2], data: new Uint8Array(ROWS * 8) }]),
    /shape \[263, 2\] of F16 is 1052 bytes but data_offsets \[0, 2104\] span 2104 \(dtype or shape mismatch\)/,
  ],
  ["truncated file", good.subarray(0, good.length - 3), /run past the end of the file .* truncated/],
  ["missing tensor", good, /no tensor "nope" \(2 tensors: w, ids\)/, ["nope"]],
  ["a tensor that is not a float matrix", good, /tensor "ids" has shape \[2\], not a matrix/, ["ids"]],
  [
    "an integer matrix",
    safetensorsFile([{ name: "w", dtype: "I32", shape: [ROWS, 2], data: new Uint8Array(ROWS * 8) }]),
    /tensor "w" is I32; only F32, F16 and BF16 matrices are supported/,
  ],
];

for (const [what, bytes, message, tensors] of cases) {
  test(`${what}: a clear error naming the file, nothing written`, async () => {
    const dir = join(root, what.replaceAll(" ", "-"));
    mkdirSync(dir);
    const input = join(dir, "in.safetensors");
    writeFileSync(input, bytes);
    const output = join(dir, "out.safetensors");
    await assert.rejects(
      transplantEmbeddingFile({
        from: oldTok,
        to: newTok,
        input,
        tensors: tensors ?? ["w"],
        method: "fvt",
        output,
      }),
      (e: Error) => e.message.startsWith(`${input}: `) && message.test(e.message),
    );
    assert.equal(existsSync(output), false);
    assert.deepEqual(readdirSync(dir), ["in.safetensors"]);
  });
}

test("a failure while writing (a donor that is missing) leaves no output and no temporary file", async () => {
  const dir = join(root, "donor");
  mkdirSync(dir);
  const input = join(dir, "in.safetensors");
  writeFileSync(input, good);
  const output = join(dir, "out.safetensors");
  await assert.rejects(
    transplantEmbeddingFile({
      from: oldTok,
      to: newTok,
      input,
      tensors: ["w"],
      method: "omp",
      donor: { path: join(dir, "missing.safetensors"), tokenizer: newTok },
      output,
    }),
    /ENOENT/,
  );
  assert.deepEqual(readdirSync(dir), ["in.safetensors"]);
  // The output is the input: refused before anything is written.
  await assert.rejects(
    transplantEmbeddingFile({
      from: oldTok,
      to: newTok,
      input,
      tensors: ["w"],
      method: "fvt",
      output: input,
    }),
    /is the input file/,
  );
});

test("an existing output is replaced whole, or kept when the transplant fails", async () => {
  const dir = join(root, "replace");
  mkdirSync(dir);
  const input = join(dir, "in.safetensors");
  writeFileSync(input, good);
  const output = join(dir, "out.safetensors");
  writeFileSync(output, "old content");
  await assert.rejects(
    transplantEmbeddingFile({ from: oldTok, to: newTok, input, tensors: ["nope"], method: "fvt", output }),
  );
  assert.deepEqual(readdirSync(dir).sort(), ["in.safetensors", "out.safetensors"]);
  assert.equal(readFileSync(output, "utf8"), "old content");
  await transplantEmbeddingFile({ from: oldTok, to: newTok, input, tensors: ["w"], method: "fvt", output });
  assert.deepEqual(readdirSync(dir).sort(), ["in.safetensors", "out.safetensors"]);
  assert.deepEqual(readSafetensors(output).tensors.get("w")!.shape, [newTok.vocabSize, 2]);
});

test("a producer that fails halfway through the data: no output, no temporary file", async () => {
  const dir = join(root, "halfway");
  mkdirSync(dir);
  const output = join(dir, "out.safetensors");
  await assert.rejects(
    writeTensorFile(
      output,
      "safetensors",
      [
        {
          name: "w",
          dtype: "F32",
          shape: [1 << 20],
          produce: async (sink) => {
            await sink.write(new Uint8Array(3 << 20));
            throw new Error("disk on fire");
          },
        },
      ],
      null,
    ),
    /disk on fire/,
  );
  // A producer that writes the wrong number of bytes is caught too.
  await assert.rejects(
    writeTensorFile(
      output,
      "safetensors",
      [{ name: "w", dtype: "F32", shape: [4], produce: (sink) => sink.write(new Uint8Array(12)) }],
      null,
    ),
    /wrote 12 bytes, its shape needs 16/,
  );
  assert.deepEqual(readdirSync(dir), []);
});
