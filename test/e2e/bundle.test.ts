import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../", import.meta.url));

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
  });
  return result.outputFiles[0].text;
}

test("src/core bundles for the browser with no Node imports", async () => {
  const code = await bundleForBrowser("src/core/index.ts");
  assert.doesNotMatch(code, /\brequire\(/, "the core bundle must not call require()");
  assert.doesNotMatch(code, /["']node:/, "the core bundle must not name a node: module");
});

test("src/core runs in a bare JavaScript context (no process, Buffer or require)", async () => {
  const code = await bundleForBrowser("src/core/index.ts");
  const context = vm.createContext({ TextEncoder, TextDecoder, console });
  vm.runInContext(code, context);
  const api = vm.runInContext("toklab", context);
  assert.equal(typeof api.Encoding, "function");
  for (const name of ["process", "Buffer", "require"]) {
    assert.equal(vm.runInContext(`typeof ${name}`, context), "undefined");
  }
});

test("the package entry (core, encodings, formats) bundles and encodes in a bare context", async () => {
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
