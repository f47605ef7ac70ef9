/**
 * Parallel text for {@link parity}: language code → that language's text. Users bring it as JSON
 * Lines (`{"lang": "fr", "text": "..."}`) or TSV (`fr<TAB>text`); rows of one language are joined
 * with newlines in file order, so row i of every language should translate the same sentence.
 */

import { emptyRecord, plainRecord } from "../core/record.js";
import { CorpusError } from "./corpus.js";

/**
 * Parses a parallel corpus. JSON Lines when the source ends in `.jsonl`/`.ndjson` or the first
 * non-blank line starts with `{`; TSV otherwise (a line's text is everything after the first tab).
 *
 * @example
 * parseParallelCorpus("en\tHello.\nfr\tBonjour.\n", "p.tsv"); // { en: "Hello.", fr: "Bonjour." }
 */
export function parseParallelCorpus(content: string, source: string): Record<string, string> {
  const first = content.split("\n", 50).find((l) => l.trim() !== "");
  const jsonl = /\.(jsonl|ndjson)$/i.test(source) || (first?.trimStart().startsWith("{") ?? false);
  const rows = new Map<string, string[]>();
  const lines = content.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, "");
    if (line.trim() === "") continue;
    const where = `${source}:${i + 1}`;
    const [lang, text] = jsonl ? jsonRow(line, where) : tsvRow(line, where);
    let list = rows.get(lang);
    if (list === undefined) {
      list = [];
      rows.set(lang, list);
    }
    list.push(text);
  }
  if (rows.size === 0) throw new CorpusError(source, "no rows (expected lang and text per line)");
  const out: Record<string, string> = emptyRecord<string>();
  for (const [lang, list] of rows) out[lang] = list.join("\n");
  return plainRecord(out);
}

function jsonRow(line: string, where: string): [string, string] {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw new CorpusError(where, `not valid JSON (${(e as Error).message})`);
  }
  const { lang, text } = (typeof v === "object" && v !== null ? v : {}) as { lang?: unknown; text?: unknown };
  if (typeof lang !== "string" || lang === "" || typeof text !== "string") {
    throw new CorpusError(where, 'expected {"lang": string, "text": string}');
  }
  return [lang, text];
}

function tsvRow(line: string, where: string): [string, string] {
  const tab = line.indexOf("\t");
  if (tab <= 0) throw new CorpusError(where, "expected LANG<TAB>TEXT");
  return [line.slice(0, tab), line.slice(tab + 1)];
}
