import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AUDIT_CLASSES,
  auditSpec,
  bytesPerTokenSpec,
  continuedWordsSpec,
  fertilitySpec,
  premiumRows,
  premiumSpec,
  reportCharts,
  scriptsSpec,
  tokenizerColor,
  tokenLengthSpec,
} from "../../src/report/index.js";
import { sampleAudit, sampleCompare, sampleParity } from "../support/report/data.js";
import { renderInNode } from "../support/report/vega.js";

/** The spec as plain JSON, so tests can read any field. */
// biome-ignore lint/suspicious/noExplicitAny: specs are deep unions; tests read fields by path.
const plain = (spec: unknown): any => JSON.parse(JSON.stringify(spec));

const audits = () => [
  sampleAudit("alpha", { tokens: 1100, ok: 1000, partial_utf8: 40, special: 2 }, { Latin: 900, Han: 100 }),
  sampleAudit("beta", { tokens: 520, ok: 500, undecodable: 7 }, { Latin: 400, Cyrillic: 50 }),
];

test("bytes per token: one bar per tokenizer and category, `all` first, values from the data", async () => {
  const compare = sampleCompare();
  const spec = plain(bytesPerTokenSpec(compare));
  assert.deepEqual(spec.data.values, [
    { tokenizer: "alpha", category: "all", value: 4 },
    { tokenizer: "alpha", category: "prose", value: 5 },
    { tokenizer: "alpha", category: "code", value: 3 },
    { tokenizer: "beta", category: "all", value: 2 },
    { tokenizer: "beta", category: "prose", value: 2.5 },
    { tokenizer: "beta", category: "code", value: 1.5 },
  ]);
  assert.deepEqual(spec.encoding.x.sort, ["all", "prose", "code"]);
  assert.equal(spec.encoding.xOffset.field, "tokenizer");
  assert.deepEqual(spec.encoding.color.scale.domain, ["alpha", "beta"]);
  const r = await renderInNode(bytesPerTokenSpec(compare));
  assert.deepEqual(r.warnings, []);
  assert.equal(r.items.get("rect"), 6);
});

test("fertility and continued words read their own numbers", () => {
  const compare = sampleCompare();
  const f = plain(fertilitySpec(compare));
  const c = plain(continuedWordsSpec(compare));
  assert.deepEqual(
    f.data.values.map((r: { value: number }) => r.value),
    [1.25, 1.2, 1 + 1 / 3, 1.5, 1.4, 1 + 1 / 1.5],
  );
  assert.deepEqual(
    c.data.values.map((r: { value: number }) => r.value),
    [0.025, 0.02, 0.1 / 3, 0.05, 0.04, 0.1 / 1.5],
  );
  assert.equal(c.encoding.y.axis.format, ".0%");
});

test("token lengths: shares per tokenizer, every length up to 16 (zeros too), the tail in 17+", async () => {
  const compare = sampleCompare();
  const spec = plain(tokenLengthSpec(compare));
  const labels = [...Array.from({ length: 16 }, (_, i) => String(i + 1)), "17+"];
  assert.deepEqual(spec.encoding.x.sort, labels);
  const alpha = new Map(
    spec.data.values
      .filter((r: { tokenizer: string }) => r.tokenizer === "alpha")
      .map((r: { length: string; tokens: number; share: number }) => [r.length, r]),
  );
  assert.equal(alpha.size, labels.length);
  assert.deepEqual(alpha.get("17+"), { tokenizer: "alpha", length: "17+", tokens: 40, share: 0.4 });
  assert.deepEqual(alpha.get("16"), { tokenizer: "alpha", length: "16", tokens: 20, share: 0.2 });
  assert.deepEqual(alpha.get("2"), { tokenizer: "alpha", length: "2", tokens: 0, share: 0 });
  for (const name of ["alpha", "beta"]) {
    const shares = spec.data.values.filter((r: { tokenizer: string }) => r.tokenizer === name);
    assert.ok(Math.abs(shares.reduce((s: number, r: { share: number }) => s + r.share, 0) - 1) < 1e-12);
  }
  const r = await renderInNode(tokenLengthSpec(compare));
  assert.deepEqual(r.warnings, []);
  assert.equal(r.items.get("rect"), 2 * labels.length);
});

test("token lengths: a zero-length bucket is kept; short vocabularies stop at their longest token", () => {
  const compare = sampleCompare();
  compare.tokenizers[0].token_length_bytes = { "0": 1, "3": 2 };
  compare.tokenizers[1].token_length_bytes = { "1": 5 };
  assert.deepEqual(plain(tokenLengthSpec(compare)).encoding.x.sort, ["0", "1", "2", "3"]);
});

