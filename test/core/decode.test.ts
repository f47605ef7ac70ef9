/** Decoding: round trips, agreement with tiktoken's bytes, streaming, errors, vocabulary facts. */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { Encoding } from "../../src/core/encoding.js";
import { adversarialStrings, isWellFormed, seededRandom, toWellFormed } from "../support/adversarial.js";
import { textFixtures } from "../support/fixtures.js";
import { tiktokenReference, tiktokenSpec, toklabEncoding } from "../support/tiktoken-data.js";

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** Known tiktoken facts (tiktoken-python `n_vocab`). */
const N_VOCAB = {
  r50k_base: 50257,
  p50k_base: 50281,
  p50k_edit: 50284,
  cl100k_base: 100277,
  o200k_base: 200019,
} as const;

for (const name of ["cl100k_base", "o200k_base"] as const) {
  describe(`decode: ${name}`, () => {
    const enc = toklabEncoding(name);
    const ref = tiktokenReference(name);
    after(() => ref.free());
    const strings = [...textFixtures().values(), ...adversarialStrings(500, 400)];

    test("decode(encode(x)) === x for well-formed strings; lone surrogates become U+FFFD", () => {
      for (const s of strings) {
        const tokens = enc.encode(s, { allowedSpecial: "all" });
        if (isWellFormed(s)) assert.equal(enc.decode(tokens), s);
        else assert.equal(enc.decode(tokens), toWellFormed(s));
      }
    });

    test("decodeBytes equals tiktoken's decode, also for random id sequences", () => {
      const rnd = seededRandom(5);
      for (let k = 0; k < 300; k++) {
        const tokens = Array.from({ length: 1 + Math.floor(rnd() * 20) }, () =>
          Math.floor(rnd() * (enc.vocab.size - 1)),
        );
        const theirs = ref.decode(Uint32Array.from(tokens));
        assert.deepEqual(enc.decodeBytes(tokens), new Uint8Array(theirs));
        assert.equal(enc.decode(tokens), utf8.decode(theirs));
      }
    });

    test("streaming decode equals one-shot decode at every split point", () => {
      const rnd = seededRandom(6);
      const cases = strings.slice(0, 60).map((s) => enc.encode(s, { allowedSpecial: "all" }));
      // Random ids make invalid and truncated UTF-8 sequences.
      for (let k = 0; k < 40; k++) {
        cases.push(Array.from({ length: 12 }, () => Math.floor(rnd() * 100000)));
      }
      for (const tokens of cases) {
        const whole = enc.decode(tokens);
        for (let i = 0; i <= tokens.length; i++) {
          const d = enc.createDecoder();
          const text = d.write(tokens.slice(0, i)) + d.write(tokens.slice(i)) + d.end();
          assert.equal(text, whole);
        }
        const d = enc.createDecoder();
        let text = "";
        for (const t of tokens) {
          const chunk = d.write(t);
          // Never a broken character: no lone surrogate (half an emoji) in any chunk.
          assert.equal(isWellFormed(chunk), true);
          text += chunk;
        }
        assert.equal(text + d.end(), whole);
      }
    });

    test("a streaming decoder holds back incomplete characters", () => {
      const tokens = enc.encodeOrdinary("😀");
      const bytes = enc.decodeBytes(tokens);
      assert.equal(bytes.length, 4);
      const d = enc.createDecoder();
      let out = "";
      for (const t of tokens) out += d.write([t]);
      assert.equal(out + d.end(), "😀");
      const e = enc.createDecoder();
      assert.equal(e.write(enc.encodeOrdinary("\ufeffhi")), "\ufeffhi");
      assert.equal(e.end(), "");
    });

    test("end() flushes a character cut by the end of the stream as decode does, and resets", () => {
      const b0 = enc.encodeSingleToken(Uint8Array.of(0xf0));
      const b1 = enc.encodeSingleToken(Uint8Array.of(0x9f));
      const d = enc.createDecoder();
      assert.equal(d.write([b0, b1]), "", "half of 😀 is held back");
      assert.equal(d.end(), "\ufffd");
      assert.equal(enc.decode([b0, b1]), "\ufffd");
      // After end(), the next stream starts clean.
      assert.equal(d.write(enc.encodeOrdinary("ok")) + d.end(), "ok");
    });

    test("ids that are not tokens throw a RangeError naming the id", () => {
      const invalid = (id: string) => ({ name: "RangeError", message: `invalid token id ${id} for ${name}` });
      assert.throws(() => enc.decode([enc.vocabSize]), invalid(String(enc.vocabSize)));
      assert.throws(() => enc.decode([-1]), invalid("-1"));
      assert.throws(() => enc.decodeBytes([0, 1.5]), invalid("1.5"));
      assert.throws(() => enc.decode([Number.NaN]), invalid("NaN"));
      assert.throws(() => enc.decode(["3"] as unknown as number[]), invalid('"3"'));
      assert.throws(() => enc.tokenBytes(enc.vocabSize + 10), invalid(String(enc.vocabSize + 10)));
      assert.equal(enc.token(enc.vocabSize), undefined);
      if (name === "cl100k_base") {
        assert.throws(() => enc.decode([100261]), invalid("100261"));
        assert.equal(enc.token(100261), undefined);
      }
    });

    test("tokenBytes and encodeSingleToken", () => {
      const hello = enc.encodeOrdinary("hello");
      assert.equal(hello.length, 1);
      assert.equal(enc.encodeSingleToken("hello"), hello[0]);
      assert.equal(enc.encodeSingleToken(new TextEncoder().encode("hello")), hello[0]);
      assert.deepEqual(enc.tokenBytes(hello[0]), new TextEncoder().encode("hello"));
      const eot = enc.specialTokens["<|endoftext|>"];
      assert.equal(enc.encodeSingleToken("<|endoftext|>"), eot);
      assert.equal(enc.decode([eot]), "<|endoftext|>");
      assert.throws(() => enc.encodeSingleToken("hello world, not one token"), /not a single token/);
      // tokenBytes returns a copy: changing it must not change the vocabulary.
      enc.tokenBytes(hello[0]).fill(0);
      assert.equal(enc.decode(hello), "hello");
    });
  });
}

describe("vocabulary size", () => {
  test("nVocab and maxTokenValue match tiktoken", () => {
    for (const [name, n] of Object.entries(N_VOCAB)) {
      const enc = toklabEncoding(name as keyof typeof N_VOCAB);
      assert.equal(enc.vocabSize, n, name);
      assert.equal(enc.maxTokenValue, n - 1, name);
    }
  });

  test("explicitNVocab is checked at construction", () => {
    const spec = tiktokenSpec("r50k_base");
    assert.equal(spec.explicitNVocab, 50257);
    assert.throws(() => new Encoding({ ...spec, explicitNVocab: 50258 }), /explicitNVocab is 50258/);
    assert.throws(
      () => new Encoding({ ...spec, specialTokens: { ...spec.specialTokens, "<|x|>": 50257 } }),
      /explicitNVocab/,
    );
  });
});
