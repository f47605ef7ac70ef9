import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeWith } from "../../../src/core/hf-decode/types.js";
import { NormalizedString } from "../../../src/core/normalize/normalized.js";
import { normalizeText } from "../../../src/core/normalize/types.js";
import { SentencePieceDecoder } from "../../../src/core/sentencepiece/decoder.js";
import { SentencePieceNormalizer } from "../../../src/core/sentencepiece/normalizer.js";
import {
  bytePiece,
  type SentencePieceEntry,
  SentencePieceVocab,
} from "../../../src/core/sentencepiece/vocab.js";

test("remove_extra_whitespaces drops edge spaces and squeezes runs; the dummy prefix comes first", () => {
  const n = new SentencePieceNormalizer();
  assert.equal(normalizeText(n, "  Hello   world  "), "▁Hello▁world");
  assert.equal(normalizeText(n, "   "), "");
  assert.equal(normalizeText(n, ""), "");
  // Trailing ▁ is removed after escaping, so one written in the text goes too; leading ones stay.
  assert.equal(normalizeText(n, "a▁"), "▁a");
  assert.equal(normalizeText(n, "▁▁a"), "▁▁▁a");
  assert.equal(normalizeText(n, "▁"), "");
});

test("without remove_extra_whitespaces every space is kept, and a blank text keeps its dummy prefix", () => {
  const n = new SentencePieceNormalizer({ removeExtraWhitespaces: false });
  assert.equal(normalizeText(n, "  a  "), "▁▁▁a▁▁");
  assert.equal(normalizeText(n, " "), "▁▁");
  const suffix = new SentencePieceNormalizer({
    removeExtraWhitespaces: false,
    treatWhitespaceAsSuffix: true,
  });
  assert.equal(normalizeText(suffix, "a b"), "a▁b▁");
  const raw = new SentencePieceNormalizer({ escapeWhitespaces: false, addDummyPrefix: false });
  assert.equal(normalizeText(raw, " a  b "), "a b");
});

test("a user-defined symbol is one piece: its inner spaces are escaped but not squeezed", () => {
  const n = new SentencePieceNormalizer({ userDefinedSymbols: ["a  b"] });
  assert.equal(normalizeText(n, "x a  b  y"), "▁x▁a▁▁b▁y");
  assert.equal(normalizeText(new SentencePieceNormalizer(), "x a  b  y"), "▁x▁a▁b▁y");
});

test("alignments: each output character maps to the input it came from, the prefix to an empty span", () => {
  const ns = new NormalizedString("  ab  c");
  new SentencePieceNormalizer().normalize(ns);
  assert.equal(ns.normalized, "▁ab▁c");
  assert.deepEqual(ns.originalRange(0, 1), [2, 2]);
  assert.deepEqual(ns.originalRange(0, 3), [2, 4]);
  assert.deepEqual(ns.originalRange(3, 5), [4, 7]);
});

const ENTRIES: SentencePieceEntry[] = [
  { piece: "<unk>", score: 0, type: "unknown" },
  { piece: "<s>", score: 0, type: "control" },
  { piece: "▁a", score: -1, type: "normal" },
  { piece: "▁", score: -1, type: "normal" },
  { piece: "b", score: -1, type: "normal" },
];
for (let b = 0; b < 256; b++) ENTRIES.push({ piece: bytePiece(b), score: 0, type: "byte" });
const VOCAB = new SentencePieceVocab(ENTRIES, true);

test("decoding: control pieces vanish, unknown is unk_surface, bytes decode as UTF-8, ▁ is a space", () => {
  const d = new SentencePieceDecoder(VOCAB, {
    addDummyPrefix: true,
    removeExtraWhitespaces: false,
    unkSurface: " ⁇ ",
  });
  assert.equal(decodeWith(d, ["<s>", "▁a", "<unk>", "b", "<0xE2>", "<0x82>", "<0xAC>"]), "a ⁇ b€");
  // An invalid byte is one U+FFFD per byte, not one per invalid sequence as TextDecoder gives.
  assert.equal(decodeWith(d, ["b", "<0xE2>", "<0x82>", "b"]), "b\ufffd\ufffdb");
  // Only the first text piece loses the dummy space...
  assert.equal(decodeWith(d, ["▁", "▁a"]), " a");
  // ...but every one does while nothing is written, when extra whitespace is removed.
  const squeezing = new SentencePieceDecoder(VOCAB, {
    addDummyPrefix: true,
    removeExtraWhitespaces: true,
    unkSurface: "?",
  });
  assert.equal(decodeWith(squeezing, ["▁", "▁a", "▁a"]), "a a");
  assert.equal(decodeWith(squeezing, ["<0x41>", "▁a"]), "A a");
});
