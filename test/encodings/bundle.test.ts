import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { build } from "esbuild";
import { ROOT } from "../support/paths.js";

describe("src/encodings bundles for the browser", () => {
  it("has no Node imports and keeps each rank table in its own lazily loaded chunk", async () => {
    const result = await build({
      entryPoints: [join(ROOT, "src/encodings/index.ts"), join(ROOT, "src/formats/index.ts")],
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      outdir: "/virtual-out",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(!inputs.some((path) => path.startsWith("node:")), "no node: builtins");
    // Every data module must end up in a chunk that the entry does not import statically.
    const entry = Object.values(result.metafile.outputs).find((o) =>
      o.entryPoint?.endsWith("encodings/index.ts"),
    )!;
    const staticImports = new Set(
      entry.imports.filter((i) => i.kind === "import-statement").map((i) => i.path),
    );
    let dataChunks = 0;
    for (const [path, output] of Object.entries(result.metafile.outputs)) {
      const data = Object.keys(output.inputs).filter((input) => input.includes("src/encodings/data/"));
      if (data.length === 0) continue;
      dataChunks++;
      assert.equal(data.length, 1, `${path} holds one data module`);
      assert.ok(!staticImports.has(path), `${data[0]} is loaded lazily`);
      assert.notEqual(output, entry);
    }
    assert.equal(dataChunks, 4, "r50k_base, p50k_tail, cl100k_base, o200k_base");
  });
});
