/**
 * Dynamic tokenization: the incremental merger checked against a brute-force recount of every
 * pair at every step, pretoken boundaries and special tokens respected, bytes kept.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  dynamicTokenize,
  expandMerged,
  mergeBatch,
  mergedBytes,
  normalisedReduction,
  prepareSequence,
} from "../../src/adapt/dynamic.js";
import { seededRandom } from "../../src/core/random.js";
import { ALL_SPECIAL, ORDINARY } from "../../src/core/tokenizer.js";
import { getEncoding } from "../../src/encodings/index.js";
import { bruteForce, mayJoin } from "../support/adapt/brute-force.js";

const utf8 = new TextEncoder();
const lossy = new TextDecoder();

const SYLLABLES = ["ta", "ke", "ri", "no", "su", "mé", "東", "京", "a", "aa", "ing", "er"];
const GLUE = [" ", " ", " ", " ", "  ", ", ", ".\n", "\t", "-", "'s ", "\u3000", "\u00a0"];

function randomText(random: () => number): string {
  let s = random() < 0.3 ? " " : "";
  const words = 3 + Math.floor(random() * 15);
  for (let w = 0; w < words; w++) {
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) s += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    s += GLUE[Math.floor(random() * GLUE.length)];
  }
  return s;
}

/** Byte offsets where the pretokenizer cuts, from each piece encoded on its own. */
function pieceSequence(tok: Awaited<ReturnType<typeof getEncoding>>, text: string) {
  const ids: number[] = [];
  const links: number[] = [];
  const cuts = new Set<number>();
  let offset = 0;
  for (const piece of tok.pretokenize(text)) {
    const part = tok.encode(piece, ORDINARY);
    ids.push(...part);
    links.push(...part.map((_, i) => (i < part.length - 1 ? 1 : 0)));
    offset += utf8.encode(piece).length;
    cuts.add(offset);
  }
  return { ids, links: links.slice(0, Math.max(0, ids.length - 1)), cuts };
}

describe("dynamic tokenization", async () => {
  const tok = await getEncoding("o200k_base");
  const random = seededRandom(2025);
  const batches = Array.from({ length: 25 }, () =>
    Array.from({ length: 1 + Math.floor(random() * 8) }, () => randomText(random)),
  );

  test("links are the pretokenizer's cuts, found independently by encoding each piece", () => {
    for (const text of batches.flat()) {
      const ref = pieceSequence(tok, text);
      const seq = prepareSequence(tok, text);
      assert.deepEqual(seq.ids, ref.ids);
      assert.deepEqual([...seq.links], ref.links);
    }
  });

  test("every merge equals a brute-force recount of the batch's pairs, and so do the sequences", () => {
    let total = 0;
    for (const texts of batches) {
      const seqs = texts.map((t) => prepareSequence(tok, t));
      const fast = mergeBatch(seqs, 40, tok);
      const slow = bruteForce(seqs, 40, tok);
      assert.deepEqual(
        fast.merges.map((m) => ({ left: m.left, right: m.right, count: m.count })),
        slow.merges,
      );
      assert.deepEqual(fast.ids, slow.ids);
      assert.equal(fast.totals.length, fast.merges.length + 1);
      for (let k = 1; k < fast.totals.length; k++)
        assert.equal(fast.totals[k], fast.totals[k - 1] - fast.merges[k - 1].count);
      total += fast.merges.length;
    }
    assert.ok(total > 300, "the batches have pairs to merge");
  });

  test("no merged token crosses a pretoken boundary or holds an inner space; bytes are kept", () => {
    for (const texts of batches) {
      const r = dynamicTokenize(tok, texts, { merges: 60 });
      const { merges } = r.batches[0];
      texts.forEach((text, i) => {
        const { cuts } = pieceSequence(tok, text);
        let at = 0;
        for (const t of r.ids[i]) {
          const bytes = t >= tok.vocabSize ? merges[t - tok.vocabSize].bytes : tok.tokenBytes(t);
          for (let b = at + 1; b < at + bytes.length; b++)
            assert.ok(!cuts.has(b), `token ${JSON.stringify(lossy.decode(bytes))} crosses a cut`);
          if (t >= tok.vocabSize) assert.ok(mayJoin(bytes), JSON.stringify(lossy.decode(bytes)));
          at += bytes.length;
        }
        assert.deepEqual(mergedBytes(tok, merges, r.ids[i]), utf8.encode(text));
        assert.deepEqual(expandMerged(tok.vocabSize, merges, r.ids[i]), tok.encode(text, ORDINARY));
      });
    }
  });

  test("special tokens are never merged", () => {
    const text = "the cat<|endoftext|>the cat<|endoftext|> the cat the cat";
    const eot = tok.specialTokens["<|endoftext|>"];
    const r = dynamicTokenize(tok, [text, text], { merges: 50, encode: ALL_SPECIAL });
    const { merges } = r.batches[0];
    for (const m of merges) assert.ok(!tok.isSpecial(m.left) && !tok.isSpecial(m.right));
    for (const ids of r.ids) assert.equal(ids.filter((t) => t === eot).length, 2);
    assert.deepEqual(expandMerged(tok.vocabSize, merges, r.ids[0]), tok.encode(text, ALL_SPECIAL));
  });

  test("enough merges reach word level; word level of single-spaced words is the word count", () => {
    const words = [
      "tokenization",
      " retrofitting",
      " hypernetwork",
      " embeddings",
      " vocabulary",
      " tokenization",
    ];
    const texts = [words.join(""), words.slice(2).join(""), `${words[0]}${words[3]}`];
    const r = dynamicTokenize(tok, texts, { merges: 10_000 });
    assert.equal(r.wordLevel, 6 + 4 + 2);
    assert.equal(r.tokensAfter, r.wordLevel);
    assert.ok(r.tokensBefore > r.wordLevel);
    assert.equal(r.reduction, 100);
    // Each word is now one token, the same new id wherever it occurs in the batch.
    assert.equal(r.ids[0][0], r.ids[2][0]);
  });

  test("batches merge on their own; the normalised reduction is the paper's formula", () => {
    const texts = ["abc abc abc", "xyz xyz xyz", "abc abc", "xyz xyz"];
    const one = dynamicTokenize(tok, texts, { merges: 1 });
    const two = dynamicTokenize(tok, texts, { merges: 1, batchSize: 2 });
    assert.equal(one.batches.length, 1);
    assert.equal(two.batches.length, 2);
    assert.equal(two.batches[1].first, 2);
    assert.equal(normalisedReduction(100, 90, 60), 25);
    assert.equal(normalisedReduction(50, 50, 50), 0);
    assert.equal(two.reduction, normalisedReduction(two.tokensBefore, two.tokensAfter, two.wordLevel));
  });

  test("bad settings are clear errors", () => {
    assert.throws(() => dynamicTokenize(tok, ["a b"], { merges: -1 }), /non-negative integer/);
    assert.throws(() => dynamicTokenize(tok, ["a b"], { merges: 1.5 }), /non-negative integer/);
    assert.throws(() => dynamicTokenize(tok, ["a b"], { merges: 1, batchSize: 0 }), /batch size/);
  });
});
