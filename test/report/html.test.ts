import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { escapeHtml, jsonForScript, scriptForInline } from "../../src/report/escape.js";
import {
  median,
  type ReportData,
  renderReportHtml,
  reportCharts,
  summaryTable,
} from "../../src/report/index.js";
import { sampleAudit, sampleCompare, sampleParity } from "../support/report/data.js";

const HOSTILE = `</script><script>window.pwned=1</script><!--`;
const QUOTES = `a"b'c<img src=x onerror=alert(1)>&amp;`;

function hostileData(): ReportData {
  const names: [string, string] = [HOSTILE, QUOTES];
  return {
    compare: sampleCompare(names),
    parity: sampleParity(names),
    audit: [sampleAudit(HOSTILE, { ok: 3 }, { Latin: 3 }), sampleAudit(QUOTES, { ok: 4 }, { Latin: 4 })],
    languages: { deu: "German </script>" },
    notes: [`note <em>${HOSTILE}</em>`],
  };
}

/** Fake libraries: each sets a global and carries a `</script>` in a string. */
const LIBRARIES = {
  vega: 'window.vega = { s: "</script>" };',
  vegaLite: "window.vegaLite = { s: '<!-- x' };",
  vegaEmbed: "window.vegaEmbed = function () { return Promise.resolve(); };",
  versions: { vega: "6.4.0", "vega-lite": "6.4.3", "vega-embed": "7.3.0" },
};

function scriptJson(html: string, id: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  assert.ok(m, `no #${id} element`);
  return JSON.parse(m[1]);
}

test("escapeHtml escapes the five characters that matter in text and quoted attributes", () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  assert.equal(escapeHtml("plain ünïcode 日本"), "plain ünïcode 日本");
});

test("jsonForScript: no <, >, & or line separators in the text; the same value back", () => {
  const value = { a: "</script><!-- & -->", b: ["\u2028\u2029", "</SCRIPT>"], n: 1.5 };
  const json = jsonForScript(value);
  assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(json), value);
  // Also a JavaScript literal with the same value (U+2028 is a line break in older JS).
  assert.deepEqual(new Function(`return ${json};`)(), value);
  assert.throws(() => jsonForScript(undefined), /no JSON form/);
});

test("scriptForInline: </script and <!-- are escaped, and the program computes the same", () => {
  const source =
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the program under test has a template literal.
    'return ["</script>", `<!-- ${1 + 1} </SCRIPT>`, /a<!--b/.test("a<!--b"), "x" /* </script> */, 1 < 2];';
  const safe = scriptForInline(source);
  assert.doesNotMatch(safe, /<\/script|<!--/i);
  assert.deepEqual(new Function(safe)(), new Function(source)());
  assert.deepEqual(new Function(safe)(), ["</script>", "<!-- 2 </SCRIPT>", true, "x", true]);
  assert.equal(scriptForInline("a < b && c <= d"), "a < b && c <= d");
});

test("renderReportHtml: hostile names stay text; the embedded data and specs parse back exactly", async () => {
  const data = hostileData();
  const html = await renderReportHtml(data, LIBRARIES);
  // Exactly our six script elements: two JSON blocks, three libraries, the page script.
  assert.equal(html.match(/<script/gi)?.length, 6);
  assert.equal(html.match(/<\/script>/gi)?.length, 6);
  assert.ok(!html.includes("<img"));
  assert.ok(!html.includes("<!--"));
  assert.ok(!html.includes("<em>"));
  assert.ok(html.includes(escapeHtml(QUOTES)));
  assert.ok(html.includes(`<title>toklab report: ${escapeHtml(HOSTILE)}, ${escapeHtml(QUOTES)}</title>`));
  assert.deepEqual(scriptJson(html, "toklab-data"), data);
  assert.deepEqual(scriptJson(html, "toklab-charts"), JSON.parse(JSON.stringify(reportCharts(data))));
  assert.ok(html.includes('window.vega = { s: "\\x3C/script>" };'));
  assert.ok(html.includes("window.vegaLite = { s: '\\x3C!-- x' };"));
});

