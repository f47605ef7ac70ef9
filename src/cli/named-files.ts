import { CliError } from "./errors.js";

/**
 * `NAME=FILE[,FILE]` options (domain --domain, mixture --category) → name → files, in the order
 * given; a name given twice collects both. A malformed value is a usage error (exit 2).
 */
export function namedFiles(option: string, raw: string[] | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const arg of raw ?? []) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? "" : arg.slice(0, eq);
    const files = eq < 0 ? [] : splitList(arg.slice(eq + 1));
    if (name === "" || files.length === 0) {
      throw new CliError(`${option} expects NAME=FILE[,FILE], got "${arg}"`, 2);
    }
    out.set(name, [...(out.get(name) ?? []), ...files]);
  }
  return out;
}

/** A comma-separated option value as its non-empty items. */
export function splitList(raw: string | undefined): string[] {
  return (raw ?? "").split(",").filter((s) => s !== "");
}
