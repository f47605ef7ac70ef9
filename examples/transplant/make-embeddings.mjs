#!/usr/bin/env node
/**
 * Writes small, made-up model files for trying `toklab transplant` (README, docs/transplant.md):
 *
 *   node examples/transplant/make-embeddings.mjs [DIR]      (default: examples/transplant/out)
 *
 * - DIR/gpt2-model.safetensors: a GPT-2-sized vocabulary's embedding matrix "wte.weight"
 *   [50257, 64] and a position matrix "wpe.weight" [1024, 64], both F16, with
 *   `__metadata__ = {format: "pt"}`: the shape of a real GPT-2 checkpoint, at 64 dimensions
 *   instead of 768, filled with reproducible pseudo-random numbers.
 * - DIR/p50k-donor.safetensors: a donor "embed" [50281, 32] F32 over p50k_base's vocabulary
 *   (GPT-2's plus 24 runs of spaces), for --method omp.
 *
 * Plain Node.js, no dependencies: the safetensors layout is written by hand (8-byte
 * little-endian header length, JSON header, then the tensors' bytes).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? join(import.meta.dirname, "out");
mkdirSync(dir, { recursive: true });

/** A reproducible stream in [-0.1, 0.1) (32-bit LCG). */
function stream(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) / 5;
  };
}

/** f16 bits of a small number (round to nearest even; values here are normal or tiny). */
function toHalf(v) {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  if (exp <= 0) return sign; // below f16's normal range: zero, close enough for made-up data
  let h = (exp << 10) | ((x >>> 13) & 0x3ff);
  const rest = x & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
  return sign | h;
}

function tensor(dtype, shape, seed) {
  const n = shape.reduce((a, b) => a * b, 1);
  const next = stream(seed);
  if (dtype === "F32") return Buffer.from(Float32Array.from({ length: n }, next).buffer);
  return Buffer.from(Uint16Array.from({ length: n }, () => toHalf(next())).buffer);
}

function writeSafetensors(path, tensors, metadata) {
  const header = metadata ? { __metadata__: metadata } : {};
  let at = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [at, at + t.data.length] };
    at += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  writeFileSync(path, Buffer.concat([length, json, ...tensors.map((t) => t.data)]));
  console.log(`wrote ${path}`);
}

writeSafetensors(
  join(dir, "gpt2-model.safetensors"),
  [
    { name: "wpe.weight", dtype: "F16", shape: [1024, 64], data: tensor("F16", [1024, 64], 1) },
    { name: "wte.weight", dtype: "F16", shape: [50257, 64], data: tensor("F16", [50257, 64], 2) },
  ],
  { format: "pt" },
);
writeSafetensors(join(dir, "p50k-donor.safetensors"), [
  { name: "embed", dtype: "F32", shape: [50281, 32], data: tensor("F32", [50281, 32], 3) },
]);
