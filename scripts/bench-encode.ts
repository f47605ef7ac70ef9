/**
 * Quick encode throughput: toklab vs tiktoken (wasm) on /work/shared/corpora/bench.jsonl.
 *
 *   node --import tsx scripts/bench-encode.ts [encoding=o200k_base] [--regex] [--max-mb=N]
 *     [--cat=en_prose|code|multi] [--toklab-only]
 *
 * Prints MB/s (UTF-8 bytes of input per second) per corpus category and overall (best of
 * `--repeat=N` passes, default 3, after a warm-up pass), and checks that both produce the same number of tokens. `--regex` forces the
 * RegExp pretokenizer (to separate pretokenizer speed from merge speed).
 */
import { readFileSync } from "node:fs";
import { Encoding } from "../src/core/encoding.js";
import { regexPretokenizer } from "../src/core/pretokenize/index.js";
import { type TiktokenEncodingName, tiktokenReference, tiktokenSpec } from "../test/support/tiktoken-data.js";

const args = process.argv.slice(2);
const name = (args.find((a) => !a.startsWith("--")) ?? "o200k_base") as TiktokenEncodingName;
const useRegex = args.includes("--regex");
const maxMb = Number(args.find((a) => a.startsWith("--max-mb="))?.slice(9) ?? "Infinity");
const onlyCat = args.find((a) => a.startsWith("--cat="))?.slice(6);
const toklabOnly = args.includes("--toklab-only");
const repeats = Number(args.find((a) => a.startsWith("--repeat="))?.slice(9) ?? "3");
const CORPUS = process.env.TOKLAB_BENCH_CORPUS ?? "/work/shared/corpora/bench.jsonl";

interface Doc {
  cat: string;
  text: string;
  bytes: number;
}
const docs: Doc[] = [];
let totalBytes = 0;
for (const line of readFileSync(CORPUS, "utf8").split("\n")) {
  if (line.trim() === "" || totalBytes > maxMb * 1e6) continue;
  const { cat, text } = JSON.parse(line) as { cat: string; text: string };
  if (onlyCat !== undefined && cat !== onlyCat) continue;
  const bytes = Buffer.byteLength(text);
  totalBytes += bytes;
  docs.push({ cat, text, bytes });
}

const t0 = performance.now();
const spec = tiktokenSpec(name);
const t1 = performance.now();
const enc = new Encoding(
  spec,
  useRegex ? { pretokenizer: regexPretokenizer(name, spec.pattern) } : undefined,
);
const t2 = performance.now();
console.log(
  `${name}: ${docs.length} docs, ${(totalBytes / 1e6).toFixed(1)} MB; parse data ${(t1 - t0).toFixed(0)} ms, ` +
    `build Encoding ${(t2 - t1).toFixed(1)} ms, pretokenizer ${enc.pretokenizer.name}` +
    `${useRegex ? " (regex forced)" : ""}`,
);
const ref = tiktokenReference(name);

/** The best of `repeats` passes per category: the machine may be shared, and noise only adds. */
function run(encode: (text: string) => number): Map<string, { ms: number; tokens: number }> {
  const best = runOnce(encode);
  for (let i = 1; i < repeats; i++) {
    const next = runOnce(encode);
    for (const [cat, e] of next) if (e.ms < best.get(cat)!.ms) best.get(cat)!.ms = e.ms;
  }
  return best;
}

function runOnce(encode: (text: string) => number): Map<string, { ms: number; tokens: number }> {
  const byCat = new Map<string, { ms: number; tokens: number }>();
  for (const d of docs) {
    const s = performance.now();
    const n = encode(d.text);
    const ms = performance.now() - s;
    const e = byCat.get(d.cat) ?? { ms: 0, tokens: 0 };
    e.ms += ms;
    e.tokens += n;
    byCat.set(d.cat, e);
  }
  return byCat;
}

const ours = (t: string) => enc.encodeOrdinary(t).length;
const theirs = toklabOnly ? () => 0 : (t: string) => ref.encode_ordinary(t).length;
runOnce(ours); // warm-up
runOnce(theirs);
const a = run(ours);
const b = run(theirs);

const bytesByCat = new Map<string, number>();
for (const d of docs) bytesByCat.set(d.cat, (bytesByCat.get(d.cat) ?? 0) + d.bytes);
const rows: string[][] = [["category", "MB", "toklab MB/s", "tiktoken MB/s", "speed-up", "tokens equal"]];
let ams = 0;
let bms = 0;
for (const [cat, bytes] of bytesByCat) {
  const x = a.get(cat)!;
  const y = b.get(cat)!;
  ams += x.ms;
  bms += y.ms;
  rows.push([
    cat,
    (bytes / 1e6).toFixed(1),
    (bytes / 1e3 / x.ms).toFixed(1),
    (bytes / 1e3 / y.ms).toFixed(1),
    `${(y.ms / x.ms).toFixed(1)}x`,
    String(x.tokens === y.tokens),
  ]);
}
rows.push([
  "all",
  (totalBytes / 1e6).toFixed(1),
  (totalBytes / 1e3 / ams).toFixed(1),
  (totalBytes / 1e3 / bms).toFixed(1),
  `${(bms / ams).toFixed(1)}x`,
  "",
]);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(10) : c.padStart(14))).join(""));
ref.free();
