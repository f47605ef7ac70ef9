/**
 * GGUF files from disk: `loadTokenizer` reads only the metadata (a model's tensors may be
 * gigabytes), growing its reads until the metadata ends, and names the file in its errors.
 */
import assert from "node:assert/strict";
import {
  closeSync,
  copyFileSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parseGgufTokenizer } from "../../src/formats/gguf/index.js";
import { loadTokenizer } from "../../src/node/load-tokenizer.js";
import { readGgufTokenizer } from "../../src/node/read-gguf.js";
import { ROOT } from "../support/paths.js";

const FIXTURES = join(ROOT, "test", "fixtures", "gguf");
const dir = mkdtempSync(join(tmpdir(), "toklab-gguf-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("loadTokenizer: GGUF files", () => {
  it("loads a GGUF whose metadata is longer than the first read, as parsing its bytes does", async () => {
    // GPT-2's vocabulary-only file is 1.7 MB of metadata, past the 1 MiB first read.
    const path = join(FIXTURES, "ggml-vocab-gpt-2.gguf");
    const tok = await loadTokenizer(path);
    const whole = parseGgufTokenizer(new Uint8Array(readFileSync(path)));
    assert.equal(tok.format, "gguf");
    assert.equal(tok.name, path);
    const text = "Hello world, this is 🦙.cpp\n\n  x = 42";
    assert.deepEqual(tok.encode(text), whole.encode(text));
    assert.equal(tok.vocabSize, 50257);
  });

  it("reads only the metadata of a model whose tensors are far past the tokenizer file limit", async () => {
    const path = join(dir, "huge.gguf");
    copyFileSync(join(FIXTURES, "ggml-vocab-phi-3.gguf"), path);
    // A sparse 8 GiB file: the metadata, then "tensors" that reading whole would refuse.
    const fd = openSync(path, "r+");
    ftruncateSync(fd, 8 * 1024 ** 3);
    closeSync(fd);
    const tok = await loadTokenizer(path);
    assert.deepEqual(tok.encode("Hello world"), [15043, 3186]);
  });

  it("names the file of a truncated GGUF, a wrong magic and an unsupported version", async () => {
    const bytes = readFileSync(join(FIXTURES, "ggml-vocab-phi-3.gguf"));
    const cut = join(dir, "cut.gguf");
    writeFileSync(cut, bytes.subarray(0, 300_000));
    await assert.rejects(
      loadTokenizer(cut),
      new RegExp(`${cut}: truncated GGUF file \\(it ends at byte 300000`),
    );
    const json = join(dir, "not.gguf");
    writeFileSync(json, "{}");
    await assert.rejects(loadTokenizer(json), /not\.gguf: not a GGUF file \(it does not start with "GGUF"\)/);
    const v1 = join(dir, "v1.gguf");
    const old = Buffer.from(bytes.subarray(0, 64));
    old.writeUInt32LE(1, 4);
    writeFileSync(v1, old);
    await assert.rejects(loadTokenizer(v1), /v1\.gguf: GGUF version 1 is not supported/);
  });

  it("refuses metadata that does not end within the limit", async () => {
    const path = join(FIXTURES, "ggml-vocab-gpt-2.gguf");
    await assert.rejects(
      readGgufTokenizer(path, { maxMetadataBytes: 1 << 20 }),
      /the metadata does not end within the first 1048576 bytes/,
    );
  });
});
