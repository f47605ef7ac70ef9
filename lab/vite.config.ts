/**
 * Vite build of the lab (decision 0039): one classic script with the worker inlined as a blob,
 * relative asset URLs, no code fetched at run time. Classic rather than module scripts because
 * Chromium refuses module scripts and worker files from file:// pages (origin "null"), and the
 * built page must work opened from disk; the encodings stay lazy (their rank tables are decoded
 * on first use), they are just not separate files.
 */
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** `<script type="module" crossorigin src>` → `<script defer src>`: a classic script works from file://. */
function classicScript(): Plugin {
  return {
    name: "toklab-lab-classic-script",
    enforce: "post",
    transformIndexHtml(html) {
      return html.replace(
        /<script type="module" crossorigin (src="[^"]+")><\/script>/g,
        "<script defer $1></script>",
      );
    },
  };
}

export default defineConfig({
  root,
  base: "./",
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/lab", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 20_000,
    rolldownOptions: { output: { codeSplitting: false, format: "iife" } },
  },
  worker: { format: "iife" },
  plugins: [classicScript()],
});
