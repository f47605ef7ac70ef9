/** Count-first APIs and offsets: properties that must hold against the full encoding. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { EncodeOptions } from "../../src/core/encoding.js";
import { adversarialStrings, isWellFormed } from "../support/adversarial.js";
import { textFixtures } from "../support/fixtures.js";
import { toklabEncoding } from "../support/tiktoken-data.js";

const encoder = new TextEncoder();

/** UTF-16 index of the character containing each UTF-8 byte of `text` (plus the end). */
function charStartOfByte(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i)!;
    const isPair = c > 0xffff;
    const n = isPair ? 4 : encoder.encode(String.fromCharCode(c)).length; // lone surrogate → 3
    for (let k = 0; k < n; k++) out.push(i);
    i += isPair ? 2 : 1;
  }
  out.push(text.length);
  return out;
}

for (const name of ["cl100k_base", "o200k_base", "r50k_base"] as const) {
  describe(`count-first APIs and offsets: ${name}`, () => {
    const enc = toklabEncoding(name);
    const strings = [
      ...textFixtures().values(),
      ...adversarialStrings(77, 250),
      "x<|endoftext|>y 😀😀 <|endoftext|>",
    ];
    const opts: EncodeOptions = { allowedSpecial: "all" };

    test("count equals encode().length", () => {
      for (const s of strings) {
        assert.equal(enc.count(s, opts), enc.encode(s, opts).length);
        assert.equal(enc.count(s, { disallowedSpecial: [] }), enc.encodeOrdinary(s).length);
      }
      assert.throws(() => enc.count("<|endoftext|>"), /not allowed/);
    });

    test("isWithinTokenLimit returns the count or false", () => {
      for (const s of strings.slice(0, 80)) {
        const n = enc.count(s, opts);
        assert.equal(enc.isWithinTokenLimit(s, n, opts), n);
        assert.equal(enc.isWithinTokenLimit(s, n + 3, opts), n);
        if (n > 0) assert.equal(enc.isWithinTokenLimit(s, n - 1, opts), false);
        assert.equal(enc.isWithinTokenLimit(s, 0, opts), n === 0 ? 0 : false);
      }
    });

    test("encodeUpTo: a maximal prefix of encode() that ends on a character boundary", () => {
      for (const s of strings.slice(0, 120)) {
        const full = enc.encode(s, opts);
        const bytes = encoder.encode(s);
        const ends = [0];
        for (const t of full) ends.push(ends[ends.length - 1] + enc.tokenBytes(t).length);
        const boundary = (b: number) => b === bytes.length || (bytes[b] & 0xc0) !== 0x80;
        for (let max = 0; max <= full.length + 1; max += 1 + Math.floor(max / 7)) {
          const { ids: tokens, prefixLength } = enc.encodeUpTo(s, max, opts);
          assert.ok(tokens.length <= max);
          assert.deepEqual(tokens, full.slice(0, tokens.length));
          assert.deepEqual(enc.decodeBytes(tokens), encoder.encode(s.slice(0, prefixLength)));
          if (isWellFormed(s)) assert.equal(enc.decode(tokens), s.slice(0, prefixLength));
          for (let k = tokens.length + 1; k <= Math.min(max, full.length); k++) {
            assert.equal(boundary(ends[k]), false, `a longer prefix (${k}) was possible`);
          }
          if (max >= full.length) assert.equal(prefixLength, s.length);
        }
      }
    });

    test("encodeWithOffsets: tokens of encode() spanning the characters their bytes touch", () => {
      for (const s of strings) {
        const { ids: tokens, starts, ends } = enc.encodeWithOffsets(s, opts);
        assert.deepEqual(tokens, enc.encode(s, opts));
        const charStart = charStartOfByte(s);
        const total = encoder.encode(s).length;
        let b = 0;
        for (let i = 0; i < tokens.length; i++) {
          const len = enc.tokenBytes(tokens[i]).length;
          const where = `token ${i} of ${JSON.stringify(s)}`;
          assert.equal(starts[i], charStart[b], where);
          if (i > 0) assert.ok(starts[i] >= starts[i - 1]);
          // The end is where the character holding the token's last byte ends: the start of
          // the next character (specials: their own text).
          let next = b + len;
          while (next < total && charStart[next] === charStart[next - 1]) next++;
          assert.equal(ends[i], next < total ? charStart[next] : s.length, where);
          b += len;
        }
      }
      const hello = enc.encodeWithOffsets("hello world");
      assert.deepEqual(
        [hello.starts, hello.ends],
        [
          [0, 5],
          [5, 11],
        ],
      );
    });
  });
}
