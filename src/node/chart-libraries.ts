/**
 * The chart libraries a report inlines, read from the installed `vega`, `vega-lite` and
 * `vega-embed` packages (optional peer dependencies of toklab): their minified browser builds (UMD: they set
 * the `vega`, `vegaLite` and `vegaEmbed` globals when loaded by a plain `<script>`).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ChartLibraries } from "../report/types.js";

/** Package → its browser build, relative to the package's root. */
const BUILDS = {
  vega: "build/vega.min.js",
  "vega-lite": "build/vega-lite.min.js",
  "vega-embed": "build/vega-embed.min.js",
} as const;

/**
 * The root folder of an installed package. Their `exports` maps expose neither the browser
 * builds nor package.json, so resolve the main entry and walk up to the package.json that names
 * the package.
 */
async function packageRoot(name: string): Promise<{ root: string; version: string }> {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `the HTML report needs the optional packages vega, vega-lite and vega-embed (npm install vega vega-lite vega-embed); ${name} is not installed`,
    );
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    let json: string;
    try {
      json = await readFile(join(dir, "package.json"), "utf8");
    } catch {
      continue;
    }
    const pkg = JSON.parse(json) as { name?: string; version?: string };
    if (pkg.name === name) return { root: dir, version: pkg.version ?? "" };
  }
  throw new Error(`${name}: no package.json above ${entry}`);
}

/**
 * Reads the Vega, Vega-Lite and vega-embed browser builds (≈ 0.8 MB together) and their versions.
 *
 * @example
 * const libraries = await loadChartLibraries();
 * renderReportHtml(data, libraries);
 */
export async function loadChartLibraries(): Promise<ChartLibraries> {
  const read = async (name: keyof typeof BUILDS) => {
    const { root, version } = await packageRoot(name);
    return { source: await readFile(join(root, BUILDS[name]), "utf8"), version };
  };
  const [vega, vegaLite, vegaEmbed] = await Promise.all([
    read("vega"),
    read("vega-lite"),
    read("vega-embed"),
  ]);
  return {
    vega: vega.source,
    vegaLite: vegaLite.source,
    vegaEmbed: vegaEmbed.source,
    versions: { vega: vega.version, "vega-lite": vegaLite.version, "vega-embed": vegaEmbed.version },
  };
}
