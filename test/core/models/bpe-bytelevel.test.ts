/**
 * (a) GPT-2-style byte-level BPE: r50k_base's vocabulary in the byte-level alphabet with its
 * merges recovered in rank order, against the binding, with `ignore_merges` off (GPT-2) and on
 * (Llama 3 style). Words arrive as byte-level strings, as after the ByteLevel pre-tokenizer.
 */
import { describe, test } from "node:test";
import { BPE, Tokenizer } from "tokenizers";
import { bpeFromJson } from "../../../src/formats/hf/bpe.js";
import { assertSame, bpeModel, hfTokenizer, r50kBpe, seededRandom } from "../../support/hf/bpe.js";
import { toByteLevel } from "../../support/hf/byte-level.js";
import { CHAR_POOLS, randomWord } from "../../support/hf/models.js";

const FRAGMENTS = [
  " the",
  " token",
  "izer",
  " hello",
  " world",
  "ing",
  " un",
  "able",
  " 2024",
  "...",
  " café",
  " naïve",
  " 中文",
  "日本語",
  " 😀",
  "👍🏽",
  "\n\n",
  "    ",
  "def",
  "();",
  " Привет",
  " مرحبا",
];

/** Byte-level words: short pieces, whole sentences as one word, and long runs. */
function byteLevelWords(seed: number, count: number): string[] {
  const rand = seededRandom(seed);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    const text =
      r < 0.6
        ? randomWord(rand, FRAGMENTS, 2, 0.1)
        : r < 0.95
          ? randomWord(rand, FRAGMENTS, 30, 0.1)
          : randomWord(rand, FRAGMENTS, 2, 0).repeat(50 + Math.floor(rand() * 300));
    words.push(toByteLevel(text)); // lone surrogates become U+FFFD's bytes
  }
  const pools = Object.values(CHAR_POOLS).flat();
  words.push(...pools.map((c) => toByteLevel(c)));
  return words;
}

describe("byte-level BPE from r50k ranks matches the binding", () => {
  const data = r50kBpe();
  const words = byteLevelWords(1, 400);

  for (const ignoreMerges of [false, true]) {
    test(`ignore_merges ${ignoreMerges}`, async () => {
      const model = bpeModel(data, { ignore_merges: ignoreMerges });
      const ours = bpeFromJson(model);
      const hf = hfTokenizer(model);
      for (const w of words) await assertSame(ours, hf, w);
    });
  }

  test("the binding's BPE.init (no tokenizer.json) agrees too", async () => {
    const ours = bpeFromJson(bpeModel(data));
    const hf = new Tokenizer(BPE.init(data.vocab, data.merges));
    for (const w of words.slice(0, 100)) await assertSame(ours, hf, w);
  });
});
