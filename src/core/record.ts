/**
 * An empty object to use as a string-keyed map whose keys come from data (token texts, language
 * codes, category names): without a prototype, so that a key such as `__proto__` or
 * `constructor` is an ordinary key, neither lost on assignment nor found where it was never set.
 * `JSON.stringify`, `Object.keys` and spreading treat it as any plain object.
 *
 * @example
 * const counts = emptyRecord<number>();
 * counts["__proto__"] = 1;
 * JSON.stringify(counts); // '{"__proto__":1}'
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * A record from {@link emptyRecord} as a plain object (Object.prototype again) for callers, with
 * every key, `__proto__` included, as its own property. Build with `emptyRecord`, return this.
 *
 * @example
 * const r = emptyRecord<number>();
 * r.__proto__ = 1;
 * Object.keys(plainRecord(r)); // ["__proto__"]
 */
export function plainRecord<T>(record: Record<string, T>): Record<string, T> {
  return { ...record };
}
