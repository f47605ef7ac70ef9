/**
 * Builds the Debian category set of the mixture experiment (issue
 * 13) from the pinned packages of experiments/mixture/debian-sources.ts.
 *
 *   npm run mixture:categories -- [--out DIR] [--debs DIR] [--only NAME,...] [--max-bytes N] [--offline]
 *
 * 1. Each package's .deb is taken from `--debs` (default OUT/debs) or fetched into it with
 *    `apt-get download NAME=VERSION` (no root needed; the machine's apt lists must know the
 *    version). A pinned version the mirror no longer has is replaced by the current one, with a
 *    warning, and the manifest says which was used. `--offline` never calls apt-get.
 * 2. `dpkg-deb -x` unpacks it into a temporary directory (nothing is installed).
 * 3. Documents: the category's files (no symbolic links, no test data), gunzipped, UTF-8 only;
 *    manual pages turned into their running text (roff-text.ts), source files cut to their first
 *    64 kB at a line end, files with a line over 1,000 characters (minified or generated) left out.
 * 4. Documents in the order of the SHA-256 of their ids (a fixed shuffle, so a capped category
 *    spans its sources), taken until `--max-bytes` (default 8 MB) of text per category.
 * 5. Written all or nothing into OUT: NAME.jsonl per category (`{"id", "text"}` a line),
 *    manifest.json (packages, versions used, .deb SHA-256, licences from each package's
 *    copyright file, documents and bytes per category, what was left out and why, each output's
 *    SHA-256) and README.md (the same as tables).
 *
 * OUT defaults to $TOKLAB_MIXTURE_CATEGORIES or .bench-cache/mixture-categories in the repository.
 * The same .deb files give byte-identical output.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { REPO_ROOT } from "../../bench/corpora.js";
import { samplePrefix } from "../../src/mixture/sample.js";
import { writeFilesAtomically } from "../../src/node/atomic-files.js";
import {
  DEBIAN_CATEGORIES,
  type DebianCategory,
  EXCLUDED_PATHS,
  type PinnedPackage,
} from "./debian-sources.js";
import { roffToText } from "./roff-text.js";

/** The environment variable naming the category set's directory. */
export const MIXTURE_CATEGORIES_ENV = "TOKLAB_MIXTURE_CATEGORIES";

/** Where the set is built and read by default. */
export function mixtureCategoriesDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[MIXTURE_CATEGORIES_ENV];
  return dir ? resolve(dir) : join(REPO_ROOT, ".bench-cache", "mixture-categories");
}

const CODE_DOC_MAX = 65_536;
const MAX_LINE = 1000;

export interface BuildOptions {
  readonly out: string;
  readonly debs: string;
  readonly only?: readonly string[];
  readonly maxBytes: number;
  readonly offline: boolean;
  /** Categories to build from (the pinned list by default; tests pass their own). */
  readonly categories?: readonly DebianCategory[];
  readonly log?: (line: string) => void;
}

export interface PackageRecord {
  readonly name: string;
  readonly pinned: string;
  readonly used: string;
  readonly deb: string;
  readonly sha256: string;
  readonly licences: readonly string[];
}

export interface CategoryRecord {
  readonly name: string;
  readonly kind: "man" | "code";
  readonly packages: readonly string[];
  readonly licence: string;
  readonly documents: number;
  readonly bytes: number;
  readonly availableDocuments: number;
  readonly availableBytes: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly sha256: string;
}

export interface Manifest {
  readonly builder: string;
  readonly maxBytesPerCategory: number;
  readonly categories: readonly CategoryRecord[];
  readonly packages: readonly PackageRecord[];
}

/** A build failure the user can act on (printed without a stack). */
export class CategoryBuildError extends Error {
  override name = "CategoryBuildError";
}

/** `1:2.11-6` is saved by apt as `1%3a2.11-6` in the file name. */
const debVersion = (version: string) => version.replace(/:/g, "%3a");

function findDeb(dir: string, name: string, version?: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const prefix = version === undefined ? `${name}_` : `${name}_${debVersion(version)}_`;
  // A name like "manpages" must not match "manpages-de_…": the version follows the first "_".
  const hits = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith(".deb") && f.split("_")[0] === name)
    .sort();
  return hits.length === 0 ? undefined : join(dir, hits[hits.length - 1]);
}

