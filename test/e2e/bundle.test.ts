import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * toklab's optional peer dependencies (the LP solver `highs`, ...): an entry loads them on first
 * use with a dynamic import, and bundling them is the user's bundler's business, so they stay
 * external here.
 */
const PEERS = Object.keys(
  JSON.parse((await import("node:fs")).readFileSync(`${root}package.json`, "utf8")).peerDependencies ?? {},
);

/**
 * Bundles an entry for the browser. esbuild's browser platform cannot resolve Node built-ins,
 * so any `node:` import (direct or transitive) fails the build, and the test with it.
 */
async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "toklab",
    write: false,
    logLevel: "silent",
    target: "es2022",
    external: PEERS,
  });
  return result.outputFiles[0].text;
}

/** The package's browser-safe entries (package.json `exports` but `toklab/node`), as sources. */
const BROWSER_ENTRIES = [
  "src/index.ts",
  "src/hf.ts",
  "src/chat/index.ts",
  "src/train/index.ts",
  "src/eval/index.ts",
  "src/analyze/index.ts",
  "src/report/index.ts",
  "src/lm/index.ts",
  "src/mixture/index.ts",
  "src/adapt/index.ts",
];

test("every entry but toklab/node bundles for the browser with no Node imports", async () => {
  const exported = Object.keys(
    JSON.parse((await import("node:fs")).readFileSync(`${root}package.json`, "utf8")).exports,
  ).filter((k) => k !== "./node" && k !== "./package.json");
  assert.equal(exported.length, BROWSER_ENTRIES.length, "an entry in package.json is not checked here");
  for (const entry of BROWSER_ENTRIES) {
    const code = await bundleForBrowser(entry);
    assert.doesNotMatch(code, /\brequire\(/, `${entry}: the bundle must not call require()`);
    assert.doesNotMatch(code, /["']node:/, `${entry}: the bundle must not name a node: module`);
  }
});

test("the runtime runs in a bare JavaScript context (no process, Buffer or require)", async () => {
  const code = await bundleForBrowser("src/index.ts");
  const context = vm.createContext({ TextEncoder, TextDecoder, console });
  vm.runInContext(code, context);
  const api = vm.runInContext("toklab", context);
  assert.equal(typeof api.Encoding, "function");
  assert.equal(typeof api.parseTokenizer, "function");
  for (const name of ["process", "Buffer", "require"]) {
    assert.equal(vm.runInContext(`typeof ${name}`, context), "undefined");
  }
});

test("the package entry bundles and encodes in a bare context", async () => {
  const code = await bundleForBrowser("src/index.ts");
  assert.doesNotMatch(code, /["']node:/);
  const context = vm.createContext({ TextEncoder, TextDecoder, console });
  vm.runInContext(code, context);
  const ids = await vm.runInContext(
    `toklab.getEncoding("cl100k_base").then((e) => Array.from(e.encode("hello world")))`,
    context,
  );
  // cl100k_base ids of "hello world", as tiktoken gives them.
  const { get_encoding } = await import("tiktoken");
  const ref = get_encoding("cl100k_base");
  try {
    assert.deepEqual([...ids], Array.from(ref.encode("hello world")));
  } finally {
    ref.free();
  }
});
