/**
 * The whole code space through each character-level rule, ours against the binding: this is
 * what pins the Unicode-version lists in src/core/normalize/unicode-age.ts (the Rust crates
 * behind HF use Unicode 8 and 9 data, V8 a recent one).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeText } from "../../../src/core/normalize/index.js";
import { normalizerFromJson } from "../../../src/formats/hf/normalizers.js";
import { hfNormalize, hfTokenizer } from "../../support/hf/normalize.js";

/**
 * Scalar values except the separator, in chunks: planes 0-3 and the assigned part of plane 14
 * (planes 4-13 are unassigned and 15-16 private use, inert for every normalizer, and skipping
 * them keeps the suite fast).
 */
function* chunks(size: number, wrap: (s: string) => string): Generator<string[]> {
  let batch: string[] = [];
  for (let cp = 0; cp < 0xe01f0; cp++) {
    if (cp === 0x40000) cp = 0xe0000;
    if ((cp >= 0xd800 && cp <= 0xdfff) || cp === 0x2f) continue;
    batch.push(wrap(String.fromCodePoint(cp)));
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function sweep(config: unknown, wrap: (s: string) => string): void {
  const tk = hfTokenizer(config);
  const n = normalizerFromJson(config)!;
  for (const batch of chunks(0x8000, wrap)) {
    const text = batch.join("/");
    const mine = normalizeText(n, text).split("/");
    const theirs = hfNormalize(tk, text).split("/");
    assert.equal(mine.length, theirs.length);
    for (let i = 0; i < mine.length; i++) {
      if (mine[i] !== theirs[i]) assert.equal(mine[i], theirs[i], `input ${JSON.stringify(batch[i])}`);
    }
  }
}

describe("code-space sweeps", () => {
  for (const form of ["NFC", "NFD", "NFKC", "NFKD"]) {
    it(`${form} of every code point alone`, () => sweep({ type: form }, (s) => s));
    it(`${form} reordering against the lowest and highest combining classes`, () =>
      sweep({ type: form }, (s) => `a\u0345${s}\u0334`));
  }
  it("NFC composition after a base letter", () => sweep({ type: "NFC" }, (s) => `e${s}\u0301`));
  it("Lowercase of every code point", () => sweep({ type: "Lowercase" }, (s) => s));
  it("StripAccents of every code point", () => sweep({ type: "StripAccents" }, (s) => `a${s}`));
  it("BertNormalizer (all steps) of every code point", () =>
    sweep(
      {
        type: "BertNormalizer",
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: true,
        lowercase: true,
      },
      (s) => `a${s}`,
    ));
  it("Strip of every code point", () =>
    sweep({ type: "Strip", strip_left: true, strip_right: true }, (s) => `${s}a${s}`));
});
