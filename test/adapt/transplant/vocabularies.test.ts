/**
 * Vocabularies with byte-fallback tokens (Llama 2's tokenizer.json, a small SentencePiece-style
 * one) and with added tokens: `<0xNN>` and special tokens are shared by bytes and content, the
 * dummy-prefix spelling and the fewest-tokens spelling of FVT, added tokens matched at other ids.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { transplantEmbeddingFile } from "../../../src/node/transplant-file.js";
import {
  f32Bytes,
  f32Stream,
  readSafetensors,
  safetensorsFile,
  sentencePieceStyleTokenizer,
  tempDir,
} from "../../support/adapt/transplant.js";
import { lenmlTokenizer } from "../../support/lm/tokenizers.js";

const dir = tempDir();
const COLS = 4;

async function transplant(from: Tokenizer, to: Tokenizer, name: string) {
  const old = Float32Array.from({ length: from.vocabSize * COLS }, f32Stream(21));
  const input = join(dir, `${name}-in.safetensors`);
  writeFileSync(
    input,
    safetensorsFile([{ name: "w", dtype: "F32", shape: [from.vocabSize, COLS], data: f32Bytes(old) }]),
  );
  const output = join(dir, `${name}-out.safetensors`);
  const report = await transplantEmbeddingFile({ from, to, input, tensors: ["w"], method: "fvt", output });
  const t = readSafetensors(output).tensors.get("w")!;
  const got = new Float32Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.length));
  const newRow = (id: number) => Array.from(got.subarray(id * COLS, (id + 1) * COLS));
  const oldRow = (id: number) => Array.from(old.subarray(id * COLS, (id + 1) * COLS));
  const meanOf = (ids: readonly number[]) =>
    Array.from({ length: COLS }, (_, c) =>
      Math.fround(ids.reduce((s, id) => s + old[id * COLS + c], 0) / ids.length),
    );
  return { report, newRow, oldRow, meanOf };
}

test("Llama 2 (byte fallback) → a small SentencePiece-style vocabulary", async () => {
  const llama = lenmlTokenizer("llama2");
  const small = sentencePieceStyleTokenizer(
    [
      ["▁", "t"],
      ["h", "e"],
      ["▁t", "he"],
      ["x", "y"],
      ["▁", "xy"],
      ["z", "z"],
      ["▁xy", "zz"],
      ["q", "z"],
      ["qz", "x"],
    ],
    [
      { id: 400, content: "<|im_start|>", special: true },
      { id: 401, content: "<think>", special: false },
    ],
  );
  const { report, newRow, oldRow, meanOf } = await transplant(llama, small, "llama");
  // The 256 byte tokens and <unk> <s> </s>: the same ids here, copied.
  for (let id = 0; id < 259; id++) assert.deepEqual(newRow(id), oldRow(id), small.token(id)!.piece);
  // Tokens with the same bytes: "▁the" in both, "▁t", "he", single characters.
  for (const piece of ["▁the", "▁t", "he", "x", "q"]) {
    assert.deepEqual(newRow(small.tokenId(piece)!), oldRow(llama.tokenId(piece)!), piece);
  }
  // "▁xyzz": Llama 2 prepends "▁", so its spelling of " xyzz" is its encoding of "xyzz".
  const xyzz = llama.encode("xyzz");
  assert.equal(Buffer.from(llama.decodeBytes(xyzz)).toString(), " xyzz");
  assert.deepEqual(newRow(small.tokenId("▁xyzz")!), meanOf(xyzz));
  // "qzx" inside a word: no Llama 2 token is "qzx", "qz" or "zx", so the fewest tokens are q z x.
  for (const piece of ["qzx", "qz", "zx"]) assert.equal(llama.tokenId(piece), undefined);
  assert.deepEqual(newRow(small.tokenId("qzx")!), meanOf(["q", "z", "x"].map((p) => llama.tokenId(p)!)));
  // Every FVT row is the mean of old tokens that spell the new token's bytes.
  let fvt = 0;
  report.plan.rows.forEach((r, id) => {
    if (r.kind !== "fvt") return;
    fvt++;
    assert.deepEqual(
      Buffer.from(llama.decodeBytes(r.from)),
      Buffer.from(small.tokenBytes(id)),
      small.token(id)!.piece,
    );
    assert.deepEqual(newRow(id), meanOf(r.from));
  });
  assert.ok(fvt >= 3, `${fvt} FVT rows`); // ▁xyzz, qzx, <think>, and the merges Llama 2 lacks
  // Ids with no token (the gap up to the added tokens) get the mean row, reported as holes.
  let holes = 0;
  for (let id = 0; id < small.vocabSize; id++) if (small.token(id) === undefined) holes++;
  assert.ok(holes > 100);
  assert.equal(report.plan.meanRows.filter((t) => t.reason === "hole").length, holes);
  assert.deepEqual(
    report.plan.meanRows.filter((t) => t.reason !== "hole").map((t) => [t.piece, t.reason]),
    [["<|im_start|>", "special"]],
  );
});

test("added and special tokens are matched by content at other ids; a special the old vocabulary lacks gets the mean row", async () => {
  const old = sentencePieceStyleTokenizer(
    [
      ["▁", "a"],
      ["▁a", "b"],
    ],
    [
      { id: 270, content: "<|im_start|>", special: true },
      { id: 271, content: "<think>", special: false },
    ],
  );
  const neu = sentencePieceStyleTokenizer(
    [
      ["▁", "b"],
      ["▁", "a"],
    ],
    [
      { id: 280, content: "<think>", special: false },
      { id: 281, content: "<|im_start|>", special: true },
      { id: 282, content: "<|im_end|>", special: true },
    ],
  );
  assert.equal(old.token(271)!.form, "added");
  const { report, newRow, oldRow } = await transplant(old, neu, "added");
  assert.deepEqual(newRow(280), oldRow(271));
  assert.deepEqual(newRow(281), oldRow(270));
  assert.deepEqual(newRow(neu.tokenId("▁a")!), oldRow(old.tokenId("▁a")!));
  assert.deepEqual(
    report.plan.meanRows.filter((t) => t.reason !== "hole").map((t) => [t.id, t.reason]),
    [[282, "special"]],
  );
  // "▁b" is new: Llama-style spelling "b" → ["▁", "b"].
  const r = report.plan.rows[neu.tokenId("▁b")!];
  assert.equal(r.kind, "fvt");
  assert.deepEqual(r.kind === "fvt" ? r.from : [], old.encode("b"));
});
