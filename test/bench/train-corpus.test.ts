import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { lineCut, linesLongerThan, longestLine, prepareCorpus } from "../../bench/train-corpus.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("cutting the corpus", () => {
  test("lineCut: the longest prefix within the limit that ends a line", () => {
    const b = bytes("ab\ncd\nef");
    assert.equal(lineCut(b, 5), 3);
    assert.equal(lineCut(b, 6), 6);
    assert.equal(lineCut(b, 2), 0);
    assert.equal(lineCut(b, 100), b.length);
  });

  test("longest line and lines over a limit, a last line without newline included", () => {
    const b = bytes("a\nbbbb\n\nccc");
    assert.equal(longestLine(b), 4);
    assert.deepEqual(linesLongerThan(b, 2), { lines: 2, bytes: 7 });
  });

  test("prepareCorpus: heads and held-out tail never overlap and split no line", () => {
    const dir = mkdtempSync(join(tmpdir(), "toklab-bench-train-test-"));
    try {
      const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${"é".repeat(i % 50)}\n`);
      const source = join(dir, "corpus.txt");
      writeFileSync(source, lines.join(""));
      const total = readFileSync(source).length;
      const mb = total / 1e6;
      const c = prepareCorpus(source, [mb * 0.2, mb * 0.9], mb * 0.9, dir, 50);
      const [small, large] = c.heads;
      assert.ok(small.bytes <= total * 0.2 && large.bytes <= total * 0.9);
      assert.equal(c.heldOut.bytes + large.bytes, total);
      assert.equal(readFileSync(large.path, "utf8") + c.heldOut.lines.join(""), lines.join(""));
      assert.ok(readFileSync(small.path, "utf8").endsWith("\n"));
      assert.equal(small.lines, readFileSync(small.path, "utf8").split("\n").length - 1);
      assert.equal(
        large.longLines.lines,
        lines.slice(0, large.lines).filter((l) => bytes(l).length - 1 > 50).length,
      );
      assert.throws(() => prepareCorpus(source, [mb], mb * 0.5, dir), /overlap the held-out text/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
