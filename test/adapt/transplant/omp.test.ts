/**
 * Orthogonal matching pursuit: a planted sparse combination is recovered exactly, coefficients
 * are the least-squares fit worked out here by the normal equations, the residual falls as k
 * grows; and the OMP transplant applies a donor's planted combination to the base rows.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type Dictionary, orthogonalMatchingPursuit } from "../../../src/adapt/transplant/omp.js";
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
} from "../../support/adapt/transplant.js";

function randomDictionary(count: number, dim: number, seed: number): Dictionary {
  const next = f32Stream(seed);
  return { data: Float64Array.from({ length: count * dim }, next), count, dim };
}

function combine(dict: Dictionary, picks: [number, number][]): Float64Array {
  const out = new Float64Array(dict.dim);
  for (const [j, w] of picks) for (let t = 0; t < dict.dim; t++) out[t] += w * dict.data[j * dict.dim + t];
  return out;
}

test("a planted 4-sparse combination is recovered: the atoms, the coefficients, a zero residual", () => {
  const dict = randomDictionary(80, 32, 7);
  const planted: [number, number][] = [
    [5, 2],
    [17, -1.5],
    [42, 0.75],
    [63, 3.25],
  ];
  const target = combine(dict, planted);
  for (const k of [4, 64]) {
    const r = orthogonalMatchingPursuit(target, dict, k);
    assert.equal(r.indices.length, 4, `k=${k}: stops once the residual is gone`);
    const found = new Map(r.indices.map((j, i) => [j, r.coefficients[i]]));
    for (const [j, w] of planted)
      assert.ok(Math.abs(found.get(j)! - w) < 1e-10, `atom ${j}: ${found.get(j)}`);
    assert.ok(r.residualNorm < 1e-10);
  }
});

test("the coefficients are the least-squares fit over the chosen atoms; the residual falls as k grows", () => {
  const dict = randomDictionary(50, 12, 8);
  const target = Float64Array.from({ length: 12 }, f32Stream(9));
  let previous = Infinity;
  for (let k = 1; k <= 12; k++) {
    const r = orthogonalMatchingPursuit(target, dict, k);
    assert.equal(r.indices.length, k);
    assert.ok(r.residualNorm < previous, `k=${k}: ${r.residualNorm} after ${previous}`);
    previous = r.residualNorm;
    // The residual is orthogonal to every chosen atom (the normal equations A^T (t - A c) = 0).
    const fit = combine(
      dict,
      r.indices.map((j, i) => [j, r.coefficients[i]]),
    );
    let norm = 0;
    for (let t = 0; t < 12; t++) norm += (target[t] - fit[t]) ** 2;
    assert.ok(Math.abs(Math.sqrt(norm) - r.residualNorm) < 1e-9);
    for (const j of r.indices) {
      let dot = 0;
      for (let t = 0; t < 12; t++) dot += dict.data[j * 12 + t] * (target[t] - fit[t]);
      assert.ok(Math.abs(dot) < 1e-9, `atom ${j} is not orthogonal to the residual: ${dot}`);
    }
  }
  // With as many atoms as dimensions, the fit is exact.
  assert.ok(previous < 1e-9);
});

test("an atom that repeats a chosen one is skipped, not chosen twice", () => {
  const base = randomDictionary(3, 6, 10);
  const data = new Float64Array(4 * 6);
  data.set(base.data);
  data.set(base.data.subarray(0, 6), 18); // atom 3 = atom 0
  const dict = { data, count: 4, dim: 6 };
  const target = combine(dict, [
    [0, 1],
    [1, 1],
  ]);
  const r = orthogonalMatchingPursuit(
    Float64Array.from(target, (v, i) => v + (i === 5 ? 0.1 : 0)),
    dict,
    4,
  );
  assert.equal(new Set(r.indices.map((j) => (j === 3 ? 0 : j))).size, r.indices.length);
});

test("OMP transplant: a new token planted in the donor as a combination of shared tokens gets that combination of base rows", async () => {
  const dir = tempDir();
  const oldTok = byteLevelTokenizer(OLD_MERGES, OLD_ADDED);
  const newTok = byteLevelTokenizer(NEW_MERGES, NEW_ADDED);
  const DONOR_DIM = 16;
  const BASE_DIM = 5;
  const nextDonor = f32Stream(11);
  const donor = Float32Array.from({ length: newTok.vocabSize * DONOR_DIM }, nextDonor);
  const id = (piece: string) => newTok.tokenId(piece)!;
  const planted: [number, number][] = [
    [id("th"), 0.5],
    [id("at"), -2],
    [id("Ġs"), 1.5],
  ];
  const dog = id("Ġdog");
  for (let t = 0; t < DONOR_DIM; t++) {
    let s = 0;
    for (const [j, w] of planted) s += w * donor[j * DONOR_DIM + t];
    donor[dog * DONOR_DIM + t] = s;
  }
  const base = Float32Array.from({ length: oldTok.vocabSize * BASE_DIM }, f32Stream(12));
  writeFileSync(
    join(dir, "donor.safetensors"),
    safetensorsFile([
      { name: "emb", dtype: "F32", shape: [newTok.vocabSize, DONOR_DIM], data: f32Bytes(donor) },
    ]),
  );
  writeFileSync(
    join(dir, "base.safetensors"),
    safetensorsFile([
      { name: "emb", dtype: "F32", shape: [oldTok.vocabSize, BASE_DIM], data: f32Bytes(base) },
    ]),
  );
  const residuals: number[] = [];
  for (const k of [1, 2, 4, 8, 16]) {
    const output = join(dir, `omp-${k}.safetensors`);
    const report = await transplantEmbeddingFile({
      from: oldTok,
      to: newTok,
      input: join(dir, "base.safetensors"),
      tensors: ["emb"],
      method: "omp",
      k,
      donor: { path: join(dir, "donor.safetensors"), tokenizer: newTok },
      output,
    });
    assert.equal(report.plan.counts.copied, 261);
    // Every other new token, <|pad|> included, has a donor row to fit.
    assert.equal(report.plan.counts.omp, newTok.vocabSize - 261);
    residuals.push(report.plan.ompMeanResidual!);
    if (k < 4) continue;
    const t = readSafetensors(output).tensors.get("emb")!;
    const got = new Float32Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.length));
    const oldId = (piece: string) => oldTok.tokenId(piece)!;
    const oldOf = new Map([
      [id("th"), oldId("th")],
      [id("at"), oldId("at")],
      [id("Ġs"), oldId("Ġs")],
    ]);
    for (let c = 0; c < BASE_DIM; c++) {
      let s = 0;
      for (const [j, w] of planted) s += w * base[oldOf.get(j)! * BASE_DIM + c];
      assert.ok(
        Math.abs(got[dog * BASE_DIM + c] - s) < 1e-6,
        `k=${k} column ${c}: ${got[dog * BASE_DIM + c]} vs ${s}`,
      );
    }
  }
  for (let i = 1; i < residuals.length; i++)
    assert.ok(residuals[i] < residuals[i - 1], `residuals ${residuals}`);
  assert.ok(residuals.at(-1)! < 1e-9, "16 atoms span the 16-dimensional donor space");
});
