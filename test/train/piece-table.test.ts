import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { seededRandom } from "../../src/core/random.js";
import { addPartToMap, PieceTable } from "../../src/train/piece-table.js";

/** Random text and random ranges in it, some long (≥ 13 units: V8 would make those views). */
function ranges(seed: number, n: number): { text: string; at: [number, number][] } {
  const rnd = seededRandom(seed);
  const alphabet = ["a", "b", "é", "中", "😀", " ", "\n"];
  let text = "";
  for (let i = 0; i < 5000; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
  const at: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const s = Math.floor(rnd() * (text.length - 40));
    const len = rnd() < 0.9 ? 1 + Math.floor(rnd() * 3) : 13 + Math.floor(rnd() * 20);
    at.push([s, s + len]);
  }
  return { text, at };
}

test("PieceTable counts ranges exactly as a Map of slices, through many growths", () => {
  const { text, at } = ranges(1, 60_000);
  const table = new PieceTable();
  const map = new Map<string, number>();
  for (const [s, e] of at) {
    table.add(text, s, e);
    const p = text.slice(s, e);
    map.set(p, (map.get(p) ?? 0) + 1);
  }
  assert.equal(table.size, map.size);
  assert.ok(map.size > 5000, `${map.size} distinct`);
  assert.deepEqual(table.toMap(), map, "same entries in first-seen order");
  let chars = 0;
  for (const k of map.keys()) chars += k.length;
  assert.equal(table.keyChars, chars);
});

test("PieceTable parts round-trip and merge with counts added", () => {
  const { text, at } = ranges(2, 20_000);
  const a = new PieceTable();
  const b = new PieceTable();
  at.forEach(([s, e], i) => {
    (i % 2 === 0 ? a : b).add(text, s, e, 1 + (i % 3));
  });
  const merged = new PieceTable();
  const map = new Map<string, number>();
  let parts = 0;
  for (const t of [a, b]) {
    for (const part of t.parts(500)) {
      assert.ok(part.keys.length <= 500 || part.lengths.length === 1);
      merged.addPart(part);
      addPartToMap(map, part);
      parts++;
    }
  }
  assert.ok(parts > 4);
  const expected = new Map<string, number>();
  at.forEach(([s, e], i) => {
    const p = text.slice(s, e);
    expected.set(p, (expected.get(p) ?? 0) + 1 + (i % 3));
  });
  for (const got of [merged.toMap(), map]) {
    assert.equal(got.size, expected.size);
    for (const [k, v] of expected) assert.equal(got.get(k), v, JSON.stringify(k));
  }
});

test("PieceTable counts stay exact beyond 2^32", () => {
  const t = new PieceTable();
  t.add("x", 0, 1, 2 ** 32);
  t.add("x", 0, 1, 2 ** 32 + 1);
  assert.equal(t.toMap().get("x"), 2 ** 33 + 1);
});

test("stored pieces do not keep their documents alive", () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const table = new PieceTable();
  gc();
  const before = process.memoryUsage().heapUsed;
  // 100 documents of 1 MB, each contributing one new 25-unit piece: V8 would make that piece a
  // view into the document; a retained document costs 1 MB, a copied piece a few dozen bytes.
  for (let i = 0; i < 100; i++) {
    const doc = `${"x".repeat(1_000_000)}unique_piece_${String(i).padStart(3, "0")}_abcdefgh`;
    table.add(doc, 1_000_000, doc.length);
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(table.size, 100);
  assert.ok(grown < 20e6, `heap grew by ${(grown / 1e6).toFixed(1)} MB for 100 pieces`);
});
