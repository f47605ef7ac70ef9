import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { WordLevel as HfWordLevel, Tokenizer } from "tokenizers";
import { WordLevel } from "../../../src/core/models/wordlevel.js";
import { assertSame, randomWord, seededRandom, WORDS } from "../../support/hf/models.js";

function vocabOf(unk: string | null): Record<string, number> {
  const vocab: Record<string, number> = {};
  let id = 0;
  if (unk !== null) vocab[unk] = id++;
  for (const w of WORDS) vocab[w] = id++;
  for (const w of ["unable", "helloworld", "a b", "\ufffd", "x\ufffd", "😀"]) vocab[w] = id++;
  return vocab;
}

describe("WordLevel matches the Hugging Face binding", () => {
  const cases: [string, string | null][] = [
    ["default unknown token", "<unk>"],
    ["custom unknown token", "[UNK]"],
    ["no unknown token", null],
  ];
  for (const [name, unk] of cases) {
    test(name, async () => {
      const vocab = vocabOf(unk);
      const options = unk === null || unk === "<unk>" ? {} : { unkToken: unk };
      const ours = new WordLevel(vocab, options);
      const hf = new Tokenizer(HfWordLevel.init(vocab, options));
      // No pre-tokenizer: the binding sees "a b" as one word, as ours does.
      for (const w of [...WORDS, "unable", "a b", "x\ud800", "\udfff", "😀", "nope", "Ω"])
        await assertSame(ours, hf, w);
      const rand = seededRandom(77);
      for (let i = 0; i < 300; i++) await assertSame(ours, hf, randomWord(rand, WORDS, 2, 0.2));
      assert.equal(ours.vocabSize, hf.getVocabSize(false));
      for (const [token, id] of Object.entries(vocab)) {
        assert.equal(ours.tokenToId(token), hf.tokenToId(token));
        assert.equal(ours.idToToken(id), hf.idToToken(id));
      }
    });
  }
});

describe("WordLevel semantics", () => {
  test("known word, unknown word, missing unknown token", () => {
    const wl = new WordLevel({ "<unk>": 0, hello: 1 });
    assert.deepEqual(wl.tokenize("hello"), [{ id: 1, value: "hello", start: 0, end: 5 }]);
    assert.deepEqual(wl.tokenize("bye"), [{ id: 0, value: "<unk>", start: 0, end: 3 }]);
    assert.throws(
      () => new WordLevel({ hello: 1 }).tokenize("bye"),
      /WordLevel error: Missing \[UNK\] token/,
    );
  });

  test("a lone surrogate matches as U+FFFD and keeps its one-unit offset", () => {
    const wl = new WordLevel({ "<unk>": 0, "a\ufffd": 1 });
    assert.deepEqual(wl.tokenize("a\ud800"), [{ id: 1, value: "a\ufffd", start: 0, end: 2 }]);
  });

  test("rejects ids outside u32", () => {
    assert.throws(() => new WordLevel({ a: -1 }), RangeError);
    assert.throws(() => new WordLevel({ a: 2 ** 32 }), RangeError);
  });
});
