import assert from "node:assert/strict";
import { symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, test } from "node:test";
import { readChunks } from "../../../src/node/ingest/chunks.js";
import { glob } from "../../../src/node/ingest/glob.js";
import { formatOf, resolveInputs } from "../../../src/node/ingest/inputs.js";
import { put, tempDir } from "../../support/node/ingest.js";

let dir = "";
let cleanup = () => {};
before(() => {
  ({ dir, cleanup } = tempDir());
  for (const rel of [
    "a.txt",
    "b.jsonl",
    "c.jsonl.gz",
    "x/a.txt",
    "x/y/z.txt",
    "x/y/z.md",
    "x/.hidden.txt",
    ".dot/a.txt",
    "ab1.txt",
    "ac2.txt",
  ]) {
    put(dir, rel, rel.endsWith("jsonl") || rel.endsWith("jsonl.gz") ? '{"text":"t"}\n' : "t\n");
  }
});
after(() => cleanup());

const rel = (paths: string[]) => paths.map((p) => relative(dir, p));

test("glob: *, ?, [..], ** and hidden files", async () => {
  assert.deepEqual(rel(await glob(`${dir}/*.txt`)), ["a.txt", "ab1.txt", "ac2.txt"]);
  assert.deepEqual(rel(await glob(`${dir}/a?1.txt`)), ["ab1.txt"]);
  assert.deepEqual(rel(await glob(`${dir}/a[c-d]*.txt`)), ["ac2.txt"]);
  assert.deepEqual(rel(await glob(`${dir}/a[!c]*.txt`)), ["ab1.txt"]);
  assert.deepEqual(rel(await glob(`${dir}/**/*.txt`)), [
    "a.txt",
    "ab1.txt",
    "ac2.txt",
    "x/a.txt",
    "x/y/z.txt",
  ]);
  assert.deepEqual(rel(await glob(`${dir}/x/**`)), ["x/a.txt", "x/y/z.md", "x/y/z.txt"]);
  assert.deepEqual(rel(await glob(`${dir}/**/y/*`)), ["x/y/z.md", "x/y/z.txt"]);
  assert.deepEqual(rel(await glob(`${dir}/x/.h*`)), ["x/.hidden.txt"]);
  assert.deepEqual(await glob(`${dir}/nothing/*.txt`), []);
});

test("resolveInputs: files, directories (recursive, no hidden), globs, formats, no duplicates", async () => {
  const files = await resolveInputs([`${dir}/x`, `${dir}/*.jsonl*`, `${dir}/x/a.txt`, `${dir}/./b.jsonl`]);
  assert.deepEqual(
    files.map((f) => [relative(dir, f.path), f.format, f.gzip]),
    [
      ["x/a.txt", "text", false],
      ["x/y/z.md", "text", false],
      ["x/y/z.txt", "text", false],
      ["b.jsonl", "jsonl", false],
      ["c.jsonl.gz", "jsonl", true],
    ],
  );
  assert.ok(files.every((f) => f.size > 0));
  const forced = await resolveInputs([`${dir}/b.jsonl`], "text");
  assert.equal(forced[0].format, "text");
  assert.equal(formatOf("A.NDJSON.GZ"), "jsonl");
  assert.equal(formatOf("notes.json"), "text");
});

test("readChunks cuts at line ends, numbers lines and keeps every byte", async () => {
  const lines = Array.from({ length: 500 }, (_, i) => `line ${i} ${"é😀".repeat(i % 13)}`);
  const text = `${lines.join("\n")}\nno newline at the end`;
  for (const name of ["chunks.txt", "chunks.txt.gz"]) {
    const path = put(dir, name, `\ufeff${text}`);
    const file = { path, format: "text" as const, gzip: name.endsWith(".gz"), size: 0 };
    let read = 0;
    let joined = "";
    let expectLine = 1;
    let count = 0;
    for await (const chunk of readChunks(file, (n) => (read += n), 1000)) {
      assert.equal(chunk.firstLine, expectLine);
      assert.ok(chunk.text.endsWith("\n") || joined.length + chunk.text.length === text.length);
      expectLine += chunk.lines;
      joined += chunk.text;
      count++;
    }
    assert.equal(joined, text);
    assert.equal(expectLine, 502);
    assert.ok(count > 10, `${count} chunks`);
    const { statSync } = await import("node:fs");
    assert.equal(read, statSync(path).size);
  }
});

test("links: a self link and a loop are not walked; a file reached twice is read once; devices refused", async () => {
  const { dir: root, cleanup: done } = tempDir();
  try {
    put(root, "d/a.txt", "t\n");
    put(root, "d/sub/b.txt", "t\n");
    symlinkSync(".", join(root, "d", "self"));
    symlinkSync(join(root, "d"), join(root, "d", "sub", "loop"));
    symlinkSync(join(root, "d", "a.txt"), join(root, "d", "alias.txt"));
    const expected = ["d/a.txt", "d/alias.txt", "d/sub/b.txt"];
    assert.deepEqual(rel2(root, await glob(`${root}/d/**/*.txt`)), expected);
    // alias.txt is a.txt: read once, under the first name met.
    const files = await resolveInputs([join(root, "d"), `${root}/d/**/*.txt`]);
    assert.deepEqual(
      files.map((f) => relative(root, f.path)),
      ["d/a.txt", "d/sub/b.txt"],
    );
    await assert.rejects(resolveInputs(["/dev/zero"]), /not a regular file or directory/);
  } finally {
    done();
  }
});

function rel2(root: string, paths: string[]): string[] {
  return paths.map((p) => relative(root, p));
}
