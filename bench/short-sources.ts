/**
 * Where the short corpus (bench/short-corpus.ts) takes its text from: freely licensed files that
 * a Debian machine ships, none of them in bench.jsonl. Listings are sorted by code unit, so
 * the same files give the same corpus on every machine; roots that do not exist are skipped
 * (the builder reports what it found), because versions in paths differ between releases.
 */
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** gettext catalogues: /usr/share/locale/LOCALE/LC_MESSAGES/DOMAIN.mo */
export const LOCALE_ROOT = "/usr/share/locale";

export interface CodeSource {
  /** Language, as the document ids show it. */
  readonly lang: string;
  readonly roots: readonly string[];
  readonly extension: string;
  /** Share of the code category's byte budget. */
  readonly share: number;
  readonly licence: string;
}

/** Languages bench.jsonl's `code` category lacks (it has Python, JavaScript, C, C++, Perl, shell). */
export const CODE_SOURCES: readonly CodeSource[] = [
  {
    lang: "ruby",
    roots: ["/usr/lib/ruby"],
    extension: ".rb",
    share: 0.3,
    licence: "Ruby licence or BSD-2-Clause",
  },
  { lang: "go", roots: ["/usr/share/go"], extension: ".go", share: 0.3, licence: "BSD-3-Clause" },
  {
    lang: "tcl",
    roots: ["/usr/share/tcltk"],
    extension: ".tcl",
    share: 0.15,
    licence: "Tcl/Tk licence (BSD-style)",
  },
  { lang: "elisp", roots: ["/usr/share/emacs"], extension: ".el", share: 0.12, licence: "GPL-3.0-or-later" },
  {
    lang: "sql",
    roots: ["/usr/share/postgresql"],
    extension: ".sql",
    share: 0.1,
    licence: "PostgreSQL licence",
  },
  { lang: "awk", roots: ["/usr/share/doc/mawk"], extension: ".awk", share: 0.03, licence: "GPL-2.0" },
];

/**
 * Kept aside for independent checks (the issue asks so): fortune-cookie files, dictionaries and
 * Bible texts never enter this corpus, whatever directory they turn up in.
 */
const EXCLUDED = /fortune|\/dict\/|dictionar|bible/i;

/** Test fixtures (Go's testdata: deliberately broken or generated files) are not code people write. */
const FIXTURES = /\/testdata\//;

/** A versioned directory (`/usr/share/go-1.19`) is found by its stem (`/usr/share/go`). */
function expandRoot(root: string): string[] {
  const slash = root.lastIndexOf("/");
  const parent = root.slice(0, slash);
  const stem = root.slice(slash + 1);
  if (!lstatSync(parent, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(parent)
    .filter((name) => name === stem || name.startsWith(`${stem}-`))
    .sort()
    .map((name) => join(parent, name));
}

/** Every file under the roots with the extension, sorted by path; symlinks are not followed. */
export function listFiles(roots: readonly string[], extension: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (EXCLUDED.test(path) || FIXTURES.test(path)) continue;
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && name.endsWith(extension)) out.push(path);
    }
  };
  for (const root of roots.flatMap(expandRoot)) walk(root);
  return [...new Set(out)].sort();
}

/** gettext catalogues by locale: [locale, sorted .mo paths], locales sorted. */
export function listCatalogues(): Array<[string, string[]]> {
  if (!existsSync(LOCALE_ROOT)) return [];
  return readdirSync(LOCALE_ROOT)
    .sort()
    .filter((locale) => statSync(join(LOCALE_ROOT, locale)).isDirectory())
    .map((locale): [string, string[]] => [
      locale,
      listFiles([join(LOCALE_ROOT, locale, "LC_MESSAGES")], ".mo"),
    ])
    .filter(([, files]) => files.length > 0);
}
