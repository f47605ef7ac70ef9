/**
 * Cold load time of each of toklab's seven built-in encodings (the Cold load table of
 * `npm run bench` has only the three every library offers): every measurement is a fresh `node`
 * process, so module parsing, base64 decoding and building the `Encoding` (vocabulary hash,
 * special-token matcher) are all counted, as a CLI or a serverless function would pay them.
 *
 * toklab is bundled first with esbuild (code splitting on, so each data module stays a lazily
 * imported chunk, as in a real bundle) to time plain JS rather than tsx's transform. Reported:
 * the median, over runs, of the in-process time from the first `import()` to the first
 * `encode` result; and of the whole process (spawn to exit) minus an empty `node` process.
 * The tiktoken (WASM), js-tiktoken and gpt-tokenizer packages are timed the same way for
 * context (`--no-reference`: toklab only).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { type Micro, median, positive } from "./support.js";

export const micro: Micro = {
  about: "cold load of all seven built-in encodings, fresh process each, toklab bundled (+ references)",
  usage: "[--runs N (9)] [--no-reference]",
  main,
};

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const ENCODINGS = [
  "gpt2",
  "r50k_base",
  "p50k_base",
  "p50k_edit",
  "cl100k_base",
  "o200k_base",
  "o200k_harmony",
];

/** Child script body: `load(name)` must return something with `encode(text)`. */
function childSource(imports: string, load: string): string {
  return `${imports}
const name = process.argv[2];
const t0 = performance.now();
const enc = await (${load})(name);
const tokens = enc.encode("hello world");
const ms = performance.now() - t0;
if (tokens.length === 0) throw new Error("no tokens");
process.stdout.write(JSON.stringify({ ms }));
`;
}

/** Runs `script name` `runs` times; returns median in-process and wall-clock milliseconds. */
function measure(runs: number, script: string, name: string): { inProcess: number; wall: number } {
  const inProcess: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [script, name], { encoding: "utf8" });
    wall.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${script} ${name}: ${result.stderr}`);
    inProcess.push(JSON.parse(result.stdout).ms);
  }
  return { inProcess: median(inProcess), wall: median(wall) };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: "string" }, "no-reference": { type: "boolean", default: false } },
  });
  const runs = positive(values.runs, "runs", 9);
  const withReference = !values["no-reference"];
  const dir = mkdtempSync(join(tmpdir(), "toklab-bench-load-"));
  try {
    await measureAll(dir, runs, withReference);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureAll(dir: string, runs: number, withReference: boolean): Promise<void> {
  // toklab, bundled.
  const entry = join(dir, "toklab-entry.mjs");
  const encodingsIndex = join(root, "src/encodings/index.ts");
  writeFileSync(
    entry,
    childSource("", `(n) => import(${JSON.stringify(encodingsIndex)}).then((m) => m.getEncoding(n))`),
  );
  await build({
    entryPoints: [entry],
    outdir: join(dir, "toklab"),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    outExtension: { ".js": ".mjs" },
    logLevel: "error",
  });
  const toklab = join(dir, "toklab", "toklab-entry.mjs");

  // An empty process, to subtract node's own start-up from the wall-clock numbers.
  const empty = join(dir, "empty.mjs");
  writeFileSync(empty, "process.stdout.write(JSON.stringify({ ms: 0 }));");
  const baseline = measure(runs, empty, "").wall;

  const references: Array<[string, string, string[]]> = [];
  if (withReference) {
    const nm = (path: string) => JSON.stringify(pathToFileURL(join(root, "node_modules", path)).href);
    const cjs = `import { createRequire } from "node:module"; const require = createRequire(${nm("tiktoken/package.json")});`;
    const write = (file: string, source: string) => {
      writeFileSync(join(dir, file), source);
      return join(dir, file);
    };
    references.push(
      [
        "tiktoken (wasm)",
        write("tiktoken.mjs", childSource(cjs, `async (n) => require("tiktoken").get_encoding(n)`)),
        ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"],
      ],
      [
        "js-tiktoken",
        write(
          "js-tiktoken.mjs",
          childSource(
            `import { getEncoding } from ${nm("js-tiktoken/dist/index.js")};`,
            "async (n) => getEncoding(n)",
          ),
        ),
        ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"],
      ],
      [
        "gpt-tokenizer",
        write(
          "gpt-tokenizer.mjs",
          childSource("", `(n) => import(${nm("gpt-tokenizer/esm/encoding/")} + n + ".js")`),
        ),
        ["r50k_base", "p50k_base", "cl100k_base", "o200k_base", "o200k_harmony"],
      ],
    );
  }

  console.log(
    `cold load, median of ${runs} fresh processes (node ${process.version}); empty node: ${baseline.toFixed(1)} ms`,
  );
  console.log("library          encoding        import→first encode   process − empty node");
  const row = (library: string, name: string, m: { inProcess: number; wall: number }) =>
    console.log(
      `${library.padEnd(16)} ${name.padEnd(15)} ${m.inProcess.toFixed(1).padStart(10)} ms ${(m.wall - baseline).toFixed(1).padStart(17)} ms`,
    );
  for (const name of ENCODINGS) row("toklab", name, measure(runs, toklab, name));
  for (const [library, script, names] of references)
    for (const name of names) row(library, name, measure(runs, script, name));
}