function aptDownload(dir: string, spec: string): boolean {
  try {
    execFileSync("apt-get", ["download", spec], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    return true;
  } catch {
    return false;
  }
}

/** The .deb of a package: the pinned version, else (with a warning) the mirror's current one. */
function fetchDeb(pkg: PinnedPackage, opts: BuildOptions): { path: string; used: string } {
  const log = opts.log ?? (() => {});
  const pinned = findDeb(opts.debs, pkg.name, pkg.version);
  if (pinned !== undefined) return { path: pinned, used: pkg.version };
  if (!opts.offline) {
    mkdirSync(opts.debs, { recursive: true });
    if (aptDownload(opts.debs, `${pkg.name}=${pkg.version}`)) {
      const got = findDeb(opts.debs, pkg.name, pkg.version);
      if (got !== undefined) return { path: got, used: pkg.version };
    }
    aptDownload(opts.debs, pkg.name);
  }
  const any = findDeb(opts.debs, pkg.name);
  if (any === undefined) {
    throw new CategoryBuildError(
      opts.offline
        ? `no .deb of ${pkg.name} in ${opts.debs} (--offline: nothing is downloaded)`
        : `apt-get download ${pkg.name} failed: is this a Debian machine whose apt lists are current ` +
            "(`sudo apt-get update`)? Or put the .deb files in --debs DIR.",
    );
  }
  const file = any.slice(any.lastIndexOf("/") + 1);
  const used = file.split("_")[1].replace(/%3a/g, ":");
  log(`warning: ${pkg.name} ${pkg.version} (pinned) is not available; using ${used}, so the text may differ`);
  return { path: any, used };
}

/** The distinct `License:` names of a machine-readable copyright file, most used first. */
export function copyrightLicences(text: string): string[] {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/^License:[ \t]*(\S[^\n]*?)[ \t]*$/gm)) {
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  if (counts.size === 0) return ["(not machine-readable: see the package's copyright file)"];
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
}

/** Every regular file under `root`, as sorted paths relative to it (links are not followed). */
function listRegularFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel === "" ? name : `${rel}/${name}`;
      const st = lstatSync(join(root, path));
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) out.push(path);
    }
  };
  walk("");
  return out;
}

/**
 * A file of the unpacked package, or undefined when it is missing or a link leads out of the
 * package (a doc directory is often a link to another package's, which may be absolute: the
 * machine's own file of that name says nothing about this package).
 */
