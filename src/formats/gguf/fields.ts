/**
 * Typed reads of GGUF metadata keys: each returns the value with the type the tokenizer needs,
 * `undefined` when the key is absent, or throws a {@link GgufFormatError} naming the key.
 */
import { GgufFormatError } from "./errors.js";
import type { GgufValue } from "./reader.js";

export type Entries = ReadonlyMap<string, GgufValue>;

export function optionalString(m: Entries, key: string): string | undefined {
  const v = m.get(key);
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw new GgufFormatError(`${key}: expected a string`);
  return v;
}

export function optionalBool(m: Entries, key: string): boolean | undefined {
  const v = m.get(key);
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw new GgufFormatError(`${key}: expected a boolean`);
  return v;
}

/** An unsigned integer key (any integer type; llama.cpp writes token ids as u32). */
export function optionalUint(m: Entries, key: string): number | undefined {
  const v = m.get(key);
  if (v === undefined) return undefined;
  const n = typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    throw new GgufFormatError(`${key}: expected a non-negative integer`);
  }
  return n;
}

export function optionalStrings(m: Entries, key: string): string[] | undefined {
  const v = m.get(key);
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) {
    throw new GgufFormatError(`${key}: expected an array of strings`);
  }
  return v as string[];
}

/** A numeric array key of `length` entries (scores, token types), as plain numbers. */
export function optionalNumbers(
  m: Entries,
  key: string,
  length: number,
  lengthKey: string,
): ArrayLike<number> | undefined {
  const v = m.get(key);
  if (v === undefined) return undefined;
  const numeric =
    v instanceof Float32Array ||
    v instanceof Float64Array ||
    v instanceof Int32Array ||
    v instanceof Uint32Array ||
    v instanceof Int16Array ||
    v instanceof Uint16Array ||
    v instanceof Int8Array ||
    v instanceof Uint8Array;
  if (!numeric) throw new GgufFormatError(`${key}: expected an array of numbers`);
  if (v.length !== length) {
    throw new GgufFormatError(`${key}: ${v.length} entries, but ${lengthKey} has ${length}`);
  }
  return v;
}
