/**
 * Fixtures and the reference counter of the ingestion tests. Fixtures are generated in a fresh
 * temporary directory; the reference reads whole files synchronously, splits documents the
 * obvious way and counts `pieceSplitter`'s pieces in a Map: the straightforward computation the
 * streaming, multi-threaded `countCorpus` must reproduce exactly.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { pieceSplitter } from "../../../src/train/pieces.js";
import type { PieceConfig } from "../../../src/train/types.js";
import { adversarialStrings, isWellFormed, seededRandom } from "../adversarial.js";

/** A temporary directory, removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "toklab-ingest-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Write `content` (string or bytes) to `dir/rel`, creating folders; `.gz` names are gzipped. */
export function put(dir: string, rel: string, content: string | Uint8Array): string {
  const path = join(dir, rel);
  mkdirSync(join(path, ".."), { recursive: true });
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  writeFileSync(path, rel.endsWith(".gz") ? gzipSync(bytes) : bytes);
  return path;
}

/** Lines of varied text: prose, digits, CJK, emoji, whitespace runs, special tokens. */
export function sampleLines(seed: number, count: number): string[] {
  const rnd = seededRandom(seed);
  const extra = [
    "The year 1984 had 365 days; 1234567 is a number.",
    "日本語のテキスト 123 中文字符测试",
    "emoji 😀👍🏽 and 𝟏𝟐𝟑𝟒",
    "tabs\tand   spaces   ",
    "<|endoftext|>after a special token",
    "special<|endoftext|>inside",
    "",
  ];
  const out: string[] = [];
  const adversarial = adversarialStrings(seed, count).filter(isWellFormed);
  for (let i = 0; i < count; i++) {
    const base = rnd() < 0.5 ? extra[Math.floor(rnd() * extra.length)] : adversarial[i % adversarial.length];
    // Documents are lines: no newline inside one (JSONL escapes its own).
    out.push(base.replace(/[\n\r\u2028\u2029\u0085]/g, " "));
  }
  return out;
}

/** Documents of a file as the ingestion contract defines them. */
export function documentsOf(path: string, field = "text"): string[] {
  let bytes: Uint8Array = readFileSync(path);
  if (path.endsWith(".gz")) bytes = gunzipSync(bytes);
  let text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  const name = path.replace(/\.gz$/, "");
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
    return text
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l)[field] as string);
  }
  if (text.startsWith("\ufeff")) text = text.slice(1);
  // Each line with its "\n"; a last line without one is a document too.
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Documents with their 1-based line numbers (the sampling identity). */
export function numberedDocuments(path: string, field = "text"): { line: number; text: string }[] {
  let bytes: Uint8Array = readFileSync(path);
  if (path.endsWith(".gz")) bytes = gunzipSync(bytes);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  const name = path.replace(/\.gz$/, "");
  const jsonl = name.endsWith(".jsonl");
  const lines = text.split("\n");
  const out: { line: number; text: string }[] = [];
  lines.forEach((l, i) => {
    if (jsonl) {
      if (l.trim() !== "") out.push({ line: i + 1, text: JSON.parse(l)[field] });
    } else if (i < lines.length - 1) out.push({ line: i + 1, text: `${l}\n` });
    else if (l !== "") out.push({ line: i + 1, text: l });
  });
  return out;
}

/** The first `max` code points of `s`. */
export function capChars(s: string, max: number): string {
  return Array.from(s).slice(0, max).join("");
}

/** Straightforward count of the pieces of `docs`. */
export function referenceCounts(docs: readonly string[], pieces: PieceConfig): Map<string, number> {
  const split = pieceSplitter(pieces);
  const counts = new Map<string, number>();
  for (const d of docs) for (const p of split(d)) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

/** Maps as sorted entry lists, for deepEqual regardless of insertion order. */
export function sorted(m: ReadonlyMap<string, number>): [string, number][] {
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** UTF-8 length. */
export function utf8(s: string): number {
  return Buffer.byteLength(s, "utf8");
}
