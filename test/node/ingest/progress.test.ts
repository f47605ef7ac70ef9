import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryWatch, projectedTableBytes } from "../../../src/node/ingest/memory.js";
import {
  type IngestProgress,
  jsonProgress,
  progressLine,
  ttyProgress,
} from "../../../src/node/ingest/progress.js";

const base: IngestProgress = {
  phase: "count",
  bytes: 50e6,
  totalBytes: 100e6,
  documents: 12345,
  distinct: 67890,
  rate: 10e6,
  etaSeconds: 5,
  elapsedMs: 5000,
};

test("progressLine shows bar, percent, sizes, rate, documents, unique pieces and ETA", () => {
  assert.equal(
    progressLine(base, 10),
    "count [#####-----] 50.0% 50.0/100.0 MB 10.0 MB/s 12,345 docs 67,890 unique ETA 0:05",
  );
  assert.equal(
    progressLine({ ...base, phase: "done", elapsedMs: 3_725_000 }),
    "done  12,345 docs 67,890 unique pieces 1:02:05",
  );
});

test("the TTY renderer redraws in place, throttles, and keeps each phase's last line", () => {
  let out = "";
  const tty = ttyProgress({ write: (s: string) => (out += s) }, 60_000);
  tty.onProgress({ ...base, bytes: 1e6 });
  tty.onProgress({ ...base, bytes: 2e6 }); // throttled
  tty.onProgress({ ...base, phase: "merge" });
  tty.done();
  const lines = out.split("\n");
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^\rcount .* 1\.00\/100\.0 MB.*\x1b\[K\rcount .* 2\.00\/100\.0 MB/);
  assert.match(lines[1], /^\rmerge /);
});

test("the JSON renderer writes parseable lines, including each phase's last report", () => {
  let out = "";
  const json = jsonProgress({ write: (s: string) => (out += s) }, 60_000);
  json.onProgress(base);
  json.onProgress({ ...base, bytes: 100e6 });
  json.onProgress({ ...base, phase: "done" });
  json.done();
  const rows = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    rows.map((r) => [r.phase, r.bytes]),
    [
      ["count", 50e6],
      ["count", 100e6],
      ["done", 50e6],
    ],
  );
});

test("MemoryWatch warns once when the projected table passes the fraction of the heap", () => {
  const warnings: string[] = [];
  const heap = 1 << 30;
  const watch = new MemoryWatch(0.5, (m) => warnings.push(m), heap);
  // Heaps' law with β = 0.5 from two observations: 1M at 10%, ~1.41M at 20% → 3.16M at the end.
  watch.observe(0.1, 1_000_000, 8);
  const projected = watch.observe(0.2, 1_414_214, 8);
  assert.ok(Math.abs(projected - 3_162_278) < 100, `${projected}`);
  assert.equal(warnings.length, 0, "3.2M pieces × 96 B ≈ 300 MB < 512 MiB");
  watch.observe(0.4, 4_000_000, 8); // now growing linearly: 10M projected, ~960 MB
  watch.observe(0.5, 5_000_000, 8);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /projected to need about \d+ MiB .* more than 50% of the 1024 MiB heap/);
  assert.ok(projectedTableBytes(10e6, 8) > 0.5 * heap);
});

test("MemoryWatch warns about V8's Map limit and stays quiet early on", () => {
  const warnings: string[] = [];
  const watch = new MemoryWatch(0.5, (m) => warnings.push(m), 2 ** 40);
  watch.observe(0.01, 1_000_000, 8); // one observation: nothing to project from
  watch.observe(0.02, 1_500_000, 8); // 2% read: too early to judge
  assert.equal(warnings.length, 0);
  watch.observe(0.1, 7_500_000, 8); // linear growth: 75M pieces at the end
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /about 75,000,000 distinct pieces, more than a JavaScript Map can hold/);
});
