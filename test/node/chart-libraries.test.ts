import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadChartLibraries } from "../../src/node/chart-libraries.js";

const installed = (path: string) =>
  readFileSync(new URL(`../../node_modules/${path}`, import.meta.url), "utf8");

test("loadChartLibraries reads the installed browser builds, which set the three globals", async () => {
  const libs = await loadChartLibraries();
  const version = (name: string) => JSON.parse(installed(`${name}/package.json`)).version;
  assert.deepEqual(libs.versions, {
    vega: version("vega"),
    "vega-lite": version("vega-lite"),
    "vega-embed": version("vega-embed"),
  });
  assert.equal(libs.vega, installed("vega/build/vega.min.js"));
  assert.equal(libs.vegaLite, installed("vega-lite/build/vega-lite.min.js"));
  assert.equal(libs.vegaEmbed, installed("vega-embed/build/vega-embed.min.js"));
  // UMD builds: loaded by a plain <script> (no module system) they assign these globals.
  assert.match(libs.vega, /\.vega\s*=\s*\{\}/);
  assert.match(libs.vegaLite, /\.vegaLite\s*=\s*\{\}/);
  assert.match(libs.vegaEmbed, /\.vegaEmbed\s*=/);
});
