/**
 * Corpora for the metrics: documents with an optional category. Parsing is pure (the CLI reads
 * the files), so the web lab can use the same formats.
 */

/** One document of a corpus. */
export interface CorpusDoc {
  readonly text: string;
  /** Category (domain, language...) for per-category metrics. */
  readonly cat?: string;
}

/** A corpus line or value that cannot be read; `source` names the file and line. */
export class CorpusError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = "CorpusError";
  }
}

/**
 * Parses JSON Lines: each non-blank line an object with a string `text` and an optional string
 * `cat`. Other fields are ignored.
 *
 * @example
 * parseJsonlCorpus('{"text":"hi","cat":"chat"}\n', "a.jsonl"); // [{ text: "hi", cat: "chat" }]
 */
export function parseJsonlCorpus(content: string, source: string): CorpusDoc[] {
  const docs: CorpusDoc[] = [];
  const lines = content.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const where = `${source}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new CorpusError(where, `not valid JSON (${(e as Error).message})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new CorpusError(where, "expected a JSON object with a string `text`");
    }
    const { text, cat } = value as { text?: unknown; cat?: unknown };
    if (typeof text !== "string") throw new CorpusError(where, "expected a string `text` field");
    if (cat !== undefined && cat !== null && typeof cat !== "string") {
      throw new CorpusError(where, "`cat` must be a string when present");
    }
    docs.push(typeof cat === "string" ? { text, cat } : { text });
  }
  return docs;
}

/**
 * Reads a corpus file's content: JSON Lines when the name ends in `.jsonl`/`.ndjson` or the
 * first non-blank line is a JSON object; otherwise the whole content is one plain-text document.
 *
 * @example
 * parseCorpus("Just some prose.\n", "notes.txt"); // [{ text: "Just some prose.\n" }]
 */
export function parseCorpus(content: string, source: string): CorpusDoc[] {
  if (/\.(jsonl|ndjson)$/i.test(source) || looksLikeJsonl(content)) return parseJsonlCorpus(content, source);
  return [{ text: content }];
}

function looksLikeJsonl(content: string): boolean {
  const first = content.split("\n", 50).find((l) => l.trim() !== "");
  if (first === undefined || !first.trimStart().startsWith("{")) return false;
  try {
    const v = JSON.parse(first);
    return typeof v === "object" && v !== null && typeof v.text === "string";
  } catch {
    return false;
  }
}

/** The categories present, in order of first appearance. */
export function corpusCategories(docs: readonly CorpusDoc[]): string[] {
  const seen = new Set<string>();
  for (const d of docs) if (d.cat !== undefined) seen.add(d.cat);
  return [...seen];
}
