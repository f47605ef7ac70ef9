import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { countCorpusPieces } from "../../../src/node/ingest/count-corpus.js";
import type { PieceConfig, PresetName } from "../../../src/train/types.js";
import { put, tempDir } from "../../support/node/ingest.js";

const PIECES: PieceConfig = { preset: "gpt2", numbers: "none", specialTokens: [] };
let dir = "";
let cleanup = () => {};
before(() => {
  ({ dir, cleanup } = tempDir());
});
after(() => cleanup());

async function fails(inputs: string[], pattern: RegExp, workers = 0, options = {}) {
  await assert.rejects(countCorpusPieces(inputs, { pieces: PIECES, workers, ...options }), pattern);
}

test("a corrupt .gz names the file and says it is not gzip", async () => {
  const path = `${dir}/bad.txt.gz`;
  writeFileSync(path, "this is not gzip data at all\n");
  await fails([path], /bad\.txt\.gz: not a valid gzip file/);
  const truncated = gzipSync(Buffer.from("hello world\n".repeat(1000))).subarray(0, 40);
  writeFileSync(`${dir}/cut.txt.gz`, truncated);
  await fails([`${dir}/cut.txt.gz`], /cut\.txt\.gz: not a valid gzip file \(unexpected end of file\)/);
});

test("invalid UTF-8 names the file and the line", async () => {
  const bytes = Buffer.concat([
    Buffer.from("line one\nline two\nbad "),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(" here\n"),
  ]);
  const path = put(dir, "latin.txt", bytes);
  await fails([path], /latin\.txt:3: not valid UTF-8 \(byte 22 /);
  await fails([path], /latin\.txt:3: not valid UTF-8/, 1);
  // A truncated multi-byte character at the very end of a file.
  const end = put(dir, "end.txt", Buffer.concat([Buffer.from("ok\n"), Buffer.from([0xe2, 0x82])]));
  await fails([end], /end\.txt:2: not valid UTF-8/);
});

test("a malformed JSONL line names the file and line, in a worker too", async () => {
  const path = put(dir, "bad.jsonl", '{"text":"fine"}\n\n{"text": "broken\n{"text":"fine"}\n');
  await fails([path], /bad\.jsonl:3: not valid JSON/);
  await fails([path], /bad\.jsonl:3: not valid JSON/, 2);
});

test("a JSONL record without the field, or not an object, is refused", async () => {
  const missing = put(dir, "missing.jsonl", '{"text":"a"}\n{"body":"b"}\n');
  await fails([missing], /missing\.jsonl:2: field "text" is not a string \(no such field\)/);
  const nul = put(dir, "null.jsonl", '{"text":null}\n');
  await fails([nul], /null\.jsonl:1: field "text" is not a string \(found null\)/);
  const array = put(dir, "array.jsonl", '["text"]\n');
  await fails([array], /array\.jsonl:1: a JSONL record must be an object/);
});

test("missing inputs and empty globs are clear errors", async () => {
  await fails([`${dir}/nope.txt`], /nope\.txt: no such file or directory/);
  await fails([`${dir}/*.nothing`], /\*\.nothing: no files match/);
  await fails([], /no input given/);
  await fails([dir], /character cap must be a positive number/, 0, { maxChars: 0 });
  await assert.rejects(
    countCorpusPieces([dir], {
      pieces: { preset: "bert" as PresetName, numbers: "none", specialTokens: [] },
    }),
    /unknown pretokenizer preset "bert"/,
  );
});
