/**
 * The metadata of a GGUF file (llama.cpp's model format): the header and the key-value pairs,
 * stopping where the tensor descriptions start. Tensors are never read, so a caller may pass
 * only the first megabytes of a multi-gigabyte model; when they are not enough the reader throws
 * {@link GgufTruncatedError} and the caller reads more (src/node/read-gguf.ts does).
 *
 * Layout (all little-endian): "GGUF", u32 version (2 or 3; version 1 used 32-bit counts and is
 * long gone), u64 tensor count, u64 key-value count, then per pair a string key, a u32 value
 * type and the value. A string is a u64 byte length and UTF-8 bytes; an array is a u32 element
 * type, a u64 count and the elements.
 */
import { MAX_VOCABULARY_ENTRIES } from "../hf/json-fields.js";
import { GgufFormatError, GgufTruncatedError } from "./errors.js";

/** A metadata value: numbers of 64 bits are bigints (they may not fit a double exactly). */
export type GgufScalar = number | bigint | boolean | string;

/**
 * An array value. Numeric arrays are typed arrays (a vocabulary's scores are a `Float32Array`
 * of 100k+ entries), 64-bit ones `BigInt64Array`/`BigUint64Array`, booleans and strings plain
 * arrays; an array of arrays is an array of these.
 */
export type GgufArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigUint64Array
  | BigInt64Array
  | boolean[]
  | string[]
  | GgufArray[];

export type GgufValue = GgufScalar | GgufArray;

/** What {@link readGgufMetadata} returns. */
export interface GgufMetadata {
  readonly version: number;
  /** Number of tensors the file describes (not read). */
  readonly tensorCount: bigint;
  /** Key → value, in file order. */
  readonly entries: ReadonlyMap<string, GgufValue>;
  /** Byte offset just past the last key-value pair: how much of the file the metadata took. */
  readonly end: number;
}

/** The most key-value pairs a header may declare; real models have a few dozen. */
export const MAX_GGUF_KEYS = 1 << 16;
/** The longest string (key or value) accepted: 64 MiB, far above any chat template. */
export const MAX_GGUF_STRING_BYTES = 1 << 26;

enum T {
  U8 = 0,
  I8 = 1,
  U16 = 2,
  I16 = 3,
  U32 = 4,
  I32 = 5,
  F32 = 6,
  Bool = 7,
  Str = 8,
  Arr = 9,
  U64 = 10,
  I64 = 11,
  F64 = 12,
}

/** Bytes per element of the fixed-size types, by type number (0 for string and array). */
const SIZES = [1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8];

// Token strings are almost always UTF-8; a vocabulary of raw bytes (RWKV's) gets U+FFFD rather
// than a failed load, as such a model cannot be run exactly anyway.
const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

