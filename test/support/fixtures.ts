import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const DIR = join(import.meta.dirname, "..", "fixtures");

/** The shipped text fixtures (name → content), for exactness tests. */
export function textFixtures(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(DIR).sort()) {
    if (f.endsWith(".txt")) out.set(f, readFileSync(join(DIR, f), "utf8"));
  }
  return out;
}
