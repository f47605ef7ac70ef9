/**
 * Sections of BENCHMARKS.md that other benchmark scripts write (they need a browser, DuckDB or
 * spm_train, and minutes of their own), which `npm run bench` keeps as they are when it rewrites
 * the report.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { keptSection } from "./kept.js";

/** Headings of the sections written by their own scripts, in the order the report shows them. */
export const SEPARATE_SECTIONS = [
  "## Lab: keystroke-to-updated-count latency", // npm run bench:lab (bench/lab.ts)
  "## Count shards: training past one machine", // npm run bench:shards (bench/shards.ts)
  "## Unigram training against spm_train", // npm run bench:unigram (bench/unigram.ts)
] as const;

/** The separate sections present in the report at `path`, in order (for `npm run bench`). */
export function keptSeparateSections(path: string): string[] {
  return SEPARATE_SECTIONS.map((h) => keptSection(path, h)).filter((s): s is string => s !== undefined);
}

/**
 * Writes `section` (which starts with its `## ` heading, one of {@link SEPARATE_SECTIONS}) into the
 * report at `path`: in place of the section with that heading, or at the end. Atomic (a temporary
 * file renamed over the report).
 *
 * @example
 * ```ts
 * writeReportSection("BENCHMARKS.md", "## Lab: keystroke-to-updated-count latency\n\n| ... |");
 * ```
 */
export function writeReportSection(path: string, section: string): void {
  const heading = section.split("\n", 1)[0];
  if (!(SEPARATE_SECTIONS as readonly string[]).includes(heading))
    throw new Error(`not a separate section of the report: ${heading}`);
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    text = "# Benchmarks\n";
  }
  const old = keptSection(path, heading);
  const body = section.trimEnd();
  const next = old === undefined ? `${text.trimEnd()}\n\n${body}\n` : text.replace(old, body);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, next);
  renameSync(temp, path);
}
