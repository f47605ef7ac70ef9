/**
 * manifest.json: what was trained and on what, the id layout, and every written file with a
 * sha256 recomputed here from the bytes on disk. Deterministic: the same run writes the same
 * bytes.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { sha256Hex, writeTrainedBpe } from "../../../src/node/train-output.js";
import { byteTrained, RESERVED, SPECIALS, scratchDir } from "../../support/train/output.js";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("manifest.json", () => {
  const trained = byteTrained(100);
  const corpusSha256 = sha256Hex("the corpus bytes");

  test("records config, pieces, corpus, seed, version, counts and file hashes", async () => {
    const dir = scratchDir();
    const written = await writeTrainedBpe(dir, trained, {
      manifestExtras: { corpusSha256, seed: 42, command: "toklab train …" },
    });
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"));
    assert.equal(m.format, "toklab-trained-bpe");
    assert.equal(m.toklabVersion, pkg.version);
    assert.equal(m.corpusSha256, corpusSha256);
    assert.equal(m.seed, 42);
    assert.deepEqual(m.extras, { command: "toklab train …" });
    assert.deepEqual(m.config, trained.config);
    assert.deepEqual(m.pieces, trained.pieces);
    assert.equal(m.vocabSize, trained.tokens.length);
    assert.deepEqual(m.counts, {
      special: SPECIALS.length,
      reserved: RESERVED.length,
      base: 256,
      byteFallback: 0,
      mergeTokens: trained.tokens.length - trained.firstMergeId,
      merges: 100,
      repeatedMerges: 0,
      reservedMerges: 100 - (trained.tokens.length - trained.firstMergeId),
      missingBytes: 0,
    });
    assert.deepEqual(m.specialTokens, Object.fromEntries(SPECIALS.map((s, i) => [s, trained.specialIds[i]])));
    assert.deepEqual(
      m.reservedTokens,
      Object.fromEntries(RESERVED.map((s, i) => [s, trained.reservedIds[i]])),
    );
    assert.equal(m.preTokenizer.type, "ByteLevel");
    assert.equal(m.tiktoken.file, "tokenizer.tiktoken");
    // Every file but the manifest itself, with the hash of what is on disk.
    assert.deepEqual(
      m.files.map((f: { name: string }) => f.name),
      ["tokenizer.json", "tokenizer.tiktoken", "vocab.json", "merges.txt"],
    );
    for (const f of m.files) {
      const bytes = readFileSync(join(dir, f.name));
      assert.equal(f.sha256, sha256(bytes), f.name);
      assert.equal(f.bytes, bytes.length, f.name);
    }
    const own = written.files.at(-1)!;
    assert.equal(own.name, "manifest.json");
    assert.equal(own.sha256, sha256(readFileSync(join(dir, "manifest.json"))));
  });

  test("the same run writes byte-identical files", async () => {
    const a = scratchDir();
    const b = scratchDir();
    const extras = { manifestExtras: { corpusSha256, seed: 1 } };
    const wa = await writeTrainedBpe(a, trained, extras);
    const wb = await writeTrainedBpe(b, trained, extras);
    assert.deepEqual(wa.files, wb.files);
  });

  test("a malformed corpus hash is refused before anything is written", async () => {
    const dir = join(scratchDir(), "out");
    await assert.rejects(
      writeTrainedBpe(dir, trained, { manifestExtras: { corpusSha256: "abc" } }),
      /corpusSha256 must be 64/,
    );
    assert.throws(() => readFileSync(join(dir, "manifest.json")), /ENOENT/);
  });
});
