/**
 * A component's type with the types of the components it holds, e.g.
 * `Sequence(Split, ByteLevel)`; found by looking for arrays of typed objects, so every
 * Sequence-like component (normalizers, pre-tokenizers, processors, decoders) is covered.
 *
 * @example
 * describeComponent(new PreTokenizerSequence([split, byteLevel])); // "Sequence(Split, ByteLevel)"
 */
export function describeComponent(component: unknown): string | null {
  if (component === null || component === undefined) return null;
  const c = component as Record<string, unknown>;
  const type = typeof c.type === "string" ? c.type : (c.constructor?.name ?? "?");
  for (const value of Object.values(c)) {
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v?.type === "string")) {
      return `${type}(${value.map((v) => describeComponent(v)).join(", ")})`;
    }
  }
  return type;
}