function packageFile(root: string, rel: string): string | undefined {
  try {
    const real = realpathSync(join(root, rel));
    const base = realpathSync(root);
    return real.startsWith(`${base}/`) ? real : undefined;
  } catch {
    return undefined;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** One file's document text, or why it is left out. */
export function documentText(
  kind: "man" | "code",
  path: string,
  bytes: Uint8Array,
): string | { skip: string } {
  let data = bytes;
  if (path.endsWith(".gz")) {
    try {
      data = gunzipSync(bytes);
    } catch {
      return { skip: "bad gzip" };
    }
  }
  let text: string;
  try {
    text = utf8.decode(data).replace(/\r\n?/g, "\n");
  } catch {
    return { skip: "not UTF-8" };
  }
  if (kind === "man") {
    const body = roffToText(text);
    return body.trim() === "" ? { skip: "empty or an include" } : body;
  }
  if (text.split("\n").some((line) => line.length > MAX_LINE)) return { skip: "minified or generated" };
  // Lines are at most MAX_LINE long here, so the cut always falls at a line end.
  const head = samplePrefix(text, CODE_DOC_MAX);
  return head.trim() === "" ? { skip: "empty" } : head;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Builds the set (see the module comment); returns the manifest written. */
export async function buildCategories(opts: BuildOptions): Promise<Manifest> {
  const log = opts.log ?? (() => {});
  const all = opts.categories ?? DEBIAN_CATEGORIES;
  const wanted = opts.only === undefined ? all : all.filter((c) => opts.only!.includes(c.name));
  for (const name of opts.only ?? []) {
    if (!all.some((c) => c.name === name)) {
      throw new CategoryBuildError(`unknown category ${name}; known: ${all.map((c) => c.name).join(", ")}`);
    }
  }
  const scratch = mkdtempSync(join(tmpdir(), "toklab-categories-"));
  try {
    const packages = new Map<string, { record: PackageRecord; root: string }>();
    const unpack = (pkg: PinnedPackage) => {
      const known = packages.get(pkg.name);
      if (known !== undefined) return known.root;
      const { path, used } = fetchDeb(pkg, opts);
      const root = join(scratch, pkg.name);
      try {
        execFileSync("dpkg-deb", ["-x", path, root], { stdio: ["ignore", "ignore", "pipe"] });
      } catch (e) {
        throw new CategoryBuildError(`dpkg-deb -x ${path} failed: ${(e as Error).message.split("\n")[0]}`);
      }
      const copyright = packageFile(root, `usr/share/doc/${pkg.name}/copyright`);
      const licences =
        copyright === undefined
          ? ["(no copyright file in the package)"]
          : copyrightLicences(readFileSync(copyright, "utf8"));
      const record: PackageRecord = {
        name: pkg.name,
        pinned: pkg.version,
        used,
        deb: path.slice(path.lastIndexOf("/") + 1),
        sha256: sha256(readFileSync(path)),
        licences,
      };
      packages.set(pkg.name, { record, root });
      return root;
    };

    const outputs: { name: string; data: string }[] = [];
    const records: CategoryRecord[] = [];
    for (const cat of wanted) {
      const docs: { id: string; key: string; text: string; bytes: number }[] = [];
      const skipped: Record<string, number> = {};
      for (const pkg of cat.packages) {
        const root = unpack(pkg);
        for (const rel of listRegularFiles(root)) {
          if (!cat.files.test(rel) || EXCLUDED_PATHS.test(`/${rel}`)) continue;
          const got = documentText(cat.kind, rel, readFileSync(join(root, rel)));
          if (typeof got !== "string") {
            skipped[got.skip] = (skipped[got.skip] ?? 0) + 1;
            continue;
          }
          const id = `${pkg.name}:${rel}`;
          docs.push({ id, key: sha256(id), text: got, bytes: Buffer.byteLength(got) });
        }
      }
      if (docs.length === 0)
        throw new CategoryBuildError(
          `${cat.name}: no documents in ${cat.packages.map((p) => p.name).join(", ")}`,
        );
      docs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const lines: string[] = [];
      let bytes = 0;
      for (const d of docs) {
        if (bytes > 0 && bytes + d.bytes > opts.maxBytes) continue;
        lines.push(`${JSON.stringify({ id: d.id, text: d.text })}\n`);
        bytes += d.bytes;
      }
      const data = lines.join("");
      outputs.push({ name: `${cat.name}.jsonl`, data });
      records.push({
        name: cat.name,
        kind: cat.kind,
        packages: cat.packages.map((p) => p.name),
        licence: cat.licence,
        documents: lines.length,
        bytes,
        availableDocuments: docs.length,
        availableBytes: docs.reduce((s, d) => s + d.bytes, 0),
        skipped,
        sha256: sha256(data),
      });
      log(`${cat.name}: ${lines.length} of ${docs.length} documents, ${(bytes / 1e6).toFixed(2)} MB`);
    }

    // A partial build (--only) keeps the other categories' entries of an existing manifest.
    const previous = readManifest(opts.out);
    const keep = (previous?.categories ?? []).filter((c) => !records.some((r) => r.name === c.name));
    const categories = [...keep, ...records].sort((a, b) => order(all, a.name) - order(all, b.name));
    const usedPackages = new Set(categories.flatMap((c) => c.packages));
    const packageRecords = new Map((previous?.packages ?? []).map((p) => [p.name, p]));
    for (const { record } of packages.values()) packageRecords.set(record.name, record);
    const manifest: Manifest = {
      builder: "experiments/mixture/build-categories.ts",
      maxBytesPerCategory: opts.maxBytes,
      categories,
      packages: [...packageRecords.values()]
        .filter((p) => usedPackages.has(p.name))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    };
    await writeFilesAtomically(opts.out, [
      ...outputs,
      { name: "README.md", data: renderReadme(manifest) },
      { name: "manifest.json", data: `${JSON.stringify(manifest, null, 2)}\n` },
    ]);
    return manifest;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const order = (all: readonly DebianCategory[], name: string) => {
  const i = all.findIndex((c) => c.name === name);
  return i < 0 ? all.length : i;
};

/** The manifest of a built set, or undefined when there is none. */
export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, "manifest.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Manifest) : undefined;
}

/** The manifest as the set's README: categories, then packages with versions and licences. */
export function renderReadme(m: Manifest): string {
  const mb = (b: number) => (b / 1e6).toFixed(2);
  const rows = m.categories.map(
    (c) =>
      `| ${c.name} | ${c.packages.join(", ")} | ${c.documents} | ${mb(c.bytes)} | ${c.availableDocuments} | ${mb(c.availableBytes)} | ${
        Object.entries(c.skipped)
          .map(([why, n]) => `${n} ${why}`)
          .join("; ") || "—"
      } | ${c.licence} |`,
  );
  const pkgs = m.packages.map(
    (p) =>
      `| ${p.name} | ${p.used}${p.used === p.pinned ? "" : ` (pinned ${p.pinned})`} | ${p.licences.join("; ")} | \`${p.sha256.slice(0, 16)}…\` |`,
  );
  return [
    "# Mixture experiment: Debian category set",
    "",
    `Built by ${m.builder} (\`npm run mixture:categories\`) from Debian 12 packages, at most ${mb(m.maxBytesPerCategory)} MB of text per category.`,
    "Each NAME.jsonl holds one JSON object a line: `id` (package:path) and `text`. Licences: each package's own copyright file.",
    "",
    "| category | packages | documents | MB | documents available | MB available | left out | licence |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "| package | version | licences in its copyright file | .deb SHA-256 |",
    "|---|---|---|---|",
    ...pkgs,
    "",
  ].join("\n");
}
