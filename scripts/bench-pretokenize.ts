/**
 * Throughput of the hand-written pretokenizers against the translated-RegExp oracle.
 *
 * Run: `node --import tsx scripts/bench-pretokenize.ts [path/to/bench.jsonl]`
 *
 * Reads /work/shared/corpora/bench.jsonl (JSONL with `text` and `cat`) when present, else a
 * synthetic mix. Reports MB/s of UTF-8 input per category, best of several passes, so figures
 * compare with tiktoken's (which counts bytes).
 */
import { existsSync, readFileSync } from "node:fs";
import {
  CL100K_PATTERN,
  cl100kPretokenizer,
  GPT2_PATTERN,
  gpt2Pretokenizer,
  O200K_PATTERN,
  o200kPretokenizer,
  type Pretokenizer,
  regexPretokenizer,
} from "../src/core/pretokenize/index.js";

const CORPUS = process.argv[2] ?? "/work/shared/corpora/bench.jsonl";

function loadTexts(): Map<string, string[]> {
  const byCat = new Map<string, string[]>();
  if (existsSync(CORPUS)) {
    for (const line of readFileSync(CORPUS, "utf8").split("\n")) {
      if (!line) continue;
      const { text, cat } = JSON.parse(line) as { text: string; cat: string };
      byCat.set(cat, [...(byCat.get(cat) ?? []), text]);
    }
  } else {
    const prose = "The quick brown fox's tail didn't jump over 1234 lazy dogs; they'll sleep.\n\n";
    byCat.set("synthetic", [prose.repeat(20000), "中文テキスト ภาษาไทย العربية 😀 ".repeat(20000)]);
  }
  byCat.set("all", [...byCat.values()].flat());
  return byCat;
}

/** Walks every text; returns a checksum so the work cannot be optimised away. */
function walk(p: Pretokenizer, texts: readonly string[]): number {
  let pieces = 0;
  for (const text of texts) {
    const end = text.length;
    let pos = 0;
    while (pos < end) {
      pos = p.next(text, pos, end);
      pieces++;
    }
  }
  return pieces;
}

function mbPerSecond(p: Pretokenizer, texts: readonly string[], bytes: number, passes: number): number {
  walk(p, texts); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    walk(p, texts);
    best = Math.min(best, performance.now() - t0);
  }
  return bytes / 1e6 / (best / 1000);
}

const pairs: Array<[Pretokenizer, Pretokenizer]> = [
  [gpt2Pretokenizer, regexPretokenizer("gpt2-regex", GPT2_PATTERN)],
  [cl100kPretokenizer, regexPretokenizer("cl100k-regex", CL100K_PATTERN)],
  [o200kPretokenizer, regexPretokenizer("o200k-regex", O200K_PATTERN)],
];
const encoder = new TextEncoder();
console.log(`corpus: ${existsSync(CORPUS) ? CORPUS : "synthetic"}; MB/s of UTF-8, best of 5`);
console.log("category      bytes      scanner   MB/s   regex   MB/s  speed-up");
for (const [cat, texts] of loadTexts()) {
  const bytes = texts.reduce((n, t) => n + encoder.encode(t).length, 0);
  for (const [scanner, regex] of pairs) {
    if (walk(scanner, texts) !== walk(regex, texts))
      throw new Error(`${scanner.name} and regex disagree on ${cat}`);
    const s = mbPerSecond(scanner, texts, bytes, 5);
    const r = mbPerSecond(regex, texts, bytes, 5);
    console.log(
      `${cat.padEnd(10)} ${String(bytes).padStart(9)}  ${scanner.name.padEnd(7)} ${s.toFixed(1).padStart(6)}  ${regex.name.padEnd(13)} ${r.toFixed(1).padStart(6)}  ${(s / r).toFixed(1)}x`,
    );
  }
}
