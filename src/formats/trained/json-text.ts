/**
 * A small JSON writer for the trained-tokenizer files. `JSON.stringify` cannot keep a
 * vocabulary in id order (JavaScript objects put integer-like keys such as `"12"` first) and
 * spreads every merge pair over four lines when pretty-printing; this writer takes `Map`s as
 * objects in insertion order and keeps arrays of scalars on one line, so a vocabulary reads one
 * entry per line and a merge list one pair per line. Browser-safe.
 */

/** What {@link jsonText} writes: JSON values, with `Map<string, …>` as ordered objects. */
export type JsonLike =
  | null
  | boolean
  | number
  | string
  | readonly JsonLike[]
  | ReadonlyMap<string, JsonLike>
  | { readonly [key: string]: JsonLike | undefined };

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== "object";
}

function scalar(v: unknown, path: string): string {
  if (v === null || typeof v === "boolean" || typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new TypeError(`${path}: ${v} has no JSON form`);
    return JSON.stringify(v);
  }
  throw new TypeError(`${path}: a ${typeof v} has no JSON form`);
}

function write(v: unknown, indent: string, path: string): string {
  if (isScalar(v)) return scalar(v, path);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    if (v.every(isScalar)) return `[${v.map((x, i) => scalar(x, `${path}[${i}]`)).join(", ")}]`;
    const items = v.map((x, i) => `${inner}${write(x, inner, `${path}[${i}]`)}`);
    return `[\n${items.join(",\n")}\n${indent}]`;
  }
  const entries: [string, unknown][] =
    v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
  const kept = entries.filter(([, x]) => x !== undefined);
  if (kept.length === 0) return "{}";
  const items = kept.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner, `${path}.${k}`)}`);
  return `{\n${items.join(",\n")}\n${indent}}`;
}

/**
 * Pretty JSON text (2-space indent, trailing newline). `Map`s are written as objects in
 * insertion order; arrays whose elements are all scalars stay on one line; `undefined` object
 * fields are left out as `JSON.stringify` does. Throws a `TypeError` naming the path of a value
 * with no JSON form (a function, a bigint, `NaN`).
 *
 * @example
 * jsonText(new Map([["b", 1], ["10", [1, 2]]])); // '{\n  "b": 1,\n  "10": [1, 2]\n}\n'
 */
export function jsonText(value: JsonLike): string {
  return `${write(value, "", "$")}\n`;
}
