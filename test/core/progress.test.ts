import assert from "node:assert/strict";
import { test } from "node:test";
import { getEncoding } from "../../src/encodings/index.js";

test("count with onProgress reports rising positions up to the end and the same count", async () => {
  const enc = await getEncoding("o200k_base");
  const text = "Progress is reported by position, not by splitting the text. ".repeat(60_000);
  const seen: number[] = [];
  const n = enc.count(text, { onProgress: (pos) => seen.push(pos) });
  assert.equal(n, enc.count(text));
  assert.ok(seen.length >= 3, `expected several reports, got ${seen.length}`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1]);
  assert.equal(seen[seen.length - 1], text.length);
});

test("encode with onProgress gives the same ids and reports up to the end", async () => {
  const enc = await getEncoding("cl100k_base");
  const text = "Progress <|endoftext|> does not change tokens. ".repeat(50_000);
  const seen: number[] = [];
  const ids = enc.encode(text, { allowedSpecial: "all", onProgress: (pos) => seen.push(pos) });
  assert.deepEqual(ids, enc.encode(text, { allowedSpecial: "all" }));
  assert.ok(seen.length >= 2);
  assert.equal(seen[seen.length - 1], text.length);
});
