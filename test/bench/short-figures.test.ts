import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { firstPassRatio, longProseNsPerByte, shortCalls } from "../../bench/short-figures.js";
import type { ThroughputRow } from "../../bench/throughput.js";

/** A row as runThroughput makes it; only the rates matter here. */
function row(encode: Record<string, number>, firstEncode?: Record<string, number>): ThroughputRow {
  return { lib: "x", outcome: { status: "error", phase: "run", message: "" }, encode, firstEncode };
}

describe("short-string figures from MB/s", () => {
  // short_a: 1,000 docs, 50,000 bytes at 1 MB/s → 50,000 µs, 50 µs a call, 1,000 ns a byte.
  // short_b: 100 docs, 10,000 bytes at 2 MB/s → 5,000 µs, 50 µs a call. long: not short, ignored.
  const stats = {
    short_a: { docs: 1000, bytes: 50_000 },
    short_b: { docs: 100, bytes: 10_000 },
    long: { docs: 1, bytes: 1_000_000 },
    all: { docs: 1101, bytes: 1_060_000 },
  };

  test("per call per category, and over all short categories by total time", () => {
    const calls = shortCalls(row({ short_a: 1, short_b: 2, long: 100, all: 3 }), stats);
    assert.ok(calls);
    assert.deepEqual(calls.perCallUs, { short_a: 50, short_b: 50 });
    assert.equal(calls.allUs, 55_000 / 1100);
    assert.equal(calls.nsPerByte, (55_000 * 1000) / 60_000);
  });

  test("no rates or no short categories: nothing to report", () => {
    assert.equal(shortCalls(undefined, stats), undefined);
    assert.equal(shortCalls(row({ long: 1, all: 1 }), { long: stats.long, all: stats.long }), undefined);
  });

  test("long prose per byte, and the first pass as a ratio of times", () => {
    assert.equal(longProseNsPerByte(row({ en_prose: 40, all: 40 })), 25);
    assert.equal(longProseNsPerByte(row({ code: 40, all: 40 })), undefined);
    // First pass at 10 MB/s against 13 MB/s steady: it took 1.3× as long.
    assert.equal(firstPassRatio(row({ all: 13 }, { all: 10 })), 1.3);
    assert.equal(firstPassRatio(row({ all: 13 })), undefined);
  });
});
