/**
 * `npm run corpus:short [-- --out PATH]`: build short.jsonl, the second benchmark corpus (issue
 * 17), from the machine's gettext catalogues and from source code in languages bench.jsonl lacks
 * (bench/short-sources.ts). Same files in, same bytes out: sorted listings, a fixed seed, fixed
 * byte budgets. Prints where it wrote and a SHA-256, so two runs can be compared by their corpus.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { displayCorpusPath, SHORT_CORPUS_DEFAULT } from "./corpora.js";
import { parseMo } from "./mo.js";
import { seededRandom } from "./rng.js";
import { CODE_SOURCES, listCatalogues, listFiles } from "./short-sources.js";

/** Byte budgets per category: about 12 MB in all, the size of the mixed file issue 17 measured. */
const BUDGET = { short_multi: 4_000_000, short_en: 1_500_000, long_multi: 3_000_000, code_other: 3_500_000 };
type Cat = keyof typeof BUDGET;
/** Chat-message sizes (UTF-8 bytes), the range of the short-string target. */
const SHORT_MIN = 20;
const SHORT_MAX = 500;
/** Long documents are about the size of bench.jsonl's, so per-byte costs compare. */
const LONG_MIN = 4000;
const LONG_MAX = 12_000;
/** A source file contributes its beginning, cut at a line end: whole files would let a few dominate. */
const CODE_MAX = 8000;
const SEED = 20261207;

interface Candidate {
  id: string;
  text: string;
}

const args = process.argv.slice(2);
const outFlag = args.indexOf("--out");
const out = outFlag >= 0 ? args[outFlag + 1] : SHORT_CORPUS_DEFAULT;
if (out === undefined || args.length !== (outFlag >= 0 ? 2 : 0)) {
  console.error("usage: npm run corpus:short [-- --out PATH]   (default: .bench-cache/short.jsonl)");
  process.exit(2);
}

const random = seededRandom(SEED);
const bytes = (text: string) => Buffer.byteLength(text);
const inRange = (text: string) => bytes(text) >= SHORT_MIN && bytes(text) <= SHORT_MAX;

/** Fisher–Yates with the seeded generator: a fixed order in which no source comes first. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** One from each group in turn (groups in sorted order, each shuffled): every language gets a share. */
function* roundRobin(groups: Map<string, Candidate[]>): Generator<Candidate> {
  const lists = [...groups.keys()].sort().map((k) => shuffle(groups.get(k)!));
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) yield l[i];
}

/** English variants hold the originals again; C and POSIX are not languages. */
const isTranslation = (locale: string) => !/^(en|C|POSIX)([_@.]|$)/.test(locale);

function push(groups: Map<string, Candidate[]>, key: string, candidate: Candidate): void {
  const list = groups.get(key);
  if (list) list.push(candidate);
  else groups.set(key, [candidate]);
}

// Messages: translations (short and, one catalogue's run of them, long) and their English originals.
const shortMulti = new Map<string, Candidate[]>();
const longMulti = new Map<string, Candidate[]>();
const shortEn = new Map<string, Candidate[]>();
const domainsSeen = new Set<string>();
let catalogueCount = 0;
const locales = listCatalogues().filter(([locale]) => isTranslation(locale));
for (const [locale, files] of locales) {
  for (const file of files) {
    const entries = parseMo(readFileSync(file));
    if (entries === null || entries.length === 0) continue;
    catalogueCount++;
    const domain = basename(file, ".mo");
    if (!domainsSeen.has(domain)) {
      domainsSeen.add(domain);
      entries.forEach((e, i) => {
        for (const text of e.originals)
          if (inRange(text)) push(shortEn, domain, { id: `msgid:${domain}:${i}`, text });
      });
    }
    const run: string[] = [];
    let size = 0;
    let target = LONG_MIN + Math.floor(random() * (LONG_MAX - LONG_MIN));
    entries.forEach((e, i) => {
      e.translations.forEach((text, k) => {
        // A "translation" equal to its original is English left untranslated, not this locale's text.
        if (e.originals.includes(text)) return;
        if (inRange(text)) push(shortMulti, locale, { id: `msgstr:${locale}/${domain}:${i}.${k}`, text });
        run.push(text);
        size += bytes(text) + 1;
        if (size >= target) {
          push(longMulti, locale, { id: `msgstr-run:${locale}/${domain}:${i}`, text: run.join("\n") });
          run.length = 0;
          size = 0;
          target = LONG_MIN + Math.floor(random() * (LONG_MAX - LONG_MIN));
        }
      });
    });
  }
}

// Code: the beginning of each file (up to CODE_MAX bytes, cut after a newline), per language.
const code = new Map<string, Candidate[]>();
const utf8 = new TextDecoder("utf-8", { fatal: true });
for (const source of CODE_SOURCES) {
  const files = shuffle(listFiles(source.roots, source.extension));
  let spent = 0;
  const list: Candidate[] = [];
  for (const file of files) {
    if (spent >= BUDGET.code_other * source.share) break;
    let text: string;
    try {
      text = utf8.decode(readFileSync(file));
    } catch {
      continue;
    }
    if (bytes(text) > CODE_MAX) {
      const cut = Buffer.from(text).subarray(0, CODE_MAX).toString("utf8");
      text = cut.slice(0, cut.lastIndexOf("\n") + 1);
    }
    if (bytes(text) < SHORT_MIN) continue;
    list.push({ id: `${source.lang}:${file.replace(/^\/usr\//, "")}`, text });
    spent += bytes(text);
  }
  code.set(source.lang, list);
}

const seen = new Set<string>();
const lines: string[] = [];
const spent: Record<string, { docs: number; bytes: number }> = {};
/** Candidates in order until the budget is spent; a text already taken (anywhere) is skipped. */
function take(cat: Cat, candidates: Iterable<Candidate>): void {
  const tally = { docs: 0, bytes: 0 };
  spent[cat] = tally;
  for (const { id, text } of candidates) {
    if (tally.bytes >= BUDGET[cat]) break;
    if (seen.has(text)) continue;
    seen.add(text);
    lines.push(JSON.stringify({ id, cat, text }));
    tally.docs++;
    tally.bytes += bytes(text);
  }
}
take("short_multi", roundRobin(shortMulti));
take("short_en", roundRobin(shortEn));
take("long_multi", roundRobin(longMulti));
// Code stays grouped by language: each already has its share of the budget.
take(
  "code_other",
  [...code.keys()].flatMap((lang) => code.get(lang)!),
);

const body = `${lines.join("\n")}\n`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, body);
renameSync(`${out}.tmp`, out);
console.log(`wrote ${displayCorpusPath(out)} (${out})`);
console.log(
  `  ${catalogueCount} UTF-8 catalogues in ${locales.length} locales; code: ${CODE_SOURCES.map((s) => `${s.lang} ${code.get(s.lang)?.length ?? 0} files`).join(", ")}`,
);
for (const [cat, t] of Object.entries(spent))
  console.log(`  ${cat}: ${t.docs} documents, ${(t.bytes / 1e6).toFixed(2)} MB`);
console.log(`  sha256 ${createHash("sha256").update(body).digest("hex")}`);
