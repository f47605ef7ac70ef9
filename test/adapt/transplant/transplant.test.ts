/**
 * transplantEmbeddingFile on small hand-built safetensors files: shared rows bit for bit, FVT
 * rows equal to a mean computed here, the mean row, tied and untied matrices, passed-through
 * tensors and metadata, every dtype.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ORDINARY } from "../../../src/core/tokenizer.js";
import { transplantEmbeddingFile } from "../../../src/node/transplant-file.js";
import {
  byteLevelTokenizer,
  f32Bytes,
  f32Stream,
  NEW_ADDED,
  NEW_MERGES,
  OLD_ADDED,
  OLD_MERGES,
  readSafetensors,
  safetensorsFile,
  tempDir,
  u16Bytes,
} from "../../support/adapt/transplant.js";

const dir = tempDir();
const oldTok = byteLevelTokenizer(OLD_MERGES, OLD_ADDED);
const newTok = byteLevelTokenizer(NEW_MERGES, NEW_ADDED);
const COLS = 6;

function matrix(seed: number, rows = oldTok.vocabSize): Float32Array {
  const next = f32Stream(seed);
  return Float32Array.from({ length: rows * COLS }, next);
}

/** Old id → new id pairs worked out here by token text, not by the matcher. */
function sharedByText(): Map<number, number> {
  const oldByKey = new Map<string, number>();
  for (let id = 0; id < oldTok.vocabSize; id++) {
    const t = oldTok.token(id)!;
    oldByKey.set(t.form === "special" ? `s:${t.piece}` : `b:${Buffer.from(t.bytes).toString("hex")}`, id);
  }
  const out = new Map<number, number>();
  for (let id = 0; id < newTok.vocabSize; id++) {
    const t = newTok.token(id)!;
    const key = t.form === "special" ? `s:${t.piece}` : `b:${Buffer.from(t.bytes).toString("hex")}`;
    const old = oldByKey.get(key);
    if (old !== undefined) out.set(id, old);
  }
  return out;
}

function row(m: Float32Array, id: number): Float32Array {
  return m.subarray(id * COLS, (id + 1) * COLS);
}

