/**
 * A small GGUF writer for tests: the header and key-value metadata of a vocabulary-only file
 * (no tensors), so tests can build well-formed files, break them on purpose, and turn a
 * tokenizer.json into the GGUF llama.cpp's converter would write.
 */

/** A value with its GGUF type spelled out; plain values get the obvious type (see {@link ggufBytes}). */
export interface Typed {
  readonly type: "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "bool" | "u64" | "i64" | "f64";
  readonly value: number | bigint | boolean;
}

export type WritableValue =
  | string
  | boolean
  | number
  | bigint
  | Typed
  | readonly string[]
  | Float32Array
  | Int32Array
  | Uint8Array;

const TYPE_NUMBER = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  u64: 10,
  i64: 11,
  f64: 12,
} as const;
const STRING = 8;
const ARRAY = 9;

class Out {
  private parts: Uint8Array[] = [];
  bytes(b: Uint8Array): void {
    this.parts.push(b);
  }
  u32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    this.bytes(b);
  }
  u64(v: number | bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
    this.bytes(b);
  }
  str(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.bytes(b);
  }
  typed(t: Typed): void {
    const size = { u8: 1, i8: 1, bool: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, u64: 8, i64: 8, f64: 8 }[
      t.type
    ];
    const b = new Uint8Array(size);
    const v = new DataView(b.buffer);
    const n = t.value;
    if (t.type === "u8") v.setUint8(0, Number(n));
    else if (t.type === "i8") v.setInt8(0, Number(n));
    else if (t.type === "bool") v.setUint8(0, n ? 1 : 0);
    else if (t.type === "u16") v.setUint16(0, Number(n), true);
    else if (t.type === "i16") v.setInt16(0, Number(n), true);
    else if (t.type === "u32") v.setUint32(0, Number(n), true);
    else if (t.type === "i32") v.setInt32(0, Number(n), true);
    else if (t.type === "f32") v.setFloat32(0, Number(n), true);
    else if (t.type === "u64") v.setBigUint64(0, BigInt(n), true);
    else if (t.type === "i64") v.setBigInt64(0, BigInt(n), true);
    else v.setFloat64(0, Number(n), true);
    this.bytes(b);
  }
  concat(): Uint8Array {
    const total = this.parts.reduce((s, p) => s + p.length, 0);
    const all = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  }
}

/**
 * The bytes of a GGUF file holding `entries` (in order) and no tensors. A number is a u32
 * (token ids), a bigint a u64, `{ type, value }` any other scalar; arrays of strings, f32
 * (`Float32Array`), i32 (`Int32Array`) and u8 (`Uint8Array`).
 *
 * @example
 * ```ts
 * const bytes = ggufBytes([["tokenizer.ggml.model", "gpt2"], ["tokenizer.ggml.bos_token_id", 0]]);
 * ```
 */
export function ggufBytes(entries: ReadonlyArray<readonly [string, WritableValue]>, version = 3): Uint8Array {
  const o = new Out();
  o.bytes(new TextEncoder().encode("GGUF"));
  o.u32(version);
  o.u64(0);
  o.u64(entries.length);
  for (const [key, value] of entries) {
    o.str(key);
    if (typeof value === "string") {
      o.u32(STRING);
      o.str(value);
    } else if (typeof value === "boolean") {
      o.u32(TYPE_NUMBER.bool);
      o.typed({ type: "bool", value });
    } else if (typeof value === "number") {
      o.u32(TYPE_NUMBER.u32);
      o.typed({ type: "u32", value });
    } else if (typeof value === "bigint") {
      o.u32(TYPE_NUMBER.u64);
      o.typed({ type: "u64", value });
    } else if (value instanceof Float32Array || value instanceof Int32Array || value instanceof Uint8Array) {
      const type = value instanceof Float32Array ? "f32" : value instanceof Int32Array ? "i32" : "u8";
      o.u32(ARRAY);
      o.u32(TYPE_NUMBER[type]);
      o.u64(value.length);
      for (const x of value) o.typed({ type, value: x });
    } else if (Array.isArray(value)) {
      o.u32(ARRAY);
      o.u32(STRING);
      o.u64(value.length);
      for (const s of value as readonly string[]) o.str(s);
    } else {
      const t = value as Typed;
      o.u32(TYPE_NUMBER[t.type]);
      o.typed(t);
    }
  }
  return o.concat();
}
