import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { WordPiece as HfWordPiece, Tokenizer } from "tokenizers";
import { WordPiece } from "../../../src/core/models/wordpiece.js";
import { assertSame, randomWord, seededRandom, substrings, WORDS } from "../../support/hf/models.js";

interface Setup {
  readonly vocab: Record<string, number>;
  readonly options: { unkToken?: string; continuingSubwordPrefix?: string; maxInputCharsPerWord?: number };
}

/**
 * Initial substrings as they are, inner ones behind the prefix; `keep` drops some longer ones
 * to leave gaps, and single characters too when `dropChars`.
 */
function buildVocab(
  prefix: string,
  keep: number,
  seed: number,
  unk = "[UNK]",
  dropChars = false,
): Record<string, number> {
  const rand = seededRandom(seed);
  const { initial, inner } = substrings(WORDS, 6);
  const vocab: Record<string, number> = {};
  let id = 0;
  if (unk) vocab[unk] = id++;
  const kept = (s: string) => rand() < keep || (!dropChars && Array.from(s).length === 1);
  for (const s of initial) if (kept(s)) vocab[s] = id++;
  for (const s of inner) if (kept(s)) vocab[prefix + s] = id++;
  vocab["\ufffd"] = id++;
  return vocab;
}

function pair(setup: Setup): [WordPiece, Tokenizer] {
  return [
    new WordPiece(setup.vocab, setup.options),
    new Tokenizer(HfWordPiece.init(setup.vocab, setup.options)),
  ];
}

const FIXTURES = [
  "unaffable",
  "unable",
  "playingplayer",
  "helloworld",
  "tokenizer",
  "café",
  "cafe\u0301",
  "naïveté",
  "über",
  "中文字日本語",
  "😀😀😀",
  "👍🏽👍",
  "a",
  "x",
  "Ω",
  "hello\ud800",
  "\udc00",
  "un\ufffd",
  "a b",
  "a".repeat(100),
  "a".repeat(101),
  "😀".repeat(100),
  "😀".repeat(101),
  "ab".repeat(60),
];

const SETUPS: Record<string, Setup> = {
  "full vocabulary, defaults": { vocab: buildVocab("##", 1, 1), options: {} },
  "gappy vocabulary": { vocab: buildVocab("##", 0.6, 2, "[UNK]", true), options: {} },
  "custom prefix and short max": {
    vocab: buildVocab("@@", 0.8, 3, "<unk>"),
    options: { unkToken: "<unk>", continuingSubwordPrefix: "@@", maxInputCharsPerWord: 12 },
  },
  "empty prefix": { vocab: buildVocab("", 0.7, 4), options: { continuingSubwordPrefix: "" } },
  "no unknown token": { vocab: buildVocab("##", 0.8, 5, ""), options: {} },
};

describe("WordPiece matches the Hugging Face binding", () => {
  for (const [name, setup] of Object.entries(SETUPS)) {
    test(`${name}: fixtures`, async () => {
      const [ours, hf] = pair(setup);
      for (const word of FIXTURES) await assertSame(ours, hf, word);
    });
    test(`${name}: seeded random words`, async () => {
      const [ours, hf] = pair(setup);
      const rand = seededRandom(0x5eed + name.length);
      for (let i = 0; i < 400; i++)
        await assertSame(ours, hf, randomWord(rand, WORDS, i % 50 === 0 ? 40 : 6));
    });
  }

  test("vocabulary size and id/token lookups", () => {
    const setup = SETUPS["gappy vocabulary"];
    const [ours, hf] = pair(setup);
    assert.equal(ours.vocabSize, hf.getVocabSize(false));
    for (const [token, id] of Object.entries(setup.vocab)) {
      assert.equal(ours.tokenToId(token), hf.tokenToId(token));
      assert.equal(ours.idToToken(id), hf.idToToken(id));
    }
    assert.equal(ours.tokenToId("nope"), undefined);
    assert.equal(ours.idToToken(1e6), undefined);
  });
});

describe("WordPiece semantics", () => {
  const wp = new WordPiece({ "[UNK]": 0, un: 1, "##aff": 2, "##able": 3, "##a": 4 });

  test("greedy longest match first, with values and UTF-16 offsets", () => {
    assert.deepEqual(wp.tokenize("unaffable"), [
      { id: 1, value: "un", start: 0, end: 2 },
      { id: 2, value: "##aff", start: 2, end: 5 },
      { id: 3, value: "##able", start: 5, end: 9 },
    ]);
  });

  test("an unmatched position makes the whole word unknown", () => {
    assert.deepEqual(wp.tokenize("unx"), [{ id: 0, value: "[UNK]", start: 0, end: 3 }]);
  });

  test("an empty word has no tokens", () => {
    assert.deepEqual(wp.tokenize(""), []);
  });

  test("a missing unknown token throws only when needed", () => {
    const noUnk = new WordPiece({ a: 0 });
    assert.deepEqual(noUnk.tokenize("a"), [{ id: 0, value: "a", start: 0, end: 1 }]);
    assert.throws(() => noUnk.tokenize("b"), /Missing \[UNK\] token/);
  });

  test("rejects a bad maxInputCharsPerWord", () => {
    assert.throws(() => new WordPiece({}, { maxInputCharsPerWord: -1 }), RangeError);
  });
});
