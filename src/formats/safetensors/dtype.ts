/**
 * Element types of tensor files and exact conversions between the float ones and JavaScript
 * numbers. Browser-safe.
 *
 * Widening (f16, bf16 → f32/f64) is exact. Narrowing rounds to nearest, ties to even, as if in
 * one step from the f64 value (through f32 rounded to odd, which is exact for this: a plain
 * f64 → f32 → f16 would round twice and can move a result next to a half-way point): the
 * rounding of IEEE 754 and of PyTorch/NumPy casts. Overflow gives ±Infinity, NaN stays NaN (quiet).
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

/**
 * `v` as f32 bits rounded to odd: truncated toward zero, with the lowest bit set when inexact.
 * Rounding that to a format with at least two fewer fraction bits (f16: 13 fewer, bf16: 16) to
 * nearest even gives exactly the nearest-even rounding of `v` itself (Boldo and Melquiond,
 * "When double rounding is odd", 2005), so f64 → f16 needs no second rounding error.
 */
function roundToOddF32Bits(v: number): number {
  scratchF32[0] = v; // to nearest even
  let bits = scratchU32[0];
  const f = scratchF32[0];
  if (f !== v) {
    // Inexact (v is not NaN here): step back toward zero if rounding went away from it
    // (sign-magnitude: one less is one step smaller in magnitude), then mark it odd.
    if (Math.abs(f) > Math.abs(v)) bits -= 1;
    bits |= 1;
  }
  return bits >>> 0;
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
  if (Number.isNaN(v)) return 0x7e00;
  const x = roundToOddF32Bits(v);
  const sign = (x >>> 16) & 0x8000;
  const exponent = ((x >>> 23) & 0xff) - 112; // f16's biased exponent
  const mantissa = x & 0x7fffff;
  if (exponent >= 31) return sign | 0x7c00; // ±Infinity and overflow
  if (exponent <= 0) {
    // f16 subnormal (or zero): one unit is 2^-24; below 2^-25 everything rounds to zero.
    if (exponent < -10) return sign;
    const m = mantissa | 0x800000;
    const shift = 14 - exponent;
    let h = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rest > half || (rest === half && (h & 1) === 1)) h++;
    return sign | h;
  }
  let h = (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa moves to the next binade, and from the largest to Infinity.
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
  return sign | h;
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
  if (Number.isNaN(v)) return 0x7fc0;
  const x = roundToOddF32Bits(v);
  // To nearest even on the top 16 bits (no overflow past 2^32: NaNs are handled above).
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
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
