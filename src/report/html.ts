/**
 * The self-contained HTML report of `toklab compare --html`: the data and the chart specs as
 * JSON, the Vega, Vega-Lite and vega-embed builds inlined, a summary table, and a small script
 * that draws every chart with `vegaEmbed`. Pure: the library sources come in as strings, so this
 * runs in a browser as well as in Node. Design: docs/decisions/0019-html-report.md.
 */
import type { TopLevelSpec } from "vega-lite";
import { escapeHtml, jsonForScript, scriptForInline } from "./escape.js";
import {
  auditSpec,
  bytesPerTokenSpec,
  continuedWordsSpec,
  fertilitySpec,
  premiumSpec,
  scriptsSpec,
  tokenLengthSpec,
} from "./specs.js";
import { REPORT_STYLE } from "./style.js";
import { summaryTable } from "./summary.js";
import type { ChartLibraries, ReportData } from "./types.js";

/** A chart of the report: the id of its container and its Vega-Lite spec. */
export interface ReportChart {
  id: string;
  spec: TopLevelSpec;
}

/** Options of {@link renderReportHtml}. */
export interface ReportHtmlOptions {
  /** The page title (default "toklab report: A, B, ..."). */
  title?: string;
}

/**
 * The charts a report draws, in page order; charts with no data (no parity, no audit) are left
 * out rather than drawn empty.
 *
 * @example
 * reportCharts(data).map((c) => c.id); // ["chart-bytes-per-token", "chart-fertility", ...]
 */
export function reportCharts(data: ReportData): ReportChart[] {
  const charts: ReportChart[] = [
    { id: "chart-bytes-per-token", spec: bytesPerTokenSpec(data.compare) },
    { id: "chart-fertility", spec: fertilitySpec(data.compare) },
    { id: "chart-continued-words", spec: continuedWordsSpec(data.compare) },
    { id: "chart-token-length", spec: tokenLengthSpec(data.compare) },
  ];
  if (data.parity.length > 0)
    charts.push({ id: "chart-premiums", spec: premiumSpec(data.parity, data.languages) });
  if (data.audit.length > 0) {
    charts.push({ id: "chart-audit", spec: auditSpec(data.audit) });
    charts.push({ id: "chart-scripts", spec: scriptsSpec(data.audit) });
  }
  return charts;
}

/** Draws every chart; a chart that fails shows why in its place and logs a console error. */
const PAGE_SCRIPT = `(function () {
  "use strict";
  var charts = JSON.parse(document.getElementById("toklab-charts").textContent);
  var options = {
    mode: "vega-lite",
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false }
  };
  var jobs = charts.map(function (c) {
    var el = document.getElementById(c.id);
    return vegaEmbed(el, c.spec, options).then(
      function () { el.setAttribute("data-rendered", "true"); },
      function (e) {
        el.textContent = "This chart could not be drawn: " + (e && e.message ? e.message : e);
        el.className += " failed";
        console.error("toklab report: chart " + c.id + " failed", e);
      }
    );
  });
  Promise.all(jobs).then(function () { document.documentElement.setAttribute("data-charts", "done"); });
})();`;

const int = (n: number) => n.toLocaleString("en-US");

function chartBox(id: string, label: string): string {
  return `<div class="chart" id="${escapeHtml(id)}" role="img" aria-label="${escapeHtml(label)}"></div>`;
}