test("fvt, f32: shared rows bit for bit, FVT rows the mean of the old encoding, the rest the mean row; other tensors and metadata kept", async () => {
  const emb = matrix(1);
  const head = matrix(2);
  const extra = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const input = join(dir, "fvt-in.safetensors");
  writeFileSync(
    input,
    safetensorsFile(
      [
        { name: "extra", dtype: "I32", shape: [2], data: extra },
        { name: "embed", dtype: "F32", shape: [oldTok.vocabSize, COLS], data: f32Bytes(emb) },
        { name: "head", dtype: "F32", shape: [oldTok.vocabSize, COLS], data: f32Bytes(head) },
      ],
      { format: "pt", note: "kept" },
    ),
  );
  const output = join(dir, "fvt-out.safetensors");
  const report = await transplantEmbeddingFile({
    from: oldTok,
    to: newTok,
    input,
    tensors: ["embed", "head"],
    method: "fvt",
    output,
    blockRows: 7, // blocks that cut runs of copies
  });
  // Rows read on demand (the matrix not held in memory) give the same file.
  const onDemand = join(dir, "fvt-out-on-demand.safetensors");
  await transplantEmbeddingFile({
    from: oldTok,
    to: newTok,
    input,
    tensors: ["embed", "head"],
    method: "fvt",
    output: onDemand,
    holdBytes: 0,
  });
  assert.ok(readFileSync(onDemand).equals(readFileSync(output)));
  const out = readSafetensors(output);
  assert.deepEqual(out.metadata, { format: "pt", note: "kept" });
  assert.deepEqual([...out.tensors.keys()].sort(), ["embed", "extra", "head"]);
  assert.deepEqual(new Uint8Array(out.tensors.get("extra")!.data), extra);
  assert.equal(report.passedThrough, 1);
  assert.deepEqual(
    report.tensors.map((t) => t.tiedTo),
    [null, null],
  );
  const shared = sharedByText();
  // 256 bytes, th, the, " s", at, <|end|>
  assert.equal(shared.size, 256 + 5);
  assert.equal(report.plan.counts.copied, shared.size);
  for (const [name, old] of [
    ["embed", emb],
    ["head", head],
  ] as const) {
    const t = out.tensors.get(name)!;
    assert.equal(t.dtype, "F32");
    assert.deepEqual(t.shape, [newTok.vocabSize, COLS]);
    const got = new Float32Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.length));
    for (const [id, oldId] of shared) {
      const bytes = row(got, id);
      assert.deepEqual(
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        Buffer.from(f32Bytes(row(old, oldId))),
      );
    }
    // FVT: " the", " sat", " d", "og", " dog", the half "€" (its two byte rows), "<cat>".
    const fvt: [number, number[]][] = [];
    for (let id = 256; id < newTok.vocabSize; id++) {
      const tok = newTok.token(id)!;
      if (shared.has(id) || tok.form === "special") continue;
      const text = Buffer.from(tok.bytes).toString("utf8");
      const ids = tok.bytes[0] === 0xe2 ? [0xe2, 0x82] : oldTok.encode(text, ORDINARY);
      fvt.push([id, ids]);
    }
    assert.equal(fvt.length, 7);
    assert.equal(report.plan.counts.fvt, 7);
    for (const [id, ids] of fvt) {
      const expected = new Float32Array(COLS);
      for (let c = 0; c < COLS; c++) {
        let s = 0;
        for (const o of ids) s += old[o * COLS + c];
        expected[c] = s / ids.length;
      }
      assert.deepEqual(row(got, id), expected, `row ${id} (${newTok.token(id)!.piece})`);
    }
    // <|pad|>: the mean of every old row.
    const pad = newTok.tokenId("<|pad|>")!;
    const mean = new Float32Array(COLS);
    for (let c = 0; c < COLS; c++) {
      let s = 0;
      for (let r = 0; r < oldTok.vocabSize; r++) s += old[r * COLS + c];
      mean[c] = s / oldTok.vocabSize;
    }
    assert.deepEqual(row(got, pad), mean);
  }
  assert.deepEqual(
    report.plan.meanRows.map((t) => [t.piece, t.reason]),
    [["<|pad|>", "special"]],
  );
});

test("copy: every unshared token gets the mean row", async () => {
  const emb = matrix(3);
  const input = join(dir, "copy-in.safetensors");
  writeFileSync(
    input,
    safetensorsFile([{ name: "w", dtype: "F32", shape: [oldTok.vocabSize, COLS], data: f32Bytes(emb) }]),
  );
  const output = join(dir, "copy-out.safetensors");
  const report = await transplantEmbeddingFile({
    from: oldTok,
    to: newTok,
    input,
    tensors: ["w"],
    method: "copy",
    output,
  });
  assert.equal(report.plan.counts.copied, 261);
  assert.equal(report.plan.counts.mean, newTok.vocabSize - 261);
  assert.equal(readSafetensors(output).metadata, undefined);
});

test("tied matrices (the same bytes twice) are detected and stay identical; an untied head uses its own rows", async () => {
  const emb = matrix(4);
  const input = join(dir, "tied-in.safetensors");
  const data = f32Bytes(emb);
  writeFileSync(
    input,
    safetensorsFile([
      { name: "embed", dtype: "F32", shape: [oldTok.vocabSize, COLS], data },
      { name: "head", dtype: "F32", shape: [oldTok.vocabSize, COLS], data },
    ]),
  );
  const output = join(dir, "tied-out.safetensors");
  const report = await transplantEmbeddingFile({
    from: oldTok,
    to: newTok,
    input,
    tensors: ["embed", "head"],
    method: "fvt",
    output,
  });
  assert.deepEqual(
    report.tensors.map((t) => t.tiedTo),
    [null, "embed"],
  );
  const out = readSafetensors(output);
  assert.ok(out.tensors.get("embed")!.data.equals(out.tensors.get("head")!.data));
});

