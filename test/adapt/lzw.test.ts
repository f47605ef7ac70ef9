/**
 * LZW hypertokens: the defining properties (decode inverts encode, the codebook respects its cap
 * and run length, streaming equals one call) on seeded random inputs, and the codes checked
 * against a textbook LZW written here on strings.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LzwDecoder, LzwEncoder, LzwError, lzwDecode, lzwEncode } from "../../src/adapt/lzw.js";
import { seededRandom } from "../../src/core/random.js";
import { getEncoding } from "../../src/encodings/index.js";

/** Textbook LZW over strings (one character per id), with the run cap and the codebook cap. */
function stringLzw(ids: readonly number[], vocabSize: number, maxRun: number, cap: number): number[] {
  const dict = new Map<string, number>();
  const codeOf = (s: string) => (s.length === 1 ? s.charCodeAt(0) - 0x100 : dict.get(s)!);
  const chars = ids.map((t) => String.fromCharCode(0x100 + t));
  const out: number[] = [];
  let w = "";
  for (const c of chars) {
    const wc = w + c;
    if (w === "" || dict.has(wc)) {
      w = wc;
      continue;
    }
    out.push(codeOf(w));
    if (wc.length <= maxRun && dict.size < cap) dict.set(wc, vocabSize + dict.size);
    w = c;
  }
  if (w !== "") out.push(codeOf(w));
  return out;
}

/** Random ids with repeats: runs copied from earlier in the sequence, as text has. */
function randomIds(random: () => number, vocabSize: number, length: number): number[] {
  const ids: number[] = [];
  while (ids.length < length) {
    if (ids.length > 4 && random() < 0.5) {
      const from = Math.floor(random() * (ids.length - 1));
      const n = 1 + Math.floor(random() * 6);
      ids.push(...ids.slice(from, from + n));
    } else ids.push(Math.floor(random() * vocabSize));
  }
  return ids.slice(0, length);
}

/** `ids` cut into random chunks (empty ones too). */
function chunks<T>(random: () => number, items: readonly T[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  while (at < items.length) {
    const n = Math.floor(random() * 7);
    out.push(items.slice(at, at + n));
    at += n;
  }
  return out;
}

describe("LZW hypertokens", () => {
  const random = seededRandom(14);
  const cases = Array.from({ length: 300 }, (_, i) => {
    const vocabSize = 2 + Math.floor(random() * 30);
    return {
      vocabSize,
      maxRun: 2 + Math.floor(random() * 5),
      cap: i % 10 === 0 ? 0 : Math.floor(random() * 40),
      ids: randomIds(random, vocabSize, Math.floor(random() * 400)),
    };
  });

  test("decode(encode(ids)) == ids, and the codes are the textbook LZW's", () => {
    for (const { vocabSize, maxRun, cap, ids } of cases) {
      const options = { vocabSize, maxRun, codebookSize: cap };
      const codes = lzwEncode(ids, options);
      assert.deepEqual(
        codes,
        stringLzw(ids, vocabSize, maxRun, cap),
        JSON.stringify({ vocabSize, maxRun, cap }),
      );
      assert.deepEqual(lzwDecode(codes, options), ids);
      assert.ok(codes.length <= ids.length);
    }
  });

  test("the codebook never exceeds its cap, nor a code its run length", () => {
    let full = 0;
    for (const { vocabSize, maxRun, cap, ids } of cases) {
      const options = { vocabSize, maxRun, codebookSize: cap };
      const enc = new LzwEncoder(options);
      const codes = [...enc.write(ids), ...enc.end()];
      const dec = new LzwDecoder(options);
      dec.write(codes);
      assert.ok(enc.codebookSize <= cap && dec.codebookSize <= cap);
      assert.equal(dec.codebookSize, enc.codebookSize);
      if (enc.codebookSize === cap && cap > 0) full++;
      for (const c of codes) {
        assert.ok(c < vocabSize + cap);
        assert.ok(dec.entry(c)!.length <= maxRun);
      }
    }
    assert.ok(full > 10, "some cases fill the codebook");
  });

  test("streaming equals one-shot, for the encoder and the decoder", () => {
    for (const { vocabSize, maxRun, cap, ids } of cases) {
      const options = { vocabSize, maxRun, codebookSize: cap };
      const enc = new LzwEncoder(options);
      const streamed: number[] = [];
      for (const part of chunks(random, ids)) streamed.push(...enc.write(part));
      streamed.push(...enc.end());
      assert.deepEqual(streamed, lzwEncode(ids, options));
      const dec = new LzwDecoder(options);
      const back: number[] = [];
      for (const part of chunks(random, streamed)) back.push(...dec.write(part));
      assert.deepEqual(back, ids);
    }
  });

  test("a run repeated at once uses the code being defined (the KwKwK case)", () => {
    const options = { vocabSize: 3, maxRun: 8, codebookSize: 10 };
    const codes = lzwEncode([1, 1, 1, 1, 1, 1], options);
    assert.deepEqual(codes, [1, 3, 4]); // 3 = [1,1], 4 = [1,1,1] used as it is made
    assert.deepEqual(lzwDecode(codes, options), [1, 1, 1, 1, 1, 1]);
  });

  test("real token ids: shorter, and back again", async () => {
    const tok = await getEncoding("o200k_base");
    const text = "the cat sat on the mat; the cat sat on the mat again, and the cat sat on the hat.\n".repeat(
      5,
    );
    const ids = tok.encode(text);
    const options = { vocabSize: tok.vocabSize, maxRun: 4, codebookSize: 1024 };
    const codes = lzwEncode(ids, options);
    assert.ok(codes.length < 0.6 * ids.length);
    assert.ok(codes.some((c) => c >= tok.vocabSize));
    assert.equal(tok.decode(lzwDecode(codes, options)), text);
  });

  test("bad ids, codes and settings are clear errors", () => {
    const options = { vocabSize: 5, maxRun: 3, codebookSize: 4 };
    assert.throws(() => lzwEncode([1, 5], options), LzwError);
    assert.throws(() => lzwEncode([-1], options), /not in the base vocabulary/);
    assert.throws(() => lzwDecode([1, 7], options), /not in the codebook/);
    assert.throws(() => lzwDecode([5], options), LzwError); // nothing before it to repeat
    assert.throws(() => new LzwEncoder({ vocabSize: 5, maxRun: 1 }), RangeError);
    assert.throws(() => new LzwEncoder({ vocabSize: 5, codebookSize: -1 }), RangeError);
  });
});
