import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { benchJsonlSplit } from "../../bench/train-superbpe.js";

test("benchJsonlSplit: document i goes to part i mod 5; part 0 is held out by category", () => {
  const dir = mkdtempSync(join(tmpdir(), "toklab-split-"));
  try {
    const docs = Array.from({ length: 11 }, (_, i) => ({
      cat: i % 2 ? "code" : "prose",
      text: `d${i}\nnext é`,
    }));
    const path = join(dir, "b.jsonl");
    writeFileSync(path, `${docs.map((d) => JSON.stringify(d)).join("\n")}\n`);
    const s = benchJsonlSplit(path, [1, 2]);
    // Held out: documents 0, 5, 10 (prose, code, prose); trained: 1, 2, 6, 7.
    assert.deepEqual(
      s.categories.map((c) => [c.name, c.lines]),
      [
        ["code", ["d5\n", "next é\n"]],
        ["prose", ["d0\n", "next é\n", "d10\n", "next é\n"]],
      ],
    );
    assert.deepEqual(
      s.trainLines.filter((l) => l.startsWith("d")),
      ["d1\n", "d2\n", "d6\n", "d7\n"],
    );
    // Bytes are UTF-8 with each document's final newline: "dN\nnext é\n" is 11 or 12 bytes.
    assert.equal(s.categories[0].bytes, 11);
    assert.equal(s.heldBytes, 11 + 11 + 12);
    assert.equal(s.trainBytes, 4 * 11);
    assert.deepEqual(s.heldLines, [...s.categories[0].lines, ...s.categories[1].lines]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
