/**
 * Element types of tensor files and exact conversions between the float ones and JavaScript
 * numbers. Browser-safe.
 *
 * Widening (f16, bf16 → f32/f64) is exact. Narrowing rounds to nearest, ties to even, in one
 * step from the f64 value (so a value computed in f64 is never rounded twice, which could move a
 * result that lands next to a half-way point): the rounding of IEEE 754 and of PyTorch/NumPy
 * casts. Overflow gives ±Infinity, NaN stays NaN (quiet).
 */

/** safetensors' dtype names and their sizes in bytes (the format's whole list as of 0.5). */
export const DTYPE_SIZES: Readonly<Record<string, number>> = Object.freeze({
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
});

/** The dtypes whose rows toklab reads and writes as numbers (embedding matrices). */
export type FloatDtype = "F32" | "F16" | "BF16";

/** Whether `dtype` is one of the {@link FloatDtype}s. */
export function isFloatDtype(dtype: string): dtype is FloatDtype {
  return dtype === "F32" || dtype === "F16" || dtype === "BF16";
}

let f16Table: Float32Array | undefined;

/** Every f16 bit pattern's value, as f32 (exact: f32 holds every f16). */
function f16Values(): Float32Array {
  if (f16Table !== undefined) return f16Table;
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) table[h] = halfBitsToNumber(h);
  f16Table = table;
  return table;
}

/**
 * The value of an IEEE 754 binary16 bit pattern.
 *
 * @example
 * ```ts
 * halfBitsToNumber(0x3c00); // 1
 * halfBitsToNumber(0x7bff); // 65504
 * ```
 */
export function halfBitsToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : Number.NaN;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

/**
 * The value of a bfloat16 bit pattern (the top half of an f32).
 *
 * @example
 * ```ts
 * bfloat16BitsToNumber(0x3f80); // 1
 * ```
 */
export function bfloat16BitsToNumber(b: number): number {
  scratchU32[0] = (b & 0xffff) << 16;
  return scratchF32[0];
}

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);
const scratchF64 = new Float64Array(1);
/** The f64's two 32-bit words; [1] holds sign, exponent and the top of the fraction (little-endian). */
const scratchF64Words = new Uint32Array(scratchF64.buffer);
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
  throw new Error("toklab needs a little-endian platform");
/** 2^i for i in [-1100, 1100] (2^-1074 is the least f64; past it, 0), by index i + POWER_OFFSET. */
const POWER_OFFSET = 1100;
const POWERS_OF_TWO = Float64Array.from({ length: 2 * POWER_OFFSET + 1 }, (_, i) => 2 ** (i - POWER_OFFSET));

/**
 * Rounds a number to a binary float with `mantissaBits` stored fraction bits and `exponentBits`
 * exponent bits (IEEE layout with subnormals), to nearest, ties to even, and returns its bits.
 */
function roundToMinifloatBits(v: number, mantissaBits: number, exponentBits: number): number {
  const bias = (1 << (exponentBits - 1)) - 1;
  const infinity = ((1 << exponentBits) - 1) << mantissaBits;
  const signBit = 1 << (mantissaBits + exponentBits);
  if (Number.isNaN(v)) return infinity | (1 << (mantissaBits - 1));
  const sign = v < 0 || Object.is(v, -0) ? signBit : 0;
  const a = Math.abs(v);
  if (a === Infinity) return sign | infinity;
  if (a === 0) return sign;
  const minExponent = 1 - bias;
  // floor(log2(a)), read from the f64's exponent field. A subnormal f64 (below 2^-1022) is far
  // below half the least f16/bf16 subnormal: zero.
  scratchF64[0] = a;
  const biased = (scratchF64Words[1] >>> 20) & 0x7ff;
  if (biased === 0) return sign;
  let e = biased - 1023;
  if (e < minExponent) e = minExponent; // subnormal: the same scale as the smallest normal
  // a scaled so that one unit is one step of the target's mantissa; exact (a power of two).
  const q = a * POWERS_OF_TWO[mantissaBits - e + POWER_OFFSET];
  let n = Math.floor(q);
  const rest = q - n; // exact: q has at most 53 significant bits
  if (rest > 0.5 || (rest === 0.5 && (n & 1) === 1)) n++;
  // n includes the implicit leading bit (2^mantissaBits) for normals, so it adds one to the
  // exponent field; a carry out of the mantissa moves to the next binade by itself.
  const bits = ((e + bias - 1) << mantissaBits) + n;
  return sign | Math.min(bits, infinity);
}

/**
 * The binary16 bits nearest to `v` (ties to even; beyond ±65504 rounding gives ±Infinity from
 * 65520 on).
 *
 * @example
 * ```ts
 * numberToHalfBits(1); // 0x3c00
 * numberToHalfBits(1 + 2 ** -11); // 0x3c00 (a tie, to the even 1)
 * ```
 */
export function numberToHalfBits(v: number): number {
  return roundToMinifloatBits(v, 10, 5);
}

/**
 * The bfloat16 bits nearest to `v` (ties to even).
 *
 * @example
 * ```ts
 * numberToBfloat16Bits(1); // 0x3f80
 * ```
 */
export function numberToBfloat16Bits(v: number): number {
  return roundToMinifloatBits(v, 7, 8);
}

/** Size in bytes of one element of a float dtype. */
export function floatDtypeSize(dtype: FloatDtype): number {
  return dtype === "F32" ? 4 : 2;
}

/**
 * Decodes `count` little-endian elements of `dtype` from `bytes` (at `byteOffset`) into `out`
 * (at `outOffset`), exactly.
 */
export function decodeFloats(
  dtype: FloatDtype,
  bytes: Uint8Array,
  byteOffset: number,
  count: number,
  out: Float64Array | Float32Array,
  outOffset = 0,
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset + byteOffset, count * floatDtypeSize(dtype));
  if (dtype === "F32") {
    for (let i = 0; i < count; i++) out[outOffset + i] = view.getFloat32(4 * i, true);
  } else if (dtype === "F16") {
    const table = f16Values();
    for (let i = 0; i < count; i++) out[outOffset + i] = table[view.getUint16(2 * i, true)];
  } else {
    for (let i = 0; i < count; i++) out[outOffset + i] = bfloat16BitsToNumber(view.getUint16(2 * i, true));
  }
}

/**
 * Encodes `count` numbers of `values` (from `valueOffset`) as little-endian `dtype` into `bytes`
 * (at `byteOffset`), each rounded once to nearest, ties to even.
 */
export function encodeFloats(
  dtype: FloatDtype,
  values: ArrayLike<number>,
  valueOffset: number,
  count: number,
  bytes: Uint8Array,
  byteOffset = 0,
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset + byteOffset, count * floatDtypeSize(dtype));
  if (dtype === "F32") {
    // Math.fround is IEEE round-to-nearest-even from f64.
    for (let i = 0; i < count; i++) view.setFloat32(4 * i, values[valueOffset + i], true);
  } else if (dtype === "F16") {
    for (let i = 0; i < count; i++) view.setUint16(2 * i, numberToHalfBits(values[valueOffset + i]), true);
  } else {
    for (let i = 0; i < count; i++)
      view.setUint16(2 * i, numberToBfloat16Bits(values[valueOffset + i]), true);
  }
}
