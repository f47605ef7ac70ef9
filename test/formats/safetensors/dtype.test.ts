/**
 * f16 and bf16 conversions against their definitions: every bit pattern survives widening and
 * narrowing, every half-way point between neighbours rounds to the even one (and a hair either
 * side of it to the nearer), known values from IEEE 754; and against NumPy's casts when a
 * Python with numpy is there.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { test } from "node:test";
import {
  bfloat16BitsToNumber,
  decodeFloats,
  encodeFloats,
  halfBitsToNumber,
  numberToBfloat16Bits,
  numberToHalfBits,
} from "../../../src/formats/safetensors/dtype.js";
import { pythonWithNumpy } from "../../support/adapt/transplant.js";

/** binary16 from its definition: (-1)^s × 2^(e-15) × 1.m, subnormals 2^-14 × 0.m. */
function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 31;
  const m = h & 1023;
  if (e === 31) return m ? Number.NaN : s * Infinity;
  return e === 0 ? s * (m / 1024) * 2 ** -14 : s * (1 + m / 1024) * 2 ** (e - 15);
}

test("every f16 pattern: its value by definition, and back to the same bits (NaN to a NaN)", () => {
  for (let h = 0; h < 65536; h++) {
    const v = halfBitsToNumber(h);
    assert.ok(Object.is(v, half(h)), `0x${h.toString(16)}`);
    const back = numberToHalfBits(v);
    if (Number.isNaN(v)) assert.ok((back & 0x7c00) === 0x7c00 && (back & 0x3ff) !== 0);
    else if (back !== h) assert.fail(`0x${h.toString(16)} came back as 0x${back.toString(16)}`);
  }
});

test("every midpoint between neighbouring f16 values rounds to the even one; a hair off rounds to the nearer", () => {
  for (let h = 0; h < 0x7c00; h++) {
    // h and h+1 are neighbours (0x7bff's upper neighbour is 65536, the first value that rounds to ∞).
    const lo = half(h);
    const hi = h + 1 === 0x7c00 ? 65536 : half(h + 1);
    const mid = (lo + hi) / 2;
    const even = (h & 1) === 0 ? h : h + 1;
    for (const sign of [1, -1]) {
      const flag = sign < 0 ? 0x8000 : 0;
      assert.equal(numberToHalfBits(sign * mid), even | flag, `midpoint above 0x${h.toString(16)}`);
      const hair = (hi - lo) * 2 ** -20;
      assert.equal(numberToHalfBits(sign * (mid - hair)), h | flag);
      assert.equal(numberToHalfBits(sign * (mid + hair)), (h + 1) | flag);
    }
  }
});

test("known f16 values", () => {
  assert.equal(numberToHalfBits(1), 0x3c00);
  assert.equal(numberToHalfBits(-2), 0xc000);
  assert.equal(numberToHalfBits(65504), 0x7bff);
  assert.equal(numberToHalfBits(65519.99), 0x7bff);
  assert.equal(numberToHalfBits(65520), 0x7c00);
  assert.equal(numberToHalfBits(1e10), 0x7c00);
  assert.equal(numberToHalfBits(2 ** -24), 0x0001);
  assert.equal(numberToHalfBits(2 ** -25), 0x0000); // a tie between 0 and the least subnormal
  assert.equal(numberToHalfBits(2 ** -25 * 1.0000001), 0x0001);
  assert.equal(numberToHalfBits(-0), 0x8000);
  assert.equal(numberToHalfBits(0.1), 0x2e66);
  assert.equal(numberToHalfBits(1 / 3), 0x3555);
  assert.equal(numberToHalfBits(Math.PI), 0x4248);
  assert.equal(numberToHalfBits(2 ** -14), 0x0400); // the least normal
  assert.equal(numberToHalfBits(Infinity), 0x7c00);
  assert.equal(numberToHalfBits(-Infinity), 0xfc00);
});

test("every bf16 pattern round-trips; bf16 midpoints round to even; known values", () => {
  for (let b = 0; b < 65536; b++) {
    const v = bfloat16BitsToNumber(b);
    if (Number.isNaN(v)) continue;
    assert.equal(numberToBfloat16Bits(v), b);
    // The midpoint to the next pattern up (same sign), below the largest finite.
    if ((b & 0x7fff) < 0x7f7f) {
      const next = bfloat16BitsToNumber(b + 1);
      const mid = (v + next) / 2;
      const even = (b & 1) === 0 ? b : b + 1;
      if (mid !== 0) assert.equal(numberToBfloat16Bits(mid), even, `0x${b.toString(16)}`);
    }
  }
  assert.equal(numberToBfloat16Bits(1), 0x3f80);
  assert.equal(numberToBfloat16Bits(Math.PI), 0x4049);
  assert.equal(numberToBfloat16Bits(Number.NaN) & 0x7f80, 0x7f80);
  assert.equal(numberToBfloat16Bits(3.4e38), 0x7f80); // past the largest bf16, to ∞
});

test("decodeFloats/encodeFloats move little-endian rows of each dtype", () => {
  const values = [1, -0.5, 65504, 2 ** -24];
  for (const dtype of ["F32", "F16", "BF16"] as const) {
    const bytes = new Uint8Array(4 * values.length);
    encodeFloats(dtype, values, 0, values.length, bytes, 0);
    const back = new Float64Array(values.length);
    decodeFloats(dtype, bytes, 0, values.length, back);
    const expected = values.map((v) =>
      dtype === "F32"
        ? Math.fround(v)
        : dtype === "F16"
          ? half(numberToHalfBits(v))
          : bfloat16BitsToNumber(numberToBfloat16Bits(v)),
    );
    assert.deepEqual(Array.from(back), expected);
  }
  const f16 = new Uint8Array(2);
  encodeFloats("F16", [1], 0, 1, f16);
  assert.deepEqual(Array.from(f16), [0x00, 0x3c]);
});

const python = pythonWithNumpy();

test("f64 → f16 rounding agrees with NumPy's astype(float16) on 20,000 values", {
  skip: python === null ? "no Python with numpy" : false,
}, () => {
  // Values near f16 half-way points and across the range, chosen deterministically.
  const values: number[] = [];
  let s = 12345;
  for (let i = 0; i < 20000; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const h = s & 0x7bff;
    const lo = half(h);
    const hi = half(Math.min(h + 1, 0x7bff));
    const t = (s >>> 16) % 5;
    const v =
      t === 0
        ? (lo + hi) / 2
        : t === 1
          ? lo + (hi - lo) * 0.4999999
          : t === 2
            ? lo + (hi - lo) * 0.5000001
            : (s / 2 ** 32) * 2 ** ((s % 40) - 25);
    values.push(s & 0x80000000 ? -v : v);
  }
  const r = spawnSync(
    python!,
    [
      "-c",
      "import sys, numpy as np; a = np.array([float(x) for x in sys.stdin.read().split()], dtype=np.float64); print(' '.join(map(str, a.astype(np.float16).view(np.uint16).tolist())))",
    ],
    { cwd: tmpdir(), input: values.map((v) => v.toPrecision(17)).join(" "), encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  const theirs = r.stdout.trim().split(" ").map(Number);
  const ours = values.map((v) => numberToHalfBits(Number(v.toPrecision(17))));
  assert.deepEqual(ours, theirs);
});
