/**
 * Vega-Lite specifications of the report's charts, built from the data of `compare --json`,
 * `parity --json` and `audit --json`. Each builder is pure: data in, a spec with its rows inlined
 * (`data.values`) out, so a chart can be checked without a browser.
 */

import type { TopLevelSpec } from "vega-lite";
import type { VocabularyAudit } from "../analyze/audit.js";
import type { ReportCompare, ReportParity } from "./types.js";

/** Tableau 10: distinct, colour-blind-friendlier hues; tokenizers past ten reuse them. */
const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

/** The category label of the whole corpus, next to its categories. */
export const ALL_CATEGORY = "all";

/** Token lengths above this many bytes share one bar (`17+`): the tail is a few tokens. */
export const MAX_TOKEN_LENGTH_BAR = 16;

/** Languages up to this many get axis labels; more would overlap, so tooltips name them. */
const MAX_LABELLED_LANGUAGES = 60;

/** The audit counts charted, in the order `toklab audit` prints them. */
export const AUDIT_CLASSES = [
  "ok",
  "unreachable_single",
  "unreachable_multi",
  "undecodable",
  "special",
  "added",
  "partial_utf8",
  "non_utf8_bytes",
  "byte_fallback",
  "byte_fallback_duplicates",
  "pretokenizer_unreachable",
] as const;

/** Scripts charted by name; the rest are summed into `other`. */
const MAX_SCRIPTS = 9;

/**
 * The colour encoding that gives each tokenizer the same colour in every chart.
 *
 * @example
 * tokenizerColor(["o200k_base", "cl100k_base"]).scale.domain; // ["o200k_base", "cl100k_base"]
 */
export function tokenizerColor(names: readonly string[]) {
  return {
    field: "tokenizer",
    type: "nominal" as const,
    title: "tokenizer",
    scale: { domain: [...names], range: names.map((_, i) => PALETTE[i % PALETTE.length]) },
    // Long names (paths) get one legend row each; side by side they would run off a half-width chart.
    legend: {
      orient: "top" as const,
      labelLimit: 320,
      ...(names.some((n) => n.length > 24) && { columns: 1 }),
    },
  };
}

/** Settings shared by every chart: fill the container's width, quiet axes. */
function frame(height: number) {
  return {
    width: "container" as const,
    height,
    autosize: { type: "fit-x" as const, contains: "padding" as const },
    config: {
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal" as const, gridColor: "#eee" },
      legend: { labelFontSize: 11, titleFontSize: 11 },
      font: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    },
  };
}

/** The corpus's categories with `all` first (just `all` when the corpus has none). */
export function categoriesOf(compare: ReportCompare): string[] {
  return [ALL_CATEGORY, ...compare.corpus.categories];
}

/** Names Vega's own lookups (plain objects used as maps) would read as Object.prototype members. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The spec with every string Vega could misread made safe to draw; the report's embedded JSON
 * keeps the exact names. Vega-Lite writes nominal sort orders into Vega expressions as string
 * literals, which Vega's expression parser refuses when they hold U+2028 or U+2029 (shown here
 * as the text `\u2028`, `\u2029`); and Vega keeps nominal values as keys of plain objects, so a
 * category or tokenizer named `constructor` or `__proto__` breaks a chart (such a name gets an
 * invisible U+2060 word joiner at its end).
 */
function vegaSafe<T>(spec: T): T {
  const fix = (value: unknown): unknown => {
    if (typeof value === "string") {
      const shown = value.replace(/[\u2028\u2029]/g, (c) => (c === "\u2028" ? "\\u2028" : "\\u2029"));
      return PROTOTYPE_NAMES.has(shown) ? `${shown}\u2060` : shown;
    }
    if (Array.isArray(value)) return value.map(fix);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fix(v)]));
    }
    return value;
  };
  return fix(spec) as T;
}

/** One row per tokenizer and category of a per-category number. */
function categoryRows(compare: ReportCompare, metric: "bytes_per_token" | "fertility" | "continued_words") {
  const rows: { tokenizer: string; category: string; value: number }[] = [];
  for (const t of compare.tokenizers) {
    for (const category of categoriesOf(compare)) {
      const m = category === ALL_CATEGORY ? t : t.categories[category];
      if (m !== undefined) rows.push({ tokenizer: t.name, category, value: m[metric] });
    }
  }
  return rows;
}

