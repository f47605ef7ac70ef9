/**
 * Land & Bartolo 2024 ("Fishing for Magikarp") count tokens that are partial UTF-8 sequences
 * other than single bytes: 216 in GPT-2's vocabulary and 1,224 in Llama 3's.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { auditVocabulary } from "../../src/analyze/index.js";
import { getEncoding } from "../../src/encodings/index.js";
import { lenml } from "../support/analyze/toys.js";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** The definition again, through the platform's strict decoder instead of src/analyze/utf8.ts. */
function isPartial(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  try {
    strict.decode(bytes);
    return false;
  } catch {
    return true;
  }
}

test("r50k_base (GPT-2): 216 partial UTF-8 tokens", async () => {
  const enc = await getEncoding("r50k_base");
  const audit = auditVocabulary(enc);
  assert.equal(audit.partial_utf8, 216);
  let independent = 0;
  for (let id = 0; id < enc.vocabSize; id++) if (isPartial(enc.tokenBytes(id))) independent++;
  assert.equal(independent, 216);
  // The 128 bytes 0x80–0xFF are single tokens too; the paper leaves them out of the 216.
  assert.equal(audit.non_utf8_bytes, 128);
  assert.equal(audit.undecodable, 216 + 128);
  assert.equal(audit.tokens, 50257);
});

test("Llama 3 tokenizer.json: 1,224 partial UTF-8 tokens", () => {
  const audit = auditVocabulary(lenml("llama3"));
  assert.equal(audit.partial_utf8, 1224);
  assert.equal(audit.non_utf8_bytes, 128);
  assert.equal(audit.special, 256);
  assert.equal(audit.tokens, 128256);
  assert.equal(audit.scheme, "byte-level");
});