test("premiums: languages ordered by mean premium, one point per kept language and tokenizer", async () => {
  const parity = sampleParity();
  const { order, rows } = premiumRows(parity, { deu: "German" });
  // Means: eng 1, fra 1.2 (alpha only; beta left it out), deu (1.5 + 3.5) / 2 = 2.5.
  assert.deepEqual(order, ["eng", "fra", "deu"]);
  assert.equal(rows.length, 5);
  assert.deepEqual(
    rows.find((r) => r.tokenizer === "beta" && r.lang === "deu"),
    { tokenizer: "beta", lang: "deu", name: "German", premium: 3.5, tokens: 70 },
  );
  const spec = plain(premiumSpec(parity, { eng: "English" }));
  const points = spec.layer[0];
  assert.deepEqual(points.encoding.x.sort, order);
  assert.equal(points.encoding.y.scale.type, "log");
  assert.deepEqual(points.encoding.y.scale.domain, [1 / 1.1, 3.5 * 1.1]);
  assert.equal(points.encoding.y.title, "tokens relative to English");
  assert.deepEqual(spec.layer[1].data.values, [{ parity: 1 }]);
  const r = await renderInNode(premiumSpec(parity));
  assert.deepEqual(r.warnings, []);
  assert.equal(r.items.get("symbol"), 5);
  assert.equal(r.items.get("rule"), 1);
});

test("premiums: a zero premium switches to a linear scale; many languages hide the axis labels", () => {
  const parity = sampleParity();
  parity[0].premiums.fra = 0;
  assert.deepEqual(plain(premiumSpec(parity)).layer[0].encoding.y.scale, { zero: true });
  const many: Record<string, number> = {};
  for (let i = 0; i < 61; i++) many[`l${String(i).padStart(2, "0")}`] = 1 + i / 10;
  const spec = plain(premiumSpec([{ ...parity[0], premiums: many }]));
  assert.equal(spec.layer[0].encoding.x.axis.labels, false);
  assert.match(spec.layer[0].encoding.x.title, /^61 languages/);
});

test("audit: every class for every tokenizer, exact counts as labels, ticks at powers of ten", async () => {
  const spec = plain(auditSpec(audits()));
  assert.equal(spec.data.values.length, 2 * AUDIT_CLASSES.length);
  assert.deepEqual(
    spec.data.values.filter((r: { tokens: number }) => r.tokens > 0),
    [
      { tokenizer: "alpha", class: "ok", tokens: 1000 },
      { tokenizer: "alpha", class: "special", tokens: 2 },
      { tokenizer: "alpha", class: "partial_utf8", tokens: 40 },
      { tokenizer: "beta", class: "ok", tokens: 500 },
      { tokenizer: "beta", class: "undecodable", tokens: 7 },
    ],
  );
  assert.equal(spec.encoding.x.scale.type, "symlog");
  assert.deepEqual(spec.encoding.x.axis.values, [0, 1, 10, 100, 1000]);
  assert.deepEqual(spec.encoding.y.sort, [...AUDIT_CLASSES]);
  const r = await renderInNode(auditSpec(audits()));
  assert.deepEqual(r.warnings, []);
  assert.equal(r.items.get("rect"), 2 * AUDIT_CLASSES.length);
  assert.equal(r.items.get("text"), 2 * AUDIT_CLASSES.length);
});

test("scripts: the nine largest scripts by name, the rest summed as other, shares per tokenizer", async () => {
  const scripts: Record<string, number> = {};
  for (let i = 0; i < 12; i++) scripts[`S${String(i).padStart(2, "0")}`] = 100 - i;
  const a = sampleAudit("alpha", {}, scripts);
  const spec = plain(scriptsSpec([a]));
  const order = spec.encoding.color.scale.domain;
  assert.deepEqual(order, ["S00", "S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "other"]);
  const other = spec.data.values.find((r: { script: string }) => r.script === "other");
  const total = Object.values(scripts).reduce((s, n) => s + n, 0);
  assert.equal(other.tokens, 91 + 90 + 89);
  assert.equal(other.share, (91 + 90 + 89) / total);
  assert.equal(other.rank, 9);
  const r = await renderInNode(scriptsSpec(audits()));
  assert.deepEqual(r.warnings, []);
  // alpha and beta: Latin, Han, Cyrillic each (no `other` with three scripts).
  assert.equal(r.items.get("rect"), 6);
});

test("each tokenizer keeps its colour in every chart; past ten tokenizers the palette repeats", () => {
  const names = Array.from({ length: 12 }, (_, i) => `t${i}`);
  const { domain, range } = tokenizerColor(names).scale;
  assert.deepEqual(domain, names);
  assert.equal(range[10], range[0]);
  assert.equal(new Set(range.slice(0, 10)).size, 10);
  // Short names share a legend row; a long one (a path) puts one name per row.
  assert.equal(plain(tokenizerColor(names)).legend.columns, undefined);
  assert.equal(
    plain(tokenizerColor(["o200k_base", "./models/my-tokenizer/tokenizer.json"])).legend.columns,
    1,
  );
  const compare = sampleCompare();
  const charts = reportCharts({ compare, parity: sampleParity(), audit: audits() });
  const colours = charts
    .map((c) => plain(c.spec))
    .map((s) => s.encoding?.color ?? s.layer?.[0]?.encoding?.color)
    .filter((c) => c?.field === "tokenizer")
    .map((c) => c.scale);
  assert.equal(colours.length, 6);
  for (const c of colours) assert.deepEqual(c, tokenizerColor(["alpha", "beta"]).scale);
});

test("reportCharts leaves out the parity and audit charts when there is no such data", () => {
  const ids = reportCharts({ compare: sampleCompare(), parity: [], audit: [] }).map((c) => c.id);
  assert.deepEqual(ids, [
    "chart-bytes-per-token",
    "chart-fertility",
    "chart-continued-words",
    "chart-token-length",
  ]);
});
