import { readFileSync } from "node:fs";
import { displayCorpusPath } from "./corpora.js";
import { generateCorpus } from "./generate.js";

/** bench.jsonl's categories, in its order; other corpora (short.jsonl) bring their own. */
export const CATEGORIES = ["en_prose", "code", "multi"] as const;
/** A corpus's category: any string its JSONL uses, so that a second corpus needs no code change. */
export type Category = string;

export interface Doc {
  readonly id: string;
  readonly cat: Category;
  readonly text: string;
  /** UTF-8 length: all throughput figures are in bytes of UTF-8 input. */
  readonly bytes: number;
}

export interface Corpus {
  /** File read as reports show it (see bench/corpora.ts), or "generated" for the stand-in. */
  readonly source: string;
  readonly quick: boolean;
  readonly docs: readonly Doc[];
}

/** What a child needs to rebuild exactly the parent's corpus (it is deterministic). */
export interface CorpusSpec {
  /** A JSONL file (bench/corpora.ts finds it), or null for the generated stand-in. */
  readonly path: string | null;
  readonly quick: boolean;
}

/** About 1 MB per category with --quick: enough for stable ratios, small enough to iterate. */
const QUICK_BYTES_PER_CATEGORY = 1_000_000;

export function loadCorpus(spec: CorpusSpec): Corpus {
  const all = spec.path === null ? generateCorpus() : readJsonl(spec.path);
  const source = spec.path === null ? "generated" : displayCorpusPath(spec.path);
  return { source, quick: spec.quick, docs: spec.quick ? subset(all) : all };
}

function readJsonl(path: string): Doc[] {
  const docs: Doc[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const row = JSON.parse(line) as { id: string; cat: string; text: string };
    docs.push({ id: row.id, cat: row.cat, text: row.text, bytes: Buffer.byteLength(row.text) });
  }
  return docs;
}

/**
 * Every k-th document of each category (k chosen per category), so that the quick subset still
 * spans the whole file (man pages, licences, Python, C headers...) instead of its first sources.
 */
function subset(docs: readonly Doc[]): Doc[] {
  const picked: Doc[] = [];
  for (const cat of categoriesOf(docs)) {
    const ofCat = docs.filter((d) => d.cat === cat);
    const total = ofCat.reduce((n, d) => n + d.bytes, 0);
    const stride = Math.max(1, Math.round(total / QUICK_BYTES_PER_CATEGORY));
    picked.push(...ofCat.filter((_, i) => i % stride === 0));
  }
  return picked;
}

export interface CategoryStats {
  readonly docs: number;
  readonly bytes: number;
}

/** The categories of a corpus in the order they first appear (bench.jsonl: CATEGORIES). */
export function categoriesOf(docs: readonly Doc[]): Category[] {
  const seen = new Set<Category>();
  for (const d of docs) seen.add(d.cat);
  return [...seen];
}

export function corpusStats(docs: readonly Doc[]): Record<Category | "all", CategoryStats> {
  const stats = {} as Record<Category | "all", CategoryStats>;
  for (const cat of [...categoriesOf(docs), "all"]) {
    const ofCat = cat === "all" ? docs : docs.filter((d) => d.cat === cat);
    stats[cat] = { docs: ofCat.length, bytes: ofCat.reduce((n, d) => n + d.bytes, 0) };
  }
  return stats;
}
