/**
 * `toklab compare --html` end to end: run the CLI, open the report in headless Chromium
 * (Debian's `chromium`, driven by playwright-core) with every non-file request blocked, and check
 * that each chart is drawn with as many marks as the data has rows, with no console or page
 * errors; and that the embedded data is what `compare`, `parity` and `audit --json` print.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { tinyByteLevelTokenizerJson } from "../support/hf/byte-level.js";

const CHROMIUM = "/usr/bin/chromium";
const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "toklab-report-e2e-"));

// Without Chromium the browser tests are skipped locally, but fail in CI (CI must install it).
const haveChromium = existsSync(CHROMIUM);
const skip =
  haveChromium || process.env.CI
    ? false
    : `${CHROMIUM} is missing (Debian package chromium); not in CI, so skipped`;

function toklab(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", main, ...args]);
  return { code: r.status, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

/** The parsed stdout of a `--json` run (failing with its stderr if the run fails). */
function toklabJson(args: string[]): unknown {
  const r = toklab(args);
  assert.equal(r.code, 0, `toklab ${args.join(" ")}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

let context: BrowserContext | undefined;

before(async () => {
  if (!haveChromium) return;
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "toklab-chromium-")), {
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1200, height: 900 },
  });
});

after(async () => {
  await context?.close();
});

interface Rendered {
  problems: string[];
  requests: string[];
  /** Chart id → mark type → items drawn in the chart's data marks. */
  marks: Record<string, Record<string, number>>;
  /** Chart id → whether it holds an <svg> or <canvas>. */
  drawn: Record<string, boolean>;
  charts: {
    id: string;
    spec: { data?: { values: unknown[] }; layer?: { data?: { values: unknown[] } }[] };
  }[];
  data: {
    compare: unknown;
    parity: { premiums: Record<string, number> }[];
    audit: unknown[];
  };
  pwned: unknown;
  images: number;
  heading: string;
  rowNames: string[];
}

/** Opens a report and collects what the tests check. */
async function render(file: string): Promise<Rendered> {
  if (context === undefined) {
    assert.fail(`${CHROMIUM} is missing: CI must install Debian's chromium (.ci/run does)`);
  }
  const problems: string[] = [];
  const requests: string[] = [];
  const page = await context.newPage();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("html[data-charts=done]", { timeout: 60_000 });
  // No named functions inside: tsx (esbuild) would wrap them in a `__name` helper the page lacks.
  const result = await page.evaluate(() => {
    const marks: Record<string, Record<string, number>> = {};
    const drawn: Record<string, boolean> = {};
    for (const el of Array.from(document.querySelectorAll(".chart"))) {
      drawn[el.id] = el.querySelector("svg, canvas") !== null;
      const counts: Record<string, number> = {};
      for (const g of Array.from(el.querySelectorAll("g.role-mark"))) {
        const type =
          Array.from(g.classList)
            .find((c) => c.startsWith("mark-"))
            ?.slice(5) ?? "?";
        counts[type] = (counts[type] ?? 0) + g.children.length;
      }
      marks[el.id] = counts;
    }
    return {
      marks,
      drawn,
      charts: JSON.parse(document.getElementById("toklab-charts")?.textContent ?? "null"),
      data: JSON.parse(document.getElementById("toklab-data")?.textContent ?? "null"),
      pwned: (window as unknown as { pwned?: unknown }).pwned,
      images: document.querySelectorAll("img").length,
      heading: document.querySelector("h1")?.textContent ?? "",
      rowNames: Array.from(document.querySelectorAll("table.summary tbody th .name")).map(
        (e) => e.textContent ?? "",
      ),
    };
  });
  await page.close();
  return { problems, requests, ...result };
}

const rows = (spec: { data?: { values: unknown[] } } | undefined) => spec?.data?.values.length ?? 0;