class Cursor {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new GgufTruncatedError(this.pos + n, this.bytes.length);
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }
  /** A u64 count that must be at most `limit`, as a number. */
  count(limit: number, what: string): number {
    const v = this.u64();
    if (v > BigInt(limit)) throw new GgufFormatError(`${what}: ${v} is more than toklab's limit of ${limit}`);
    return Number(v);
  }
  str(what: string): string {
    const n = this.count(MAX_GGUF_STRING_BYTES, `${what}: string length`);
    this.need(n);
    const s = utf8.decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  scalar(type: number, what: string): GgufScalar {
    if (type === T.Str) return this.str(what);
    const size = SIZES[type];
    this.need(size);
    const p = this.pos;
    this.pos += size;
    const v = this.view;
    switch (type) {
      case T.U8:
        return v.getUint8(p);
      case T.I8:
        return v.getInt8(p);
      case T.U16:
        return v.getUint16(p, true);
      case T.I16:
        return v.getInt16(p, true);
      case T.U32:
        return v.getUint32(p, true);
      case T.I32:
        return v.getInt32(p, true);
      case T.F32:
        return v.getFloat32(p, true);
      case T.Bool:
        return v.getUint8(p) !== 0;
      case T.U64:
        return v.getBigUint64(p, true);
      case T.I64:
        return v.getBigInt64(p, true);
      default:
        return v.getFloat64(p, true);
    }
  }
  array(what: string, depth: number): GgufArray {
    const type = this.valueType(what);
    const n = this.count(MAX_VOCABULARY_ENTRIES, `${what}: array length`);
    if (type === T.Str) {
      const out: string[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = this.str(what);
      return out;
    }
    if (type === T.Arr) {
      // Nested arrays exist in the format but not in tokenizers; a bound keeps a hostile file
      // from recursing without end.
      if (depth >= 4) throw new GgufFormatError(`${what}: arrays nested more than 4 deep`);
      const out: GgufArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = this.array(what, depth + 1);
      return out;
    }
    if (type === T.Bool) {
      this.need(n);
      const out: boolean[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = this.bytes[this.pos + i] !== 0;
      this.pos += n;
      return out;
    }
    const size = SIZES[type];
    this.need(n * size);
    // Copy into a fresh, aligned buffer: the file's bytes need not be aligned for a typed view.
    const copy = this.bytes.slice(this.pos, this.pos + n * size);
    this.pos += n * size;
    const little = new DataView(copy.buffer);
    const typed = makeTyped(type, copy.buffer, n);
    if (!littleEndianHost && size > 1) {
      for (let i = 0; i < n; i++) setFromLittle(typed, type, little, i);
    }
    return typed;
  }
  valueType(what: string): number {
    const type = this.u32();
    if (type > T.F64) throw new GgufFormatError(`${what}: unknown value type ${type}`);
    return type;
  }
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function makeTyped(type: number, buffer: ArrayBuffer, n: number): GgufArray {
  switch (type) {
    case T.U8:
      return new Uint8Array(buffer, 0, n);
    case T.I8:
      return new Int8Array(buffer, 0, n);
    case T.U16:
      return new Uint16Array(buffer, 0, n);
    case T.I16:
      return new Int16Array(buffer, 0, n);
    case T.U32:
      return new Uint32Array(buffer, 0, n);
    case T.I32:
      return new Int32Array(buffer, 0, n);
    case T.F32:
      return new Float32Array(buffer, 0, n);
    case T.U64:
      return new BigUint64Array(buffer, 0, n);
    case T.I64:
      return new BigInt64Array(buffer, 0, n);
    default:
      return new Float64Array(buffer, 0, n);
  }
}

/** Big-endian hosts only: rewrites element `i` from the little-endian bytes. */
function setFromLittle(typed: GgufArray, type: number, v: DataView, i: number): void {
  const t = typed as unknown as { [k: number]: number | bigint };
  switch (type) {
    case T.U16:
      t[i] = v.getUint16(i * 2, true);
      break;
    case T.I16:
      t[i] = v.getInt16(i * 2, true);
      break;
    case T.U32:
      t[i] = v.getUint32(i * 4, true);
      break;
    case T.I32:
      t[i] = v.getInt32(i * 4, true);
      break;
    case T.F32:
      t[i] = v.getFloat32(i * 4, true);
      break;
    case T.U64:
      t[i] = v.getBigUint64(i * 8, true);
      break;
    case T.I64:
      t[i] = v.getBigInt64(i * 8, true);
      break;
    default:
      t[i] = v.getFloat64(i * 8, true);
  }
}

/**
 * Reads the header and every key-value pair of a GGUF file from its first bytes. Throws
 * {@link GgufFormatError} for a file that is not GGUF or breaks toklab's limits, and
 * {@link GgufTruncatedError} when `bytes` end before the metadata does.
 *
 * @example
 * ```ts
 * const meta = readGgufMetadata(bytes);
 * meta.entries.get("tokenizer.ggml.model"); // "gpt2"
 * (meta.entries.get("tokenizer.ggml.tokens") as string[]).length; // 50257
 * ```
 */
export function readGgufMetadata(bytes: Uint8Array): GgufMetadata {
  const c = new Cursor(bytes);
  // A short file that already differs from "GGUF" is not GGUF rather than truncated.
  const magic = [0x47, 0x47, 0x55, 0x46];
  for (let i = 0; i < 4 && i < bytes.length; i++) {
    if (bytes[i] !== magic[i]) {
      // The bytes themselves are not shown: a path may lead, by a link, to a private file.
      throw new GgufFormatError('not a GGUF file (it does not start with "GGUF")');
    }
  }
  c.need(4);
  c.pos = 4;
  const version = c.u32();
  if (version !== 2 && version !== 3) {
    throw new GgufFormatError(`GGUF version ${version} is not supported (toklab reads versions 2 and 3)`);
  }
  const tensorCount = c.u64();
  const keyCount = c.count(MAX_GGUF_KEYS, "metadata key count");
  const entries = new Map<string, GgufValue>();
  for (let k = 0; k < keyCount; k++) {
    const key = c.str(`metadata key ${k}`);
    const type = c.valueType(key);
    const value = type === T.Arr ? c.array(key, 0) : c.scalar(type, key);
    if (entries.has(key)) throw new GgufFormatError(`${key}: the key occurs twice`);
    entries.set(key, value);
  }
  return { version, tensorCount, entries, end: c.pos };
}
