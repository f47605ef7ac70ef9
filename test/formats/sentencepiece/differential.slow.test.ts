import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSentencePieceModel } from "../../../src/formats/sentencepiece/tokenizer.js";
import { adversarialStrings, longRuns, seededRandom, toWellFormed } from "../../support/adversarial.js";
import { textFixtures } from "../../support/fixtures.js";
import {
  SPM_MODELS,
  type SpmModelName,
  spmModelBytes,
  spmOracle,
} from "../../support/sentencepiece/models.js";

/**
 * Text where SentencePiece's rules show: whitespace runs and edges (removed or kept by
 * remove_extra_whitespaces), the literal `▁`, characters the charsmap rewrites (NFKC, full
 * width, ligatures, combining marks), unknown characters and byte fallback, digits, CJK, emoji,
 * and the control and user-defined pieces written as text.
 */
const CASES = [
  "",
  " ",
  "   ",
  "\t\n",
  "Hello world",
  " Hello world ",
  "  Hello   world  ",
  "Hello\tworld\n\nnext  line\r\n",
  "▁",
  "▁▁a",
  "x▁",
  "a ▁ b",
  "naïve café ﬁ ① ½ ＡＢＣ ｶﾀｶﾅ",
  "e\u0301 a\u0300\u0301 \u00a8 \u0301",
  "日本語のテキスト、中文字符测试。한국어",
  "emoji 🤖🎉👨‍👩‍👧‍👦🇫🇷❤️",
  "ꙮ𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{10FFFF}\u{E000}",
  "1234567890 3.14159 -42 ٣٤٥",
  "<s>text</s> <unk> [CLS] a [SEP] [MASK] <pad>",
  '(hello) - world. £5 €3 – "quoted"',
  "((()))..--££",
  "\u0000\u0001\u001f\u007f",
  "\u200b\u200d\ufeff\u00a0\u3000",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "    indented code() {\n        return 1;\n    }",
];

/** Every text the comparison runs: the cases, the fixtures line by line, seeded strings. */
function texts(): string[] {
  const out = [...CASES];
  for (const content of textFixtures().values()) out.push(...content.split("\n"), content);
  // Lone surrogates are left out: the oracle's UTF-16 → UTF-8 conversion (Emscripten's) writes
  // each as three invalid bytes, which SentencePiece reads as three U+FFFD; toklab reads one
  // U+FFFD, as every format does (docs/decisions/0003).
  out.push(...adversarialStrings(15, 600).map(toWellFormed));
  out.push(...longRuns(15).map(toWellFormed));
  return out;
}

const MAX_REPORTED = 5;

/**
 * Decoded texts agree. The oracle's UTF-8 → UTF-16 conversion (Emscripten's) goes through a
 * `TextDecoder` for strings over 16 bytes, which drops a leading U+FEFF; SentencePiece's bytes
 * have it (and shorter strings keep it), so that one difference is not SentencePiece's.
 */
function sameDecoded(ours: string, theirs: string): boolean {
  return ours === theirs || (ours.startsWith("\ufeff") && ours.slice(1) === theirs);
}

for (const name of Object.keys(SPM_MODELS) as SpmModelName[]) {
  test(`${name}: ids and decoded text identical to SentencePiece's`, async () => {
    const tok = parseSentencePieceModel(spmModelBytes(name));
    const oracle = await spmOracle(name);
    const all = texts();
    const mismatches: string[] = [];
    for (const text of all) {
      const ours = tok.encode(text, { disallowedSpecial: [] });
      const theirs = oracle.encodeIds(text);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        mismatches.push(
          `encode ${JSON.stringify(text)}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`,
        );
        continue;
      }
      assert.equal(tok.count(text, { disallowedSpecial: [] }), ours.length);
      const decoded = tok.decode(ours);
      const expected = oracle.decodeIds(theirs);
      if (!sameDecoded(decoded, expected)) {
        mismatches.push(
          `decode ${JSON.stringify(text)}: ${JSON.stringify(decoded)} vs ${JSON.stringify(expected)}`,
        );
      }
    }
    assert.ok(all.length > 700, `only ${all.length} texts`);
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length} of ${all.length} texts differ:\n${mismatches.slice(0, MAX_REPORTED).join("\n")}`,
    );
  });

  test(`${name}: decoding any ids (control, unknown, cut byte sequences) as SentencePiece does`, async () => {
    const tok = parseSentencePieceModel(spmModelBytes(name));
    const oracle = await spmOracle(name);
    const rnd = seededRandom(37);
    const mismatches: string[] = [];
    const n = tok.vocabSize;
    for (let k = 0; k < 2000; k++) {
      const ids: number[] = [];
      const len = 1 + Math.floor(rnd() * 12);
      // Low ids are where the control, unknown and byte pieces sit in all three models.
      for (let i = 0; i < len; i++) ids.push(Math.floor(rnd() * (rnd() < 0.5 ? Math.min(n, 300) : n)));
      const ours = tok.decode(ids);
      const theirs = oracle.decodeIds(ids);
      if (!sameDecoded(ours, theirs))
        mismatches.push(`${JSON.stringify(ids)}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
    }
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length} of 2000 differ:\n${mismatches.slice(0, MAX_REPORTED).join("\n")}`,
    );
  });
}

test("the comparison can fail: another model's ids differ on ordinary text", async () => {
  const albert = parseSentencePieceModel(spmModelBytes("albert"));
  const oracle = await spmOracle("unigram50k");
  assert.notDeepEqual(
    albert.encode("Hello world, this is a test."),
    oracle.encodeIds("Hello world, this is a test."),
  );
});
