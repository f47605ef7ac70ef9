import { HfJsonError } from "./errors.js";

/**
 * Typed readers for tokenizer.json fields. Each one either returns the value with the type the
 * component needs or throws an {@link HfJsonError} naming the field's JSON path, so loaders stay
 * a flat list of `field(o, "key", path)` calls with one wording of every error.
 */
export type Json = Record<string, unknown>;

/**
 * The most entries a vocabulary, merge list or added-token list may have: 2^22, sixteen times
 * the largest real vocabularies (Gemma's 262,144), so that a hostile file fails here rather
 * than after minutes of building tables (docs/security.md).
 */
export const MAX_VOCABULARY_ENTRIES = 1 << 22;

/** Throws when a list or map of `count` entries is over {@link MAX_VOCABULARY_ENTRIES}. */
export function checkEntryCount(count: number, path: string): void {
  if (count > MAX_VOCABULARY_ENTRIES) {
    throw new HfJsonError(path, `${count} entries, more than toklab's limit of ${MAX_VOCABULARY_ENTRIES}`);
  }
}

/** `v` as a JSON object (not null, not an array). */
export function object(v: unknown, path: string): Json {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new HfJsonError(path, "expected an object");
  }
  return v as Json;
}

/** `v` as a JSON array. */
export function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new HfJsonError(path, "expected an array");
  return v;
}

/** `o[key]` as a boolean; `fallback` when the field is absent or null and a fallback is given. */
export function bool(o: Json, key: string, path: string, fallback?: boolean): boolean {
  const v = o[key] ?? fallback;
  if (typeof v !== "boolean") throw new HfJsonError(`${path}.${key}`, "expected a boolean");
  return v;
}

/** `o[key]` as a boolean, or null when absent or null. */
export function optionalBool(o: Json, key: string, path: string): boolean | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "boolean") throw new HfJsonError(`${path}.${key}`, "expected a boolean or null");
  return v;
}

/** `o[key]` as a string. */
export function str(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new HfJsonError(`${path}.${key}`, "expected a string");
  return v;
}

/** `o[key]` as a string of exactly one code point (HF's `char`). */
export function char(o: Json, key: string, path: string): string {
  const v = str(o, key, path);
  if ([...v].length !== 1) {
    throw new HfJsonError(`${path}.${key}`, `expected one character, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** `o[key]` as a non-negative safe integer (HF's `usize`). */
export function usize(o: Json, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new HfJsonError(`${path}.${key}`, "expected a non-negative integer");
  }
  return v;
}

/** `v` as an integer in [0, 2^32) (HF's `u32`). */
export function u32(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new HfJsonError(path, "expected an integer in [0, 2^32)");
  }
  return v;
}

/** A short description of a JSON value for error messages (`got …`). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

/** `path.key`, or `path["key"]` when the key is not an identifier. */
export function child(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** serde_json rejects a `\ud800`-style escape that is not half of a pair; so do we. */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c & 0xfc00) === 0xd800 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    else if ((c & 0xf800) === 0xd800) return true;
  }
  return false;
}
