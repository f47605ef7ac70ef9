/**
 * The report's summary table: one row per tokenizer with its headline numbers from compare,
 * parity and the audit, as an HTML string (every text escaped).
 */
import type { VocabularyAudit } from "../analyze/audit.js";
import { escapeHtml } from "./escape.js";
import { tokenizerColor } from "./specs.js";
import type { ReportData, ReportParity } from "./types.js";

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const int = (n: number) => n.toLocaleString("en-US");
const fixed = (digits: number) => (n: number) => n.toFixed(digits);
const percent = (n: number) => `${(100 * n).toFixed(1)}%`;

/** A table cell: a number (right-aligned) or a dash when missing, with an optional second line. */
function cell(value: number | undefined, format: (n: number) => string, sub?: string): string {
  const text = value === undefined || Number.isNaN(value) ? "–" : format(value);
  const second = sub === undefined ? "" : `<div class="sub">${escapeHtml(sub)}</div>`;
  return `<td class="num">${escapeHtml(text)}${second}</td>`;
}

/** The language with the highest premium, for the "highest premium" column. */
function highest(
  p: ReportParity,
  languages: Record<string, string>,
): { lang: string; premium: number } | null {
  let best: { lang: string; premium: number } | null = null;
  for (const [lang, premium] of Object.entries(p.premiums)) {
    if (best === null || premium > best.premium) best = { lang, premium };
  }
  return best === null ? null : { lang: languages[best.lang] ?? best.lang, premium: best.premium };
}

/**
 * The summary table of a report.
 *
 * @example
 * summaryTable(data); // "<table class=\"summary\">...</table>"
 */
export function summaryTable(data: ReportData): string {
  const parity = new Map<string, ReportParity>(data.parity.map((p) => [p.tokenizer, p]));
  const audit = new Map<string, VocabularyAudit>(data.audit.map((a) => [a.tokenizer, a]));
  const languages = data.languages ?? {};
  const names = data.compare.tokenizers.map((t) => t.name);
  const colors = tokenizerColor(names).scale.range;
  const head = [
    ["tokenizer", ""],
    ["vocabulary", "tokens in the vocabulary (audit)"],
    ["tokens", "tokens on the corpus"],
    ["bytes/ token", "UTF-8 bytes per token"],
    ["chars/ token", "characters (code points) per token"],
    ["fertility", "tokens per word"],
    ["continued", "words split into two or more tokens"],
    ["Rényi eff.", `Rényi efficiency, α = ${data.compare.renyi.alpha}`],
    ["NSL", `tokens relative to ${data.compare.baseline}`],
    ["unknown", "characters lost to unknown tokens"],
    ["median premium", "median over languages of tokens relative to the reference (UDHR)"],
    ["highest premium", "the most expensive language"],
    ["partial UTF‑8", "tokens of 2+ bytes that are not valid UTF-8"],
    ["unreachable", "tokens whose text re-encodes to other tokens"],
  ];
  const th = head
    .map(([label, title], i) => {
      const attr = title === "" ? "" : ` title="${escapeHtml(title)}"`;
      return `<th${attr}${i === 0 ? "" : ' class="num"'}>${escapeHtml(label)}</th>`;
    })
    .join("");
  const body = data.compare.tokenizers.map((t, i) => {
    const p = parity.get(t.name);
    const a = audit.get(t.name);
    const top = p === undefined ? null : highest(p, languages);
    const baseline = t.name === data.compare.baseline ? " · baseline" : "";
    return [
      "<tr>",
      `<th scope="row"><div class="who"><span class="swatch" style="background:${escapeHtml(colors[i])}"></span>`,
      // Paths break after a slash rather than anywhere.
      `<span class="name">${escapeHtml(t.name).replaceAll("/", "/<wbr>")}</span></div>`,
      `<div class="sub">${escapeHtml(t.format + baseline)}</div></th>`,
      cell(a?.tokens, int),
      cell(t.tokens, int),
      cell(t.bytes_per_token, fixed(3)),
      cell(t.chars_per_token, fixed(3)),
      cell(t.fertility, fixed(3)),
      cell(t.continued_words, percent),
      cell(t.renyi_efficiency, fixed(4)),
      cell(t.normalized_sequence_length, fixed(3)),
      cell(t.unknown_char_rate, percent),
      cell(p === undefined ? undefined : median(Object.values(p.premiums)), fixed(2)),
      cell(top?.premium, fixed(2), top?.lang),
      cell(a?.partial_utf8, int),
      cell(a === undefined ? undefined : a.unreachable_single + a.unreachable_multi, int),
      "</tr>",
    ].join("");
  });
  return `<div class="table-wrap"><table class="summary"><thead><tr>${th}</tr></thead><tbody>${body.join("")}</tbody></table></div>`;
}
