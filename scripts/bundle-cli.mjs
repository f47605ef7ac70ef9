/**
 * `npm run build`'s last step: bundles the CLI (src/cli/main.ts) with esbuild into
 * dist/cli/main.js and its chunks, so that `toklab` loads a few files instead of ~200 modules
 * (about 0.1 s of every run; decision 0050). Each command stays its own chunk, loaded when it runs.
 * Every `*-worker.ts` module is an entry point of its own beside the chunks, where
 * src/node/worker-entry.ts looks for it. npm packages stay outside the bundle. The library
 * (dist/index.js and the rest) is tsc's output, untouched.
 */
import { readdirSync, rmSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Every `*-worker.ts` under src/, by the name workerEntry gives it. */
function workers(dir) {
  const found = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith("-worker.ts")) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const name = basename(entry.name, ".ts");
    if (name in found) throw new Error(`two workers named ${name}: ${found[name]} and ${path}`);
    found[name] = relative(root, path);
  }
  return found;
}

// The chunks of an earlier build (their names are content hashes) and tsc's map of main.js,
// which no longer describes it.
const out = join(root, "dist/cli");
for (const f of readdirSync(out)) if (/^chunk-.*\.js$|^main\.js\.map$/.test(f)) rmSync(join(out, f));

await build({
  absWorkingDir: root,
  entryPoints: { main: "src/cli/main.ts", ...workers(join(root, "src")) },
  outdir: "dist/cli",
  // Flat: a worker is found next to the chunk that starts it, and `../../package.json` from any
  // file here is the package's.
  chunkNames: "chunk-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
