import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Where the built child and toklab live: scratch output under bench/out (git-ignored), one
 * directory per run so that two runs (say a --quick one during a full one) never rebuild files
 * under each other's feet. It must stay inside the repository: the child's bare package imports
 * resolve through node_modules from there.
 */
export const BUILD_DIR = here(`./out/build-${process.pid}`);
export const CHILD_JS = `${BUILD_DIR}/child.mjs`;
export const TOKLAB_ENTRY = `${BUILD_DIR}/toklab/index.js`;
export const TOKLAB_HF_ENTRY = `${BUILD_DIR}/toklab/hf.js`;

/** Remove this run's build directory (at the end of the run). */
export async function removeBuild(): Promise<void> {
  await rm(BUILD_DIR, { recursive: true, force: true });
}

/** Environment variable telling the toklab adapter which module to import. */
export const TOKLAB_ENTRY_ENV = "TOKLAB_BENCH_TOKLAB_ENTRY";
export const TOKLAB_HF_ENTRY_ENV = "TOKLAB_BENCH_TOKLAB_HF_ENTRY";

/**
 * Children run as plain JavaScript, not through tsx: tsx's loader hooks add ~50 ms to importing
 * a reference library (measured: gpt-tokenizer/encoding/o200k_base 95 → 150 ms), which would
 * swamp cold-load figures. So the child entry is bundled with every npm package left external
 * (each library is imported exactly as its users import it), and toklab is bundled from source
 * the way an application would bundle it: ESM with code splitting, so every encoding's rank
 * data stays its own lazily imported chunk.
 */
export async function buildChild(): Promise<void> {
  await build({
    entryPoints: [here("./child.ts")],
    outfile: CHILD_JS,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
  });
}

/** Throws (with esbuild's message) when toklab's sources do not build; the adapter is then unavailable. */
export async function buildToklab(): Promise<void> {
  await build({
    // hf: the tokenizer.json loader, for the Hugging Face section.
    entryPoints: {
      index: here("../src/encodings/index.ts"),
      hf: here("../src/formats/hf/tokenizer-json.ts"),
    },
    outdir: `${BUILD_DIR}/toklab`,
    bundle: true,
    splitting: true,
    platform: "neutral",
    format: "esm",
    target: "es2022",
    logLevel: "silent",
  });
}
