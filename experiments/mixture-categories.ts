/**
 * `npm run mixture:categories`: builds the Debian category set of the mixture experiment (issue
 * 13); what it does is experiments/mixture/build-categories.ts, what it is built from
 * experiments/mixture/debian-sources.ts.
 */
import { join, resolve } from "node:path";
import { buildCategories, CategoryBuildError, mixtureCategoriesDir } from "./mixture/build-categories.js";
import { DEBIAN_CATEGORIES } from "./mixture/debian-sources.js";

const DEFAULT_MAX_BYTES = 8_000_000;

const USAGE =
  "usage: npm run mixture:categories -- [--out DIR] [--debs DIR] [--only NAME,...] [--max-bytes N] [--offline]";

async function main(argv: readonly string[]): Promise<number> {
  let out = mixtureCategoriesDir();
  let debs: string | undefined;
  let only: string[] | undefined;
  let maxBytes = DEFAULT_MAX_BYTES;
  let offline = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new CategoryBuildError(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--help" || a === "-h") {
      console.log(
        `${USAGE}\n\nBuilds the Debian category set of the mixture experiment into ${out}.\nCategories: ${DEBIAN_CATEGORIES.map((c) => c.name).join(", ")}`,
      );
      return 0;
    } else if (a === "--out") out = resolve(value());
    else if (a === "--debs") debs = resolve(value());
    else if (a === "--only")
      only = value()
        .split(",")
        .filter((s) => s !== "");
    else if (a === "--max-bytes") {
      const v = value();
      maxBytes = Number(v);
      if (!/^[0-9]+$/.test(v) || maxBytes < 1)
        throw new CategoryBuildError(`--max-bytes ${v}: a positive whole number of bytes`);
    } else if (a === "--offline") offline = true;
    else throw new CategoryBuildError(`unknown argument ${a}\n${USAGE}`);
  }
  const started = performance.now();
  const manifest = await buildCategories({
    out,
    debs: debs ?? join(out, "debs"),
    only,
    maxBytes,
    offline,
    log: (line) => console.error(line),
  });
  const total = manifest.categories.reduce((s, c) => s + c.bytes, 0);
  console.log(
    `wrote ${manifest.categories.length} categories (${(total / 1e6).toFixed(1)} MB) to ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s; see README.md there`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof CategoryBuildError) {
      console.error(`error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  },
);
