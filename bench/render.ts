/**
 * Re-render BENCHMARKS.md from bench/out/last-run.json without measuring again, e.g. after a
 * change to the report's layout: `node --import tsx bench/render.ts [--out PATH]`.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { renderReport } from "./report/index.js";
import { keptSection } from "./report/kept.js";
import { keptSeparateSections } from "./report/sections.js";
import type { BenchResults } from "./results.js";
import { readTrainingResults } from "./train-results.js";

const raw = fileURLToPath(new URL("./out/last-run.json", import.meta.url));
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? process.argv[outIndex + 1] : "BENCHMARKS.md";
const results = JSON.parse(await readFile(raw, "utf8")) as BenchResults;
const temp = `${out}.${process.pid}.tmp`;
await writeFile(
  temp,
  renderReport(results, readTrainingResults() ?? keptSection(out, "## Training"), keptSeparateSections(out)),
);
await rename(temp, out);
console.error(`re-rendered ${out} from ${raw}`);
