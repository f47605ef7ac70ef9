/**
 * Differential tests against tiktoken itself, the reference.
 *
 * tiktoken does not expose its pieces, but it runs whatever pattern it is given: with a
 * byte-level vocabulary (every byte a token, nothing merges) and the pattern `^(?:P)`, encoding
 * `s` returns the bytes of tiktoken's first piece of `s` and nothing else. The OpenAI patterns
 * have no look-behind, so tiktoken's piece at a boundary x of `s` is the first piece of
 * `s.slice(x)`, and walking our pieces checks every boundary against tiktoken's own regex engine
 * and Unicode tables (which differ from V8's: this covers the override list too).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { get_encoding, Tiktoken } from "tiktoken";
import {
  cl100kPretokenizer,
  gpt2Pretokenizer,
  o200kPretokenizer,
  type Pretokenizer,
  splitPieces,
} from "../../../src/core/pretokenize/index.js";
import { OVERRIDE_RANGES } from "../../../src/core/unicode/index.js";
import {
  ALPHABET,
  PATTERN_PRESETS,
  randomCodePoint,
  randomFrom,
  rng,
  showText,
} from "../../support/pretokenize/scanner-cases.js";

function byteVocabulary(): string {
  let bfe = "";
  for (let b = 0; b < 256; b++) bfe += `${Buffer.from([b]).toString("base64")} ${b}\n`;
  return bfe;
}

/** Every preset with a tiktoken pattern (gpt2, cl100k, o200k, qwen2, none), against that pattern. */
const FIRST_PIECE = new Map<Pretokenizer, Tiktoken>(
  PATTERN_PRESETS.map((p) => [p, new Tiktoken(byteVocabulary(), {}, `^(?:${p.pattern})`)]),
);
after(() => {
  for (const t of FIRST_PIECE.values()) t.free();
});
// ignoreBOM: a piece may start with U+FEFF, which TextDecoder would otherwise drop.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Asserts each of our pieces of `text` is tiktoken's piece at the same position. */
function assertTiktokenPieces(p: Pretokenizer, text: string): void {
  const first = FIRST_PIECE.get(p)!;
  let pos = 0;
  for (const piece of splitPieces(p, text)) {
    const want = decoder.decode(first.decode(first.encode_ordinary(text.slice(pos))));
    if (want !== piece)
      assert.fail(`${p.name} on ${showText(text)} at ${pos}: ${showText(piece)} vs ${showText(want)}`);
    pos += piece.length;
  }
}

/** Strings for tiktoken must be valid Unicode: lone surrogates are dropped from the alphabet. */
const VALID_ALPHABET = ALPHABET.filter((s) => !/\p{Cs}/u.test(s));

/** Every override range's ends, so the pinned code points are exercised against tiktoken. */
const OVERRIDDEN: string[] = [];
for (let i = 0; i < OVERRIDE_RANGES.length; i += 3) {
  OVERRIDDEN.push(String.fromCodePoint(OVERRIDE_RANGES[i]), String.fromCodePoint(OVERRIDE_RANGES[i + 1]));
}

for (const p of PATTERN_PRESETS) {
  describe(`${p.name} pieces vs tiktoken's regex engine`, () => {
    test("random strings over the class alphabet", () => {
      const next = rng(0x7157 + p.name.length);
      for (let n = 0; n < 5000; n++)
        assertTiktokenPieces(p, randomFrom(next, VALID_ALPHABET, Math.floor(next() * 30)));
    });

    test("overridden code points in letter, number and space contexts", () => {
      const contexts = ["a#a", "A#b", "#A", " #", "#'s", "1#2", "# x", "\u0301#A", "##"];
      for (const ch of OVERRIDDEN) for (const c of contexts) assertTiktokenPieces(p, c.replaceAll("#", ch));
    });

    test("random strings over all code points", () => {
      const next = rng(0xa11 + p.name.length);
      for (let n = 0; n < 3000; n++) {
        let text = "";
        const length = Math.floor(next() * 24);
        for (let i = 0; i < length; i++) {
          const ch = next() < 0.5 ? randomCodePoint(next) : randomFrom(next, VALID_ALPHABET, 1);
          text += /\p{Cs}/u.test(ch) ? "x" : ch;
        }
        assertTiktokenPieces(p, text);
      }
    });
  });
}

test("real encodings: encoding our pieces one by one gives tiktoken's tokens", () => {
  const texts = [
    "Hello, world! I'm here, aren't you? We'LL see. HelloWorld's XMLHttpRequest 12345 \u0301A",
    "  \t\n\n  x \r\n def f(x):\n    return x**2  # 中文 テキスト ภาษาไทย 😀👨‍👩‍👧 \u00a0\u3000 'ſ",
  ];
  for (const [name, p] of [
    ["r50k_base", gpt2Pretokenizer],
    ["cl100k_base", cl100kPretokenizer],
    ["o200k_base", o200kPretokenizer],
  ] as const) {
    const enc = get_encoding(name);
    try {
      for (const text of texts) {
        const whole = [...enc.encode_ordinary(text)];
        const byPiece = splitPieces(p, text).flatMap((piece) => [...enc.encode_ordinary(piece)]);
        assert.deepEqual(byPiece, whole, `${name} on ${showText(text)}`);
      }
    } finally {
      enc.free();
    }
  }
});