/** A grouped bar chart of a per-category number: categories on x, one bar per tokenizer. */
function groupedCategoryBars(
  compare: ReportCompare,
  metric: "bytes_per_token" | "fertility" | "continued_words",
  title: string,
  format: string,
): TopLevelSpec {
  const names = compare.tokenizers.map((t) => t.name);
  return vegaSafe({
    ...frame(240),
    data: { values: categoryRows(compare, metric) },
    mark: { type: "bar", tooltip: true },
    encoding: {
      x: {
        field: "category",
        type: "nominal",
        sort: categoriesOf(compare),
        title: null,
        axis: { labelAngle: 0, labelLimit: 160 },
      },
      xOffset: { field: "tokenizer", type: "nominal", sort: names },
      y: { field: "value", type: "quantitative", title, axis: { format } },
      color: tokenizerColor(names),
      tooltip: [
        { field: "tokenizer", type: "nominal" },
        { field: "category", type: "nominal" },
        { field: "value", type: "quantitative", title, format },
      ],
    },
  });
}

/**
 * Bytes per token for the whole corpus and each category, one bar per tokenizer (higher is
 * better compression).
 *
 * @example
 * bytesPerTokenSpec(compareJson).encoding.y.field; // "value"
 */
export function bytesPerTokenSpec(compare: ReportCompare): TopLevelSpec {
  return groupedCategoryBars(compare, "bytes_per_token", "bytes per token", ".2f");
}

/**
 * Fertility (tokens per word) for the whole corpus and each category.
 *
 * @example
 * fertilitySpec(compareJson).data; // { values: [{ tokenizer, category, value }, ...] }
 */
export function fertilitySpec(compare: ReportCompare): TopLevelSpec {
  return groupedCategoryBars(compare, "fertility", "tokens per word", ".2f");
}

/**
 * Continued words (share of words split into two or more tokens), overall and per category.
 *
 * @example
 * continuedWordsSpec(compareJson).encoding.y.axis.format; // ".0%"
 */
export function continuedWordsSpec(compare: ReportCompare): TopLevelSpec {
  return groupedCategoryBars(compare, "continued_words", "words split into 2+ tokens", ".0%");
}

/** The bar label of a token length: the number, or `17+` for the tail. */
function lengthLabel(length: number): string {
  return length > MAX_TOKEN_LENGTH_BAR ? `${MAX_TOKEN_LENGTH_BAR + 1}+` : String(length);
}

/**
 * The token-length distribution in bytes over the whole corpus: the share of each tokenizer's
 * tokens with each length (shares, so tokenizers with different token counts compare). Lengths
 * from the shortest seen up to 16 all get a bar (zeros included, so gaps show); longer ones
 * share the `17+` bar.
 *
 * @example
 * tokenLengthSpec(compareJson).encoding.x.sort; // ["1", "2", ..., "16", "17+"]
 */
export function tokenLengthSpec(compare: ReportCompare): TopLevelSpec {
  const names = compare.tokenizers.map((t) => t.name);
  const lengths = compare.tokenizers.flatMap((t) => Object.keys(t.token_length_bytes).map(Number));
  const shortest = Math.min(1, ...lengths);
  const longest = Math.max(shortest, ...lengths);
  const labels: string[] = [];
  for (let n = shortest; n <= Math.min(longest, MAX_TOKEN_LENGTH_BAR + 1); n++) labels.push(lengthLabel(n));
  const rows: { tokenizer: string; length: string; tokens: number; share: number }[] = [];
  for (const t of compare.tokenizers) {
    const counts = new Map<string, number>(labels.map((l) => [l, 0]));
    let total = 0;
    for (const [len, n] of Object.entries(t.token_length_bytes)) {
      const label = lengthLabel(Number(len));
      counts.set(label, (counts.get(label) ?? 0) + n);
      total += n;
    }
    for (const [length, tokens] of counts) {
      rows.push({ tokenizer: t.name, length, tokens, share: total === 0 ? 0 : tokens / total });
    }
  }
  return vegaSafe({
    ...frame(240),
    data: { values: rows },
    mark: { type: "bar", tooltip: true },
    encoding: {
      x: {
        field: "length",
        type: "ordinal",
        sort: labels,
        title: "token length (bytes)",
        axis: { labelAngle: 0 },
      },
      xOffset: { field: "tokenizer", type: "nominal", sort: names },
      y: { field: "share", type: "quantitative", title: "share of tokens", axis: { format: ".0%" } },
      color: tokenizerColor(names),
      tooltip: [
        { field: "tokenizer", type: "nominal" },
        { field: "length", type: "ordinal", title: "bytes" },
        { field: "tokens", type: "quantitative" },
        { field: "share", type: "quantitative", format: ".1%" },
      ],
    },
  });
}

