import assert from "node:assert/strict";
import { test } from "node:test";
import { vocabularyBytes } from "../../src/analyze/index.js";
import { byteLevelBytes } from "../../src/core/byte-alphabet.js";
import { getEncoding } from "../../src/encodings/index.js";
import { lenml, wordPieceToy } from "../support/analyze/toys.js";
import { bl } from "../support/hf/byte-level.js";

const utf8 = new TextEncoder();

test("byte-level: every byte's GPT-2 character maps back to the byte", () => {
  for (let b = 0; b < 256; b++) assert.deepEqual(byteLevelBytes(bl(b)), Uint8Array.of(b), `byte ${b}`);
  assert.deepEqual(byteLevelBytes("Ġthe"), utf8.encode(" the"));
  assert.equal(byteLevelBytes("<|endoftext|>\u4e00"), null);
});

test("byte-level: HF gpt-4o tokenizer.json bytes equal tiktoken o200k_base bytes for every id", async () => {
  const hf = vocabularyBytes(lenml("gpt4o"));
  const enc = await getEncoding("o200k_base");
  assert.equal(hf.length, 200000);
  let differing = 0;
  for (const t of hf)
    if (Buffer.compare(Buffer.from(t.bytes), Buffer.from(enc.tokenBytes(t.id))) !== 0) differing++;
  assert.equal(differing, 0);
});

test("tiktoken: bytes straight from the ranks, specials marked", async () => {
  const all = vocabularyBytes(await getEncoding("r50k_base"));
  assert.deepEqual(all[262].bytes, utf8.encode(" the"));
  assert.equal(all[50256].form, "special");
  assert.deepEqual(all[50256].bytes, utf8.encode("<|endoftext|>"));
});

test("SentencePiece (Llama 2): <0x0A> is byte 10, ▁the is ' the', specials are their content", () => {
  const tok = lenml("llama2");
  assert.equal(tok.byteScheme, "sentencepiece");
  const all = vocabularyBytes(tok);
  const byPiece = new Map(all.map((t) => [t.piece, t]));
  const nl = byPiece.get("<0x0A>")!;
  assert.deepEqual([nl.form, [...nl.bytes]], ["byte", [10]]);
  assert.deepEqual(byPiece.get("▁the")!.bytes, utf8.encode(" the"));
  assert.equal(byPiece.get("▁the")!.form, "text");
  assert.equal(byPiece.get("</s>")!.form, "special");
  assert.equal(all.filter((t) => t.form === "byte").length, 256);
});

test("WordPiece: ## stripped and marked as continuation", () => {
  const { tok, ids } = wordPieceToy();
  const all = new Map(vocabularyBytes(tok).map((t) => [t.id, t]));
  const ing = all.get(ids["##ing"])!;
  assert.deepEqual([ing.continuation, new TextDecoder().decode(ing.bytes)], [true, "ing"]);
  const word = all.get(ids.ing)!;
  assert.deepEqual([word.continuation, new TextDecoder().decode(word.bytes)], [false, "ing"]);
  assert.equal(all.get(ids["[UNK]"])!.form, "special");
});
