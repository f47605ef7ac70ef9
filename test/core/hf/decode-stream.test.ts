/**
 * The Hugging Face streaming decoder against one-shot decode, on files whose decoders edit the
 * start (SentencePiece's Strip) or join byte tokens (ByteFallback, ByteLevel).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ALL_SPECIAL } from "../../../src/core/tokenizer.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { realPath } from "../../support/hf/real-files.js";

const TEXTS = ["Hello world", " leading space", "naïve 😀 日本語\n\ttabs", "a\u00e9b", ""];

for (const name of ["llama2", "llama3", "gemma3"] as const) {
  test(`${name}: writes and end() concatenate to decode, id by id and in chunks`, () => {
    const tok = loadTokenizerJson(readFileSync(realPath(name), "utf8"), { name });
    for (const text of TEXTS) {
      const ids = tok.encode(text, ALL_SPECIAL);
      const whole = tok.decode(ids);
      for (const step of [1, 2, 3]) {
        const d = tok.createDecoder();
        let out = "";
        for (let i = 0; i < ids.length; i += step) out += d.write(ids.slice(i, i + step));
        assert.equal(out + d.end(), whole, `${JSON.stringify(text)} in steps of ${step}`);
      }
    }
  });
}

test("llama2: a character cut by the end of the stream is flushed by end() as decode gives it", () => {
  const tok = loadTokenizerJson(readFileSync(realPath("llama2"), "utf8"));
  const cut = [tok.tokenId("<0xF0>")!, tok.tokenId("<0x9F>")!];
  const d = tok.createDecoder();
  assert.equal(d.write(cut), "");
  assert.equal(d.end(), tok.decode(cut));
  assert.equal(d.write(tok.encode("ok", ALL_SPECIAL)) + d.end(), tok.decode(tok.encode("ok", ALL_SPECIAL)));
});