function section(title: string, intro: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2><p class="intro">${intro}</p>${body}</section>`;
}

function corpusLine(data: ReportData): string {
  const c = data.compare.corpus;
  const source = Array.isArray(c.source) ? c.source.join(", ") : c.source;
  const cats = c.categories.length > 0 ? `; categories ${c.categories.join(", ")}` : "";
  const seg = data.compare.segmenter;
  const settings = Object.entries(seg ?? {})
    .filter(([k, v]) => k !== "name" && v !== undefined)
    .map(([k, v]) => `${k} ${String(v)}`);
  const segmenter =
    seg === undefined
      ? ""
      : ` Segmenter ${escapeHtml(seg.name)}${settings.length > 0 ? ` (${escapeHtml(settings.join(", "))})` : ""}.`;
  return (
    `Corpus ${escapeHtml(source)}: ${int(c.documents)} document(s), ${int(c.bytes)} bytes, ` +
    `${int(c.chars)} characters, ${int(c.words)} words${escapeHtml(cats)}. ` +
    `Baseline ${escapeHtml(data.compare.baseline)}; Rényi α = ${escapeHtml(String(data.compare.renyi.alpha))} ` +
    `(normalised by ${escapeHtml(data.compare.renyi.normalisation)}).${segmenter}`
  );
}

function paritySection(data: ReportData): string {
  if (data.parity.length === 0) {
    return section("Parity across languages", "No tokenizer could be measured on the parallel text.", "");
  }
  const p = data.parity[0];
  const kept = new Set(data.parity.flatMap((x) => Object.keys(x.premiums)));
  const excluded = data.parity
    .filter((x) => x.excluded.length > 0)
    .map((x) => `${escapeHtml(x.tokenizer)}: ${x.excluded.map(escapeHtml).join(", ")}`);
  const intro =
    `Tokens each language needs for the same text, relative to ${escapeHtml(data.languages?.[p.reference] ?? p.reference)} ` +
    `(Petrov et al. 2023), on ${escapeHtml(p.source === "udhr" ? "the Universal Declaration of Human Rights" : p.source)} ` +
    `in ${int(kept.size)} languages. A premium of 2 means twice the tokens: twice the cost and half the context. ` +
    `Languages with more than ${escapeHtml(String(Number((100 * p.max_unknown).toPrecision(12))))}% unknown characters are left out.`;
  const note = excluded.length > 0 ? `<p class="note">Left out: ${excluded.join("; ")}</p>` : "";
  return section(
    "Parity across languages",
    intro,
    chartBox("chart-premiums", "token premium per language") + note,
  );
}

function auditSection(data: ReportData): string {
  if (data.audit.length === 0) return "";
  const intro =
    "Every token decoded alone and re-encoded (Land &amp; Bartolo 2024): <b>ok</b> tokens come back as " +
    "themselves; <b>unreachable</b> ones encode to another token or to several, so the model never sees " +
    "them in training; <b>undecodable</b> and <b>partial_utf8</b> tokens are not valid UTF-8 alone. " +
    "Bars use a symmetric log scale; labels give exact counts.";
  return section(
    "Vocabulary audit",
    intro,
    chartBox("chart-audit", "audit counts per class") +
      `<h3>Scripts of the vocabulary</h3>${chartBox("chart-scripts", "script composition")}`,
  );
}

function footer(libraries: ChartLibraries): string {
  const versions = Object.entries(libraries.versions ?? {})
    .map(([name, v]) => `${escapeHtml(name)} ${escapeHtml(v)}`)
    .join(", ");
  return (
    "<footer>Made by <code>toklab compare --html</code>. Self-contained: the data (in " +
    "<code>#toklab-data</code>, as <code>compare --json</code>, <code>parity --json</code> and " +
    "<code>audit --json</code> print it) and the chart libraries" +
    (versions === "" ? "" : ` (${versions})`) +
    " are inside this file; it loads nothing from the network.</footer>"
  );
}

/** The CSP source of a script: its SHA-256, base64 (Web Crypto: browsers and Node alike). */
async function scriptHash(source: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(source)));
  let binary = "";
  for (const b of digest) binary += String.fromCharCode(b);
  return `'sha256-${btoa(binary)}'`;
}

/**
 * The report page as one HTML string. Its Content-Security-Policy lets only its own scripts run
 * (by their SHA-256), so escaping is not the only defence against text in the data.
 *
 * @example
 * const html = await renderReportHtml(data, { vega, vegaLite, vegaEmbed });
 * html.startsWith("<!doctype html>"); // true
 */
export async function renderReportHtml(
  data: ReportData,
  libraries: ChartLibraries,
  options: ReportHtmlOptions = {},
): Promise<string> {
  const names = data.compare.tokenizers.map((t) => t.name);
  const title = options.title ?? `toklab report: ${names.join(", ")}`;
  const charts = reportCharts(data);
  const notes = (data.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("");
  const body = [
    `<header><h1>${escapeHtml(title)}</h1><p class="corpus">${corpusLine(data)}</p>${notes}</header>`,
    section(
      "Summary",
      "Hover a column name for its definition. Definitions and sources: docs/metrics.md in toklab.",
      summaryTable(data),
    ),
    section(
      "Compression by category",
      "UTF-8 bytes per token on the whole corpus and on each category: higher means fewer tokens for the same text.",
      chartBox("chart-bytes-per-token", "bytes per token by category"),
    ),
    section(
      "Fertility and continued words",
      "Tokens per word, and the share of words split into two or more tokens (words by Unicode word segmentation).",
      `<div class="pair">${chartBox("chart-fertility", "fertility by category")}${chartBox("chart-continued-words", "continued words by category")}</div>`,
    ),
    section(
      "Token lengths",
      "How long the tokens used on the corpus are, in bytes, as a share of each tokenizer's tokens.",
      chartBox("chart-token-length", "token length histogram"),
    ),
    paritySection(data),
    auditSection(data),
    footer(libraries),
  ].join("\n");
  // CSP: nothing may be fetched; only these scripts run, named by hash (no 'unsafe-inline'); Vega
  // compiles its expressions with Function, hence 'unsafe-eval'.
  const scripts = [libraries.vega, libraries.vegaLite, libraries.vegaEmbed].map(scriptForInline);
  scripts.push(PAGE_SCRIPT);
  const hashes = await Promise.all(scripts.map(scriptHash));
  const csp = `default-src 'none'; script-src ${hashes.join(" ")} 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="toklab">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script type="application/json" id="toklab-data">${jsonForScript(data)}</script>
<script type="application/json" id="toklab-charts">${jsonForScript(charts)}</script>
${scripts.map((s) => `<script>${s}</script>`).join("\n")}
</body>
</html>
`;
}
