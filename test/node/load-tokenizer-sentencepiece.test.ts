/**
 * `loadTokenizer` and `parseTokenizer` with SentencePiece `.model` files: the file, a model
 * directory holding only tokenizer.model, detection by content, and damaged files.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseTokenizer } from "../../src/formats/load.js";
import { SentencePieceModelError } from "../../src/formats/sentencepiece/errors.js";
import { parseSentencePieceModel } from "../../src/formats/sentencepiece/tokenizer.js";
import { loadTokenizer } from "../../src/node/load-tokenizer.js";
import { spmModelBytes } from "../support/sentencepiece/models.js";
import { scratchDir } from "../support/train/output.js";

const TEXT = "  Hello,   ｗｏｒｌｄ! ① naïve 日本語";
const ALBERT = spmModelBytes("albert");
const expected = parseSentencePieceModel(ALBERT).encode(TEXT);

test("a .model file, a directory holding tokenizer.model, and the bytes without a name", async () => {
  const dir = scratchDir();
  writeFileSync(join(dir, "albert.model"), ALBERT);
  const model = join(dir, "model");
  mkdirSync(model);
  writeFileSync(join(model, "tokenizer.model"), ALBERT);
  writeFileSync(join(dir, "renamed.bin"), ALBERT);
  for (const spec of [join(dir, "albert.model"), model, join(dir, "renamed.bin")]) {
    const tok = await loadTokenizer(spec);
    assert.equal(tok.format, "sentencepiece", spec);
    assert.equal(tok.name, spec);
    assert.deepEqual(tok.encode(TEXT), expected, spec);
  }
  assert.deepEqual(parseTokenizer(ALBERT).encode(TEXT), expected);
  assert.equal(parseTokenizer(ALBERT).name, "tokenizer.model");
});

test("a model directory's tokenizer_config.json gives a .model its chat template", async () => {
  const dir = scratchDir();
  writeFileSync(join(dir, "tokenizer.model"), ALBERT);
  writeFileSync(
    join(dir, "tokenizer_config.json"),
    JSON.stringify({ chat_template: "{{ messages[0].content }}" }),
  );
  const tok = await loadTokenizer(dir);
  assert.equal(tok.chat.kind, "template");
  assert.deepEqual((tok.chat as { config: unknown }).config, { chat_template: "{{ messages[0].content }}" });
});

test("a damaged .model is a SentencePieceModelError, not a usage error or a crash", async () => {
  const dir = scratchDir();
  writeFileSync(join(dir, "cut.model"), ALBERT.subarray(0, 5000));
  writeFileSync(join(dir, "json.model"), '{"not": "a model"}');
  for (const name of ["cut.model", "json.model"]) {
    await assert.rejects(loadTokenizer(join(dir, name)), (e: unknown) => {
      assert.ok(e instanceof SentencePieceModelError, `${name}: ${e}`);
      assert.match((e as Error).message, /not a SentencePiece model/);
      return true;
    });
  }
});