/** The f16 value nearest to `v`, ties to the even pattern, by trying every finite pattern. */
function nearestHalfByBruteForce(v: number, values: Float64Array): number {
  let best = -1;
  for (let h = 0; h < 65536; h++) {
    if (!Number.isFinite(values[h])) continue;
    if (best < 0) {
      best = h;
      continue;
    }
    const d = Math.abs(values[h] - v);
    const e = Math.abs(values[best] - v);
    if (d < e || (d === e && (h & 1) === 0 && (best & 1) === 1)) best = h;
  }
  return best;
}

function halfValues(): Float64Array {
  const out = new Float64Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 31;
    const m = h & 1023;
    out[h] =
      e === 31
        ? m
          ? Number.NaN
          : s * Infinity
        : e === 0
          ? s * m * 2 ** -24
          : s * (1 + m / 1024) * 2 ** (e - 15);
  }
  return out;
}

test("f16 and bf16: shared rows bit for bit (subnormals, -0, NaN payloads), computed rows rounded to nearest even once", async () => {
  const next = f32Stream(5);
  const special = [0x0001, 0x8000, 0x7e01, 0xfc00, 0x03ff, 0x7bff];
  const bits = Uint16Array.from({ length: oldTok.vocabSize * COLS }, (_, i) =>
    i < special.length ? special[i] : Math.floor(((next() + 1) / 2) * 0x7800) | (i & 1 ? 0x8000 : 0),
  );
  const values = halfValues();
  for (const dtype of ["F16", "BF16"] as const) {
    const input = join(dir, `${dtype}-in.safetensors`);
    writeFileSync(
      input,
      safetensorsFile([{ name: "w", dtype, shape: [oldTok.vocabSize, COLS], data: u16Bytes(bits) }]),
    );
    const output = join(dir, `${dtype}-out.safetensors`);
    await transplantEmbeddingFile({ from: oldTok, to: newTok, input, tensors: ["w"], method: "fvt", output });
    const t = readSafetensors(output).tensors.get("w")!;
    assert.equal(t.dtype, dtype);
    const got = new Uint16Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.length));
    for (const [id, old] of sharedByText()) {
      assert.deepEqual(got.subarray(id * COLS, (id + 1) * COLS), bits.subarray(old * COLS, (old + 1) * COLS));
    }
    // " the" = [" ", "the"]: the mean of two rows, rounded once.
    const id = newTok.tokenId("Ġthe")!;
    const ids = oldTok.encode(" the");
    assert.deepEqual(ids.length, 2);
    for (let c = 0; c < COLS; c++) {
      const value = (h: number) =>
        dtype === "F16" ? values[h] : new Float32Array(new Uint32Array([h << 16]).buffer)[0];
      const mean = (value(bits[ids[0] * COLS + c]) + value(bits[ids[1] * COLS + c])) / 2;
      if (dtype === "F16") {
        assert.equal(got[id * COLS + c], nearestHalfByBruteForce(mean, values), `column ${c}`);
      } else {
        // bf16: the top half of an f32, the nearest by checking both neighbours.
        const g = value(got[id * COLS + c]);
        const below = value(got[id * COLS + c] - 1);
        const above = value(got[id * COLS + c] + 1);
        assert.ok(
          Math.abs(g - mean) <= Math.abs(below - mean) && Math.abs(g - mean) <= Math.abs(above - mean),
        );
      }
    }
  }
});

test("a matrix padded past the vocabulary keeps the new vocabulary's size; an .npy matrix in and out", async () => {
  const emb = matrix(6, oldTok.vocabSize + 9);
  const input = join(dir, "padded.safetensors");
  writeFileSync(
    input,
    safetensorsFile([{ name: "w", dtype: "F32", shape: [oldTok.vocabSize + 9, COLS], data: f32Bytes(emb) }]),
  );
  const output = join(dir, "padded-out.npy");
  await transplantEmbeddingFile({ from: oldTok, to: newTok, input, tensors: ["w"], method: "fvt", output });
  assert.ok(existsSync(output));
  const again = join(dir, "from-npy.safetensors");
  const report = await transplantEmbeddingFile({
    from: newTok,
    to: newTok,
    input: output,
    tensors: [],
    method: "copy",
    output: again,
  });
  assert.equal(report.plan.counts.copied, newTok.vocabSize);
  assert.deepEqual(readSafetensors(again).tensors.get("array")!.shape, [newTok.vocabSize, COLS]);
});