test("compare --html: every chart drawn with one mark per data row, offline, no errors", {
  skip,
}, async () => {
  const out = join(dir, "report.html");
  const args = ["compare", "-t", "o200k_base,cl100k_base", "--builtin"];
  const r = toklab([...args, "--html", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, toklab(args).stdout, "--html must not change stdout");

  const page = await render(out);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(page.requests, []);
  const ids = page.charts.map((c) => c.id);
  assert.deepEqual(ids, [
    "chart-bytes-per-token",
    "chart-fertility",
    "chart-continued-words",
    "chart-token-length",
    "chart-premiums",
    "chart-audit",
    "chart-scripts",
  ]);
  assert.deepEqual(Object.keys(page.drawn), ids);
  for (const id of ids) assert.ok(page.drawn[id], `${id} holds no svg`);
  const spec = Object.fromEntries(page.charts.map((c) => [c.id, c.spec]));
  // Two tokenizers × (all, sample, udhr_eng).
  for (const id of ["chart-bytes-per-token", "chart-fertility", "chart-continued-words"]) {
    assert.deepEqual(page.marks[id], { rect: 6 }, id);
  }
  assert.deepEqual(page.marks["chart-token-length"], { rect: rows(spec["chart-token-length"]) });
  assert.ok(rows(spec["chart-token-length"]) >= 2 * 16);
  const kept = page.data.parity.reduce((n, p) => n + Object.keys(p.premiums).length, 0);
  assert.ok(kept > 2 * 500, `only ${kept} premiums`);
  assert.deepEqual(page.marks["chart-premiums"], { symbol: kept, rule: 1 });
  assert.deepEqual(page.marks["chart-audit"], { rect: 2 * 11, text: 2 * 11 });
  assert.deepEqual(page.marks["chart-scripts"], { rect: rows(spec["chart-scripts"]) });

  // The embedded data are exactly what the three commands print with --json (parity's but its
  // summary and language descriptions; the report has the names of the languages on their own).
  assert.deepEqual(page.data.compare, toklabJson([...args, "--json"]));
  for (const [i, name] of ["o200k_base", "cl100k_base"].entries()) {
    const { summary, languages, ...premiums } = toklabJson(["parity", "-t", name, "--json"]) as Record<
      string,
      unknown
    >;
    assert.ok(summary !== undefined && languages !== undefined);
    assert.deepEqual(page.data.parity[i], premiums, name);
    assert.deepEqual(page.data.audit[i], toklabJson(["audit", "-t", name, "--json"]), name);
  }
  // Self-contained: the libraries are inside (≈ 0.8 MB), nothing links out.
  const html = readFileSync(out, "utf8");
  assert.ok(html.length > 800_000);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=/i);
});

test("compare --html: a tokenizer path full of markup shows as text and runs nothing", { skip }, async () => {
  // Directories make the path contain `</script><script>...</script>` and an <img onerror>.
  const folder = join(dir, "q<img src=x onerror=window.pwned=2>", "a</script><script>window.pwned=1<");
  mkdirSync(folder, { recursive: true });
  const name = join(folder, "tokenizer.json");
  writeFileSync(name, tinyByteLevelTokenizerJson());
  // Categories named with a line separator, prototype names and markup are drawn like any.
  const categories = ["line\u2028sep", "__proto__", "constructor", 'x"y</script>'];
  const corpus = join(dir, "hostile.jsonl");
  writeFileSync(
    corpus,
    categories
      .map((cat, i) => JSON.stringify({ id: String(i), cat, text: `Some text number ${i}.` }))
      .join("\n"),
  );
  const out = join(dir, "hostile.html");
  const r = toklab(["compare", "-t", name, "--corpus", corpus, "--html", out]);
  assert.equal(r.code, 0, r.stderr);
  const page = await render(out);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(page.requests, []);
  assert.equal(page.pwned, undefined);
  assert.equal(page.images, 0);
  assert.equal(page.heading, `toklab report: ${name}`);
  assert.deepEqual(page.rowNames, [name]);
  assert.ok(Object.values(page.drawn).every(Boolean));
  // One tokenizer × (all + four categories).
  assert.deepEqual(page.marks["chart-bytes-per-token"], { rect: 5 });
});

test("compare --html where the folder is a file: exit 1 naming the report, nothing on stdout", () => {
  const file = join(dir, "plain-file");
  writeFileSync(file, "not a folder");
  const out = join(file, "r.html");
  const r = toklab(["compare", "-t", "o200k_base", "--builtin", "--html", out]);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.includes(`${out}: cannot write the report`), r.stderr);
  assert.equal(r.stdout, "");
  assert.equal(readFileSync(file, "utf8"), "not a folder");
});
