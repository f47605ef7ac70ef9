/**
 * Memory and time of `transplantEmbeddingFile` at model scale (issue 14: "a 128k × 4096 f16
 * matrix is never held twice"). Writes a made-up base model for `--from` (an F16 embedding
 * matrix of the tokenizer's vocabulary × `--dim`, and an untied LM head of the same shape, both
 * streamed to disk so that this script does not hold them either), transplants both to `--to`,
 * and prints the wall time and the process's peak resident memory. Decision 0042.
 *
 *   node --import tsx experiments/transplant-memory.ts [--from llama3] [--to llama2]
 *     [--dim 4096] [--method fvt] [--hold-bytes 1073741824] [--dir /tmp]
 *
 * `--from`/`--to` are toklab tokenizer specs, or llama2/llama3 for the @lenml dev packages'
 * tokenizer.json. Run it once per setting: the peak is the process's, from start.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { TransplantMethod } from "../src/adapt/transplant/plan.js";
import { buildSafetensorsHeader } from "../src/formats/safetensors/header.js";
import { loadTokenizer } from "../src/node/load-tokenizer.js";
import { transplantEmbeddingFile } from "../src/node/transplant-file.js";

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}
const require = createRequire(import.meta.url);
const spec = (s: string) =>
  s === "llama2" || s === "llama3" ? require.resolve(`@lenml/tokenizer-${s}/models/tokenizer.json`) : s;
const dim = Number(arg("dim", "4096"));
const from = await loadTokenizer(spec(arg("from", "llama3")));
const to = await loadTokenizer(spec(arg("to", "llama2")));
const method = arg("method", "fvt") as TransplantMethod;
const holdBytes = Number(arg("hold-bytes", String(1 << 30)));
const dir = mkdtempSync(join(arg("dir", "/tmp"), "toklab-transplant-memory-"));

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
try {
  const input = join(dir, "base.safetensors");
  const shape = [from.vocabSize, dim];
  const { header } = buildSafetensorsHeader(
    [
      { name: "embed", dtype: "F16", shape },
      { name: "head", dtype: "F16", shape },
    ],
    { format: "pt" },
  );
  const handle = await open(input, "w");
  await handle.write(header);
  // Random f16 patterns with exponents of small numbers (|x| < 0.5), 1024 rows at a time.
  let s = 1;
  const block = new Uint16Array(1024 * dim);
  for (let m = 0; m < 2; m++) {
    for (let r = 0; r < from.vocabSize; r += 1024) {
      const n = Math.min(1024, from.vocabSize - r) * dim;
      for (let i = 0; i < n; i++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        block[i] = (s >>> 16) & 0xb7ff;
      }
      await handle.write(new Uint8Array(block.buffer, 0, n * 2));
    }
  }
  await handle.close();
  const before = process.memoryUsage().rss;
  console.log(
    `base: ${from.name} ${shape.join(" × ")} F16 × 2 matrices (${mb(2 * from.vocabSize * dim * 2)}), RSS before ${mb(before)}`,
  );
  const t0 = performance.now();
  const report = await transplantEmbeddingFile({
    from,
    to,
    input,
    tensors: ["embed", "head"],
    method,
    output: join(dir, "out.safetensors"),
    holdBytes,
  });
  const seconds = (performance.now() - t0) / 1000;
  const c = report.plan.counts;
  console.log(
    `${method} → ${to.name} [${to.vocabSize}, ${dim}] × 2: ${seconds.toFixed(1)} s; rows ${c.copied} copied, ${c.fvt} FVT, ${c.omp} OMP, ${c.mean} mean`,
  );
  console.log(`hold-bytes ${holdBytes}: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
