/**
 * Every normalizer and the usual sequences against the Hugging Face binding: normalized text
 * and per-character original offsets (end to end through `Tokenizer.encode`), on edge cases,
 * fixture lines and seeded random strings.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  EDGE_TEXTS,
  hfNormalize,
  hfOffsets,
  hfTokenizer,
  ours,
  randomTexts,
} from "../../support/hf/normalize.js";

const fixtureLines = ["prose.txt", "code.txt", "multilingual.txt"].flatMap((f) =>
  readFileSync(new URL(`../../fixtures/${f}`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.length > 0)
    .slice(0, 40),
);

export const CONFIGS: Record<string, unknown> = {
  NFC: { type: "NFC" },
  NFD: { type: "NFD" },
  NFKC: { type: "NFKC" },
  NFKD: { type: "NFKD" },
  Lowercase: { type: "Lowercase" },
  Strip: { type: "Strip", strip_left: true, strip_right: true },
  StripLeft: { type: "Strip", strip_left: true, strip_right: false },
  StripRight: { type: "Strip", strip_left: false, strip_right: true },
  StripAccents: { type: "StripAccents" },
  Nmt: { type: "Nmt" },
  ByteLevel: { type: "ByteLevel" },
  Prepend: { type: "Prepend", prepend: "▁" },
  PrependLong: { type: "Prepend", prepend: "<s>😀" },
  ReplaceSpace: { type: "Replace", pattern: { String: " " }, content: "▁" },
  ReplaceLonger: { type: "Replace", pattern: { String: "ab" }, content: "XYZ" },
  ReplaceDelete: { type: "Replace", pattern: { String: "e" }, content: "" },
  ReplaceEmpty: { type: "Replace", pattern: { String: "" }, content: "|" },
  ReplaceRegexSpaces: { type: "Replace", pattern: { Regex: " {2,}" }, content: " " },
  ReplaceRegexWs: { type: "Replace", pattern: { Regex: "\\s+" }, content: "_" },
  ReplaceRegexStart: { type: "Replace", pattern: { Regex: "^\\s*" }, content: "" },
  ReplaceRegexOptional: { type: "Replace", pattern: { Regex: "a*" }, content: "-" },
  ReplaceRegexClass: { type: "Replace", pattern: { Regex: "[\\p{P}\\d]" }, content: "#" },
  ReplaceRegexAnchors: { type: "Replace", pattern: { Regex: "^|$" }, content: "|" },
  ReplaceRegexWordish: { type: "Replace", pattern: { Regex: "\\w+\\s?\\z|[\\x{3000}\\h]" }, content: "~" },
  ReplaceRegexDot: { type: "Replace", pattern: { Regex: "x.|$" }, content: "!" },
  Bert: {
    type: "BertNormalizer",
    clean_text: true,
    handle_chinese_chars: true,
    strip_accents: null,
    lowercase: true,
  },
  BertCased: {
    type: "BertNormalizer",
    clean_text: true,
    handle_chinese_chars: true,
    strip_accents: null,
    lowercase: false,
  },
  BertStripOnly: {
    type: "BertNormalizer",
    clean_text: false,
    handle_chinese_chars: false,
    strip_accents: true,
    lowercase: false,
  },
  Llama2: {
    type: "Sequence",
    normalizers: [
      { type: "Prepend", prepend: "▁" },
      { type: "Replace", pattern: { String: " " }, content: "▁" },
    ],
  },
  NfkcLower: { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Lowercase" }] },
  NfdStripLower: {
    type: "Sequence",
    normalizers: [
      { type: "NFD" },
      { type: "StripAccents" },
      { type: "Lowercase" },
      { type: "Strip", strip_left: true, strip_right: true },
    ],
  },
  // HF quirks: text inserted before the first character has an empty alignment and is left out
  // of later whole-string transforms (HF aborts on some of these; these ones it survives).
  QuirkStartThenStrip: {
    type: "Sequence",
    normalizers: [
      { type: "Replace", pattern: { Regex: "^" }, content: "_" },
      { type: "Strip", strip_left: false, strip_right: true },
    ],
  },
  QuirkStartThenPrepend: {
    type: "Sequence",
    normalizers: [
      { type: "Replace", pattern: { Regex: "^" }, content: "_" },
      { type: "Prepend", prepend: "▁" },
    ],
  },
  Nested: {
    type: "Sequence",
    normalizers: [
      {
        type: "Sequence",
        normalizers: [{ type: "NFKD" }, { type: "Replace", pattern: { Regex: "\\p{Mn}+" }, content: "" }],
      },
      { type: "NFC" },
      { type: "Prepend", prepend: "▁" },
    ],
  },
};

const texts = [...EDGE_TEXTS, ...fixtureLines, ...randomTexts(7, 150)];

for (const [name, config] of Object.entries(CONFIGS)) {
  describe(`normalizer ${name}`, () => {
    const tk = hfTokenizer(config);
    it("normalizes like the binding", () => {
      for (const text of texts) {
        assert.equal(ours(config, text).text, hfNormalize(tk, text), `text ${JSON.stringify(text)}`);
      }
    });
    it("aligns like the binding (offsets end to end)", async () => {
      for (const text of texts) {
        const mine = ours(config, text);
        assert.deepEqual(
          mine.offsets,
          await hfOffsets(tk, text),
          `text ${JSON.stringify(text)} → ${JSON.stringify(mine.text)}`,
        );
      }
    });
  });
}