test("renderReportHtml: a CSP that fetches nothing and runs only its own scripts, a chart box per chart", async () => {
  const data: ReportData = {
    compare: sampleCompare(),
    parity: sampleParity(),
    audit: [sampleAudit("alpha", {}, {}), sampleAudit("beta", {}, {})],
  };
  const html = await renderReportHtml(data, LIBRARIES);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  // Each script runs by its hash (computed here with Node's crypto), none by 'unsafe-inline'.
  const csp = /content="(default-src[^"]*)"/.exec(html)![1];
  assert.doesNotMatch(csp, /unsafe-inline'[^;]*;\s*style/);
  assert.ok(!/script-src[^;]*'unsafe-inline'/.test(csp));
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 4);
  for (const source of inline) {
    const hash = createHash("sha256").update(source, "utf8").digest("base64");
    assert.ok(csp.includes(`'sha256-${hash}'`), `no hash for ${source.slice(0, 40)}`);
  }
  assert.doesNotMatch(html, /https?:\/\//);
  for (const { id } of reportCharts(data)) {
    assert.equal(html.split(`<div class="chart" id="${id}"`).length, 2, id);
  }
  assert.match(html, /vega 6\.4\.0, vega-lite 6\.4\.3, vega-embed 7\.3\.0/);
  assert.equal(
    (await renderReportHtml(data, LIBRARIES, { title: "T&T" })).match(/<title>(.*)<\/title>/)?.[1],
    "T&amp;T",
  );
});

test("the header names the corpus, the baseline and a segmenter with its settings", async () => {
  const compare = {
    ...sampleCompare(),
    segmenter: { name: "dropout", dropout: 0.1, seed: 7, unset: undefined },
  };
  const html = await renderReportHtml({ compare, parity: [], audit: [] }, LIBRARIES);
  const line = /<p class="corpus">(.*?)<\/p>/.exec(html)?.[1];
  assert.equal(
    line,
    "Corpus a.jsonl: 3 document(s), 400 bytes, 380 characters, 70 words; categories prose, code. " +
      "Baseline alpha; Rényi α = 2.5 (normalised by observed types). Segmenter dropout (dropout 0.1, seed 7).",
  );
  // No parity or audit data: the parity section says so and no empty chart box is left.
  assert.match(html, /No tokenizer could be measured on the parallel text/);
  assert.ok(!html.includes('id="chart-premiums"'));
  assert.ok(!html.includes('id="chart-audit"'));
});

test("summary table: the numbers of each tokenizer, median and highest premium, dashes when missing", () => {
  const data: ReportData = {
    compare: sampleCompare(),
    parity: [sampleParity()[0]],
    audit: [
      sampleAudit(
        "alpha",
        { tokens: 1234, partial_utf8: 7, unreachable_single: 1, unreachable_multi: 2 },
        {},
      ),
    ],
    languages: { deu: "German" },
  };
  const rows = summaryTable(data)
    .split("<tr>")
    .slice(2)
    .map((r) =>
      [...r.matchAll(/<td class="num">([^<]*)(?:<div class="sub">([^<]*)<\/div>)?<\/td>/g)].map((m) =>
        m[2] === undefined ? m[1] : `${m[1]} ${m[2]}`,
      ),
    );
  // vocabulary, tokens, bytes/tok, chars/tok, fertility, continued, Rényi, NSL, unknown,
  // median premium (1, 1.2, 1.5 → 1.2), highest premium, partial UTF-8, unreachable.
  assert.deepEqual(rows[0], [
    "1,234",
    "100",
    "4.000",
    (4 / 1.1).toFixed(3),
    "1.250",
    "2.5%",
    "0.5000",
    "1.000",
    "0.0%",
    "1.20",
    "1.50 German",
    "7",
    "3",
  ]);
  assert.deepEqual(rows[1], [
    "–",
    "100",
    "2.000",
    (2 / 1.1).toFixed(3),
    "1.500",
    "5.0%",
    "0.5000",
    "1.000",
    "0.0%",
    "–",
    "–",
    "–",
    "–",
  ]);
});

test("median of odd, even and empty lists", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});
