/**
 * `npm run bench:lab`: keystroke-to-updated-count latency of the lab (issue 11), in headless
 * Chromium (Debian's `chromium`, driven by playwright-core) on the page `toklab lab` serves,
 * with two panels (o200k_base, cl100k_base), for a 10 KB and a 1 MB document, typing at the
 * end of the document and in its middle.
 *
 * Latency is measured inside the page: from the keydown event to the moment both panels show
 * the count of the new text (a MutationObserver sees the panel's `data-encoded-chars` reach the
 * text's new length), i.e. worker round trip, encoding, and Preact's DOM update, before paint.
 * Each keystroke waits for its update, so none is coalesced with the next.
 *
 * Documents: the first texts of ../shared/corpora/bench.jsonl (the benchmark corpus) when it is
 * there, else a generated mixed-script text. Writes bench/out/lab-latency.md (and .json).
 * A benchmark, not a test: run it alone on a quiet machine.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { ensureLabBuilt, PACKAGE_ROOT, serveLab } from "../src/node/lab.js";
import { describeMachine } from "./machine.js";
import { writeReportSection } from "./report/sections.js";

const CHROMIUM = "/usr/bin/chromium";
const KEYSTROKES = 15;
const SIZES = [
  { label: "10 KB", bytes: 10_000 },
  { label: "1 MB", bytes: 1_000_000 },
];
const OUT = join(PACKAGE_ROOT, "bench", "out");

/** About `bytes` UTF-8 bytes of real text, cut at a character boundary. */
function documentOf(bytes: number): { text: string; source: string } {
  const corpus = join(PACKAGE_ROOT, "..", "shared", "corpora", "bench.jsonl");
  let text = "";
  let source = "generated mixed-script text";
  if (existsSync(corpus)) {
    source = "../shared/corpora/bench.jsonl (first documents)";
    const lines = readFileSync(corpus, "utf8").split("\n");
    for (let i = 0; i < lines.length && Buffer.byteLength(text) < bytes; i++) {
      if (lines[i].trim() !== "") text += `${(JSON.parse(lines[i]) as { text: string }).text}\n`;
    }
  } else {
    const words = ["tokenizer", "merge", "東京", "naïve", "λόγος", "слово", "42", "👩‍👩‍👧", "x = f(y);", "—"];
    for (let i = 0; Buffer.byteLength(text) < bytes; i++) {
      text += `${words[i % words.length]}${i % 17 === 0 ? "\n" : " "}`;
    }
  }
  const buf = Buffer.from(text).subarray(0, bytes);
  return { text: new TextDecoder().decode(buf).replace(/\uFFFD+$/, ""), source };
}

async function settle(page: Page, panels: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const len = (document.querySelector("[data-testid=text]") as HTMLTextAreaElement).value.length;
      const all = Array.from(document.querySelectorAll(".panels > [data-tokenizer]"));
      return all.length === n && all.every((p) => (p as HTMLElement).dataset.encodedChars === String(len));
    },
    panels,
    { timeout: 120_000 },
  );
}

/**
 * Milliseconds from keydown to both panels updated, and from keydown to the input event (the
 * browser's own editing of the text area), for each of `KEYSTROKES` keys.
 */
async function measure(page: Page): Promise<{ lat: number[]; edit: number[] }> {
  await page.evaluate(() => {
    const w = window as unknown as { t0: number; lat: number[]; edit: number[] };
    w.lat = [];
    w.edit = [];
    w.t0 = 0;
    const box = document.querySelector("[data-testid=text]") as HTMLTextAreaElement;
    box.addEventListener("keydown", () => (w.t0 = performance.now()), true);
    box.addEventListener("input", () => w.edit.push(performance.now() - w.t0), true);
    new MutationObserver(() => {
      if (w.t0 === 0) return;
      const all = Array.from(document.querySelectorAll(".panels > [data-tokenizer]"));
      if (all.every((p) => (p as HTMLElement).dataset.encodedChars === String(box.value.length))) {
        w.lat.push(performance.now() - w.t0);
        w.t0 = 0;
      }
    }).observe(document.querySelector(".panels") as Node, {
      subtree: true,
      attributes: true,
      childList: true,
    });
  });
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press(i % 5 === 4 ? "Space" : "e");
    await page.waitForFunction((n) => (window as unknown as { lat: number[] }).lat.length > n, i, {
      timeout: 120_000,
    });
  }
  return page.evaluate(() => {
    const w = window as unknown as { lat: number[]; edit: number[] };
    return { lat: w.lat, edit: w.edit };
  });
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p90: q(0.9), max: s[s.length - 1] };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (Debian package chromium)`);
  await ensureLabBuilt({ log: (l) => process.stderr.write(`${l}\n`) });
  const { server, url } = await serveLab({ port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const rows: {
    size: string;
    where: string;
    chars: number;
    median: number;
    p90: number;
    max: number;
    edit: number;
  }[] = [];
  let source = "";
  try {
    for (const size of SIZES) {
      const doc = documentOf(size.bytes);
      source = doc.source;
      for (const where of ["end", "middle"] as const) {
        const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
        await page.goto(`${url}?t=o200k_base,cl100k_base&text=`);
        const box = page.locator("[data-testid=text]");
        // Pasted in one input event (Playwright's fill types 1 MB too slowly to be a paste).
        await box.evaluate((el, text) => {
          (el as HTMLTextAreaElement).value = text;
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }, doc.text);
        await settle(page, 2);
        await box.evaluate(
          (el, at) => {
            const t = el as HTMLTextAreaElement;
            t.focus();
            t.setSelectionRange(at, at);
          },
          where === "end" ? doc.text.length : Math.floor(doc.text.length / 2),
        );
        const m = await measure(page);
        const s = stats(m.lat);
        rows.push({ size: size.label, where, chars: doc.text.length, ...s, edit: stats(m.edit).median });
        process.stderr.write(
          `${size.label} ${where}: median ${s.median.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms\n`,
        );
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const m = describeMachine();
  const md = [
    "## Lab: keystroke-to-updated-count latency",
    "",
    `Two panels (o200k_base, cl100k_base); ${KEYSTROKES} keystrokes per row, each waiting for its update; ` +
      `from keydown to both panels' counts updated in the DOM (headless Chromium, \`npm run bench:lab\`). ` +
      `Document: ${source}. Typing at the end re-encodes only the last line; typing in the middle ` +
      "re-encodes from the edited line to the end (lab/src/incremental.ts). The last column is " +
      "keydown to the input event: Chromium editing the text area, before the page's code runs.",
    "",
    "| document | typing at | characters | median ms | p90 ms | max ms | of which the text area's own edit (median) |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.size} | ${r.where} | ${r.chars.toLocaleString("en-US")} | ${r.median.toFixed(1)} | ${r.p90.toFixed(1)} | ${r.max.toFixed(1)} | ${r.edit.toFixed(1)} |`,
    ),
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}.`,
    "",
  ].join("\n");
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "lab-latency.md"), md);
  writeFileSync(join(OUT, "lab-latency.json"), `${JSON.stringify({ source, machine: m, rows }, null, 2)}\n`);
  writeReportSection(join(PACKAGE_ROOT, "BENCHMARKS.md"), md);
  process.stdout.write(md);
}

await main();
