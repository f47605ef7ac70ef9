/** The hand-written scanners split exactly like the translated-RegExp oracle. */
import { describe, test } from "node:test";
import {
  ALPHABET,
  assertSameSplit,
  CASES,
  isOverridden,
  randomCodePoint,
  randomFrom,
  rng,
} from "../../support/pretokenize/scanner-cases.js";

/** Hand-picked traps: each is a place where a naive scanner and the regex part ways. */
const TRAPS: readonly string[] = [
  "",
  "Hello, world! I'm here, aren't you? We'll see. They've gone; she'd say I'd",
  "'S 'T 'RE 'VE 'M 'LL 'D 's 't 're 've 'm 'll 'd 'Ll 'lL 'rE 'Re 'ſ 'ſs ſ's",
  "don't DON'T Don'T o'clock rock'n'roll '' ''s 's's x'ss 'x 're're 'r 'l 'v",
  "HelloWorld camelCase XMLHttpRequest ABC ABCdef aBC iPhone ǅungla ǅUNGLA",
  "\u0301A \u0301a \u0301\u0301A A\u0301 a\u0301B \u0301 \u0301\u0301 !\u0301A !\u0301a x\u0301\u0301'S",
  "Aʰ AʰB ʰA AªB A中B 中A 中a Ａ Ｂａ A\u0301\u0301BC\u0903 e\u0301 E\u0301'LL",
  "中文测试，中文。日本語のテキスト、カタカナ。한국어 텍스트입니다.",
  "ภาษาไทยไม่มีช่องว่าง สวัสดีครับ",
  "العربية مكتوبة من اليمين إلى اليسار ١٢٣٤ עברית כתובה מימין לשמאל",
  "😀 👨‍👩‍👧‍👦 👍🏽 🇺🇸🇫🇷 a😀b 😀a ❤️ 1️⃣ #️⃣",
  "0 12 123 1234 12345 123456 1234567 ١٢٣٤٥ ⅫⅫⅫⅫ ²³¹⁴ ½¼ 𝟎𝟏𝟐𝟑 a1b22c333d4444",
  "  \t\t \n\n \r\n\r\n   \n  x  \r\n  y \n\n\n z\t\n\t\n w",
  "a \u0085b\u0085\u0085c \u00a0d\u00a0\u00a0e \u3000f\u3000\u3000 g\ufeffh \ufeff\ufeffi \u2028j\u2029 k",
  "   ",
  " ",
  "\n",
  "\r\n",
  "\r",
  " \n",
  "\n ",
  "  a",
  "\t\ta",
  "\n a",
  " !",
  "\t!",
  " 1",
  "\u00a01",
  "hello   \n",
  "x \r\n\r\n  y",
  "a\n\n\n",
  "!!\n\n",
  "!!\r\n/",
  "a//b",
  " //\n//x",
  "path/to/file.ts\n/",
  "\ud800",
  "\udc00",
  "a\ud800b",
  "\ud800\ud800",
  "\udc00\ud800",
  " \udbff",
  "a\udfffb",
  "\ud83d",
  "\ude00",
  "<|endoftext|> <|endoftext| |endoftext|> <|im_start|>user\n<|fim_prefix|>",
  "𝐀𝐁𝐂𝐚𝐛𝐜 𐐀𐐨 𠀀𠀁 𑀀a x𑀀 \u{1d400}'s",
  "$100.00 +-*/ ==> #include <stdio.h> int main() { return 0; }",
  "İstanbul ıi KELVIN \u212aelvin ß ẞ ﬁ ﬂ",
];

for (const { scanner, oracle } of CASES) {
  describe(`${scanner.name} scanner vs RegExp oracle`, () => {
    test("hand-picked traps", () => {
      for (const t of TRAPS) assertSameSplit(scanner, oracle, t);
      // Each trap glued to every other one, so that every boundary meets every context.
      for (const a of TRAPS) for (const b of TRAPS) assertSameSplit(scanner, oracle, a + b);
    });

    test("random strings over the class alphabet (with segment ends)", () => {
      const next = rng(0x5eed + scanner.name.length);
      for (let n = 0; n < 8000; n++) {
        const text = randomFrom(next, ALPHABET, Math.floor(next() * 41));
        assertSameSplit(scanner, oracle, text);
        if (text.length > 0) {
          // A segment ending early: look-ahead (`(?!\S)`, contractions, pairs) stops at `end`.
          const end = Math.floor(next() * text.length);
          assertSameSplit(scanner, oracle, text, 0, end);
          const start = Math.floor(next() * (end + 1));
          if (oracle.next(text, start, end) >= start)
            assertSameSplit(scanner, oracle, text.slice(start), 0, end - start);
        }
      }
    });

    test("random strings over all code points", () => {
      const next = rng(0xc0de + scanner.name.length);
      const mixed = [...ALPHABET, ...ALPHABET];
      for (let n = 0; n < 4000; n++) {
        const length = Math.floor(next() * 41);
        let text = "";
        for (let i = 0; i < length; i++)
          text += next() < 0.5 ? randomCodePoint(next) : randomFrom(next, mixed, 1);
        assertSameSplit(scanner, oracle, text);
        if (text.length > 0) assertSameSplit(scanner, oracle, text, 0, Math.floor(next() * text.length));
      }
    });

    test("every BMP code point in contexts", () => {
      // Code points the tables pin to tiktoken's older Unicode are skipped: V8 disagrees there
      // by design (tiktoken.test.ts covers them).
      const contexts = [
        "a#a",
        "A#",
        "#a",
        "#A",
        " #a",
        "1#",
        "#1",
        " # ",
        "'#",
        "#'s",
        "\u0301#",
        "#\u0301A",
        "#\n",
      ];
      for (let cp = 0; cp < 0x10000; cp++) {
        if (isOverridden(cp)) continue;
        const ch = String.fromCharCode(cp);
        for (const c of contexts) assertSameSplit(scanner, oracle, c.replace("#", ch));
      }
    });
  });
}
