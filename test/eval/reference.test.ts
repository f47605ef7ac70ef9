import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import { SAMPLE_TEXT } from "../../src/cli/sample.js";
import { getEncoding } from "../../src/encodings/index.js";
import { evaluate } from "../../src/eval/metrics.js";
import { tiktokenReference } from "../support/tiktoken-data.js";

// cl100k_base metrics against numbers computed here a different way: tokens from the tiktoken
// wasm package, word/token overlap in UTF-8 byte offsets instead of toklab's UTF-16 spans.
const ref = tiktokenReference("cl100k_base");
after(() => ref.free());

const texts = [SAMPLE_TEXT, readFileSync(new URL("../fixtures/multilingual.txt", import.meta.url), "utf8")];

function independent(text: string) {
  const ids = ref.encode_ordinary(text);
  const ranges: [number, number][] = [];
  let b = 0;
  for (const id of ids) {
    const len = ref.decode(Uint32Array.of(id)).length;
    ranges.push([b, b + len]);
    b += len;
  }
  const seg = new Intl.Segmenter("und", { granularity: "word" });
  let words = 0;
  let wordTokens = 0;
  let continued = 0;
  for (const s of seg.segment(text)) {
    if (!s.isWordLike) continue;
    const w0 = Buffer.byteLength(text.slice(0, s.index));
    const w1 = w0 + Buffer.byteLength(s.segment);
    const k = ranges.filter(([t0, t1]) => t0 < w1 && t1 > w0).length;
    words++;
    wordTokens += k;
    if (k >= 2) continued++;
  }
  return {
    tokens: ids.length,
    bytes: Buffer.byteLength(text),
    chars: [...text].length,
    words,
    wordTokens,
    continued,
  };
}

test("cl100k_base: every ratio equals an independent computation", async () => {
  const tok = await getEncoding("cl100k_base");
  const m = evaluate(tok, texts);
  const parts = texts.map(independent);
  const sum = (k: keyof ReturnType<typeof independent>) => parts.reduce((a, p) => a + p[k], 0);
  assert.equal(m.tokens, sum("tokens"));
  assert.equal(m.bytesPerToken, sum("bytes") / sum("tokens"));
  assert.equal(m.charsPerToken, sum("chars") / sum("tokens"));
  assert.equal(m.words, sum("words"));
  assert.equal(m.fertility, sum("wordTokens") / sum("words"));
  assert.equal(m.continuedWords, sum("continued") / sum("words"));
  assert.equal(m.roundTripFailures, 0);
  const lengthTotal = Object.values(m.tokenLengthBytes).reduce((a, n) => a + n, 0);
  assert.equal(lengthTotal, m.tokens);
  const bytesTotal = Object.entries(m.tokenLengthBytes).reduce((a, [k, n]) => a + Number(k) * n, 0);
  assert.equal(bytesTotal, sum("bytes"));
  const charsTotal = Object.entries(m.tokenLengthChars).reduce((a, [k, n]) => a + Number(k) * n, 0);
  assert.equal(charsTotal, sum("chars"));
});