/** One point of the premium chart. */
export interface PremiumRow {
  tokenizer: string;
  lang: string;
  name: string;
  premium: number;
  tokens: number;
}

/**
 * The languages of `parity` ordered by their mean premium over the tokenizers that kept them
 * (cheapest first; ties by code), and one row per tokenizer and kept language.
 *
 * @example
 * premiumRows([{ tokenizer: "t", premiums: { eng: 1, fra: 1.2 }, ... }]).order; // ["eng", "fra"]
 */
export function premiumRows(
  parity: readonly ReportParity[],
  languages: Readonly<Record<string, string>> = {},
): { order: string[]; rows: PremiumRow[] } {
  const sums = new Map<string, { sum: number; n: number }>();
  const rows: PremiumRow[] = [];
  for (const p of parity) {
    for (const [lang, premium] of Object.entries(p.premiums)) {
      const s = sums.get(lang) ?? { sum: 0, n: 0 };
      s.sum += premium;
      s.n++;
      sums.set(lang, s);
      rows.push({
        tokenizer: p.tokenizer,
        lang,
        name: languages[lang] ?? lang,
        premium,
        tokens: p.tokens[lang],
      });
    }
  }
  const mean = (l: string) => sums.get(l)!.sum / sums.get(l)!.n;
  const order = [...sums.keys()].sort((a, b) => mean(a) - mean(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { order, rows };
}

/**
 * Each language's token premium relative to the reference (English), one point per tokenizer,
 * languages sorted by their mean premium; a rule marks parity (1). The y scale is logarithmic
 * when every premium is positive (premiums span 0.5× to 20×).
 *
 * @example
 * premiumSpec(parityJsons, { eng: "English" }).layer[0].encoding.x.sort; // languages, cheapest first
 */
export function premiumSpec(
  parity: readonly ReportParity[],
  languages: Readonly<Record<string, string>> = {},
): TopLevelSpec {
  const names = parity.map((p) => p.tokenizer);
  const { order, rows } = premiumRows(parity, languages);
  const labelled = order.length <= MAX_LABELLED_LANGUAGES;
  const log = rows.length > 0 && rows.every((r) => r.premium > 0);
  // A log scale's "nice" domain jumps to powers of ten (0.1 to 100 for premiums of 0.8 to 18).
  const premiums = rows.map((r) => r.premium);
  const yScale = log
    ? {
        type: "log" as const,
        nice: false,
        domain: [Math.min(...premiums) / 1.1, Math.max(...premiums) * 1.1],
      }
    : { zero: true };
  const code = parity[0]?.reference ?? "the reference";
  const reference = languages[code] ?? code;
  return vegaSafe({
    ...frame(300),
    layer: [
      {
        data: { values: rows },
        mark: { type: "circle", size: labelled ? 50 : 18, opacity: 0.8, tooltip: true },
        encoding: {
          x: {
            field: "lang",
            type: "nominal",
            sort: order,
            title: labelled ? null : `${order.length} languages, cheapest first (hover for names)`,
            axis: labelled ? { labelAngle: -60 } : { labels: false, ticks: false, domain: true },
          },
          y: {
            field: "premium",
            type: "quantitative",
            title: `tokens relative to ${reference}`,
            scale: yScale,
            axis: { format: "~g" },
          },
          color: tokenizerColor(names),
          tooltip: [
            { field: "name", type: "nominal", title: "language" },
            { field: "lang", type: "nominal", title: "code" },
            { field: "tokenizer", type: "nominal" },
            { field: "premium", type: "quantitative", format: ".2f" },
            { field: "tokens", type: "quantitative" },
          ],
        },
      },
      {
        data: { values: [{ parity: 1 }] },
        mark: { type: "rule", color: "#666", strokeDash: [4, 3] },
        encoding: { y: { field: "parity", type: "quantitative" } },
      },
    ],
  });
}

/** One bar of the audit chart. */
export interface AuditRow {
  tokenizer: string;
  class: string;
  tokens: number;
}

/**
 * Tokens of each audit class per tokenizer, as horizontal bars on a symmetric-log scale (the
 * classes range from a handful of tokens to the whole vocabulary, and zero must still show),
 * each labelled with its exact count.
 *
 * @example
 * auditSpec([audit]).layer[0].encoding.x.scale.type; // "symlog"
 */
export function auditSpec(audits: readonly VocabularyAudit[]): TopLevelSpec {
  const names = audits.map((a) => a.tokenizer);
  const rows: AuditRow[] = audits.flatMap((a) =>
    AUDIT_CLASSES.map((cls) => ({ tokenizer: a.tokenizer, class: cls, tokens: a[cls] })),
  );
  const y = { field: "class", type: "nominal" as const, sort: [...AUDIT_CLASSES], title: null };
  const yOffset = { field: "tokenizer", type: "nominal" as const, sort: names };
  // A symlog axis's own ticks crowd at the top; ticks at 0 and the powers of ten read cleanly.
  const largest = Math.max(1, ...rows.map((r) => r.tokens));
  const ticks = [0];
  for (let p = 1; p <= largest; p *= 10) ticks.push(p);
  const x = {
    field: "tokens",
    type: "quantitative" as const,
    title: "tokens (symmetric log scale)",
    scale: { type: "symlog" as const },
    axis: { values: ticks, labelExpr: "datum.value >= 1000 ? datum.value / 1000 + 'k' : datum.value" },
  };
  return vegaSafe({
    ...frame(AUDIT_CLASSES.length * (names.length * 13 + 10)),
    data: { values: rows },
    encoding: { y, yOffset, x },
    layer: [
      {
        mark: { type: "bar", tooltip: true },
        encoding: {
          color: tokenizerColor(names),
          tooltip: [
            { field: "tokenizer", type: "nominal" },
            { field: "class", type: "nominal" },
            { field: "tokens", type: "quantitative", format: "," },
          ],
        },
      },
      {
        mark: { type: "text", align: "left", baseline: "middle", dx: 3, fontSize: 10, color: "#444" },
        encoding: { text: { field: "tokens", type: "quantitative", format: "," } },
      },
    ],
  });
}

/** One segment of the scripts chart. */
export interface ScriptRow {
  tokenizer: string;
  script: string;
  /** Position of the script in the stack and legend. */
  rank: number;
  tokens: number;
  share: number;
}

/**
 * The script composition of each vocabulary (decodable non-special tokens) as 100% stacked
 * bars: the scripts largest over all tokenizers are named, the rest are summed as `other`.
 *
 * @example
 * scriptsSpec([audit]).encoding.x.stack; // "normalize"
 */
export function scriptsSpec(audits: readonly VocabularyAudit[]): TopLevelSpec {
  const totals = new Map<string, number>();
  for (const a of audits) {
    for (const [script, n] of Object.entries(a.scripts)) totals.set(script, (totals.get(script) ?? 0) + n);
  }
  const named = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_SCRIPTS)
    .map(([s]) => s);
  const order = totals.size > named.length ? [...named, "other"] : named;
  const rows: ScriptRow[] = [];
  for (const a of audits) {
    const total = Object.values(a.scripts).reduce((s, n) => s + n, 0);
    const counts = new Map<string, number>();
    for (const [script, n] of Object.entries(a.scripts)) {
      const key = named.includes(script) ? script : "other";
      counts.set(key, (counts.get(key) ?? 0) + n);
    }
    order.forEach((script, rank) => {
      const tokens = counts.get(script) ?? 0;
      rows.push({ tokenizer: a.tokenizer, script, rank, tokens, share: total === 0 ? 0 : tokens / total });
    });
  }
  return vegaSafe({
    ...frame(audits.length * 28 + 10),
    data: { values: rows },
    mark: { type: "bar", tooltip: true },
    encoding: {
      y: {
        field: "tokenizer",
        type: "nominal",
        sort: audits.map((a) => a.tokenizer),
        title: null,
        axis: { labelLimit: 220 },
      },
      x: {
        field: "tokens",
        type: "quantitative",
        stack: "normalize",
        title: "share of decodable tokens",
        axis: { format: ".0%", values: [0, 0.2, 0.4, 0.6, 0.8, 1] },
      },
      color: {
        field: "script",
        type: "nominal",
        sort: order,
        scale: { domain: order, scheme: "tableau10" },
        legend: { orient: "top", columns: 10, title: null },
      },
      order: { field: "rank", type: "quantitative" },
      tooltip: [
        { field: "tokenizer", type: "nominal" },
        { field: "script", type: "nominal" },
        { field: "tokens", type: "quantitative", format: "," },
        { field: "share", type: "quantitative", format: ".1%" },
      ],
    },
  });
}
