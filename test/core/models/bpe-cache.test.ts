/**
 * The BPE model's word cache (src/core/models/bpe-cache.ts), keyed by UTF-16 ranges in place:
 * a lookup finds exactly what was stored for the same units (never another word's result, even
 * with equal hashes), and when it fills up it starts over without returning stale entries.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CACHE_MAX_WORD, hashUnits, WordCache } from "../../../src/core/models/bpe-cache.js";
import { seededRandom } from "../../../src/core/random.js";

/** The tokens stored for word number `k`: 1 + k % 4 pairs (id, length) derived from k. */
function pairsOf(k: number): number[] {
  const out: number[] = [];
  for (let t = 0; t <= k % 4; t++) out.push(k * 10 + t, 1 + t);
  return out;
}

function lookup(cache: WordCache, text: string, start: number, end: number): number[] | null {
  const e = cache.find(text, start, end, hashUnits(text, start, end));
  if (e < 0) return null;
  const out: number[] = [];
  const v = cache.valueStart(e);
  for (let i = 0; i < 2 * cache.count(e); i++) out.push(cache.values[v + i]);
  return out;
}

test("finds words by range, in place, with their order flag", () => {
  const cache = new WordCache();
  const text = "say hello, hello world";
  assert.equal(lookup(cache, text, 4, 9), null);
  cache.add(text, 4, 9, hashUnits(text, 4, 9), [7, 3, 8, 2], 2, true);
  cache.add("hellp", 0, 5, hashUnits("hellp", 0, 5), [9, 5], 1, false);
  assert.deepEqual(lookup(cache, text, 11, 16), [7, 3, 8, 2]);
  assert.deepEqual(lookup(cache, "hellp", 0, 5), [9, 5]);
  assert.equal(lookup(cache, text, 11, 15), null, "a prefix is another word");
  const e = cache.find("xhellpx", 1, 6, hashUnits("hellp", 0, 5));
  assert.equal(cache.inOrder(e), false);
  assert.equal(cache.inOrder(cache.find(text, 4, 9, hashUnits(text, 4, 9))), true);
  // Same hash, other units: never confused (a forged hash makes both probe the same slots).
  assert.equal(cache.find("world", 0, 5, hashUnits(text, 4, 9)), -1);
  // Too long to cache: ignored.
  const long = "x".repeat(CACHE_MAX_WORD + 1);
  cache.add(long, 0, long.length, hashUnits(long, 0, long.length), [1, 1], 1, true);
  assert.equal(lookup(cache, long, 0, long.length), null);
});

test("many words: every hit is the stored result; it starts over when full", { timeout: 60_000 }, () => {
  const cache = new WordCache();
  const rnd = seededRandom(3);
  const words: string[] = [];
  const seen = new Set<string>();
  // Far more words than entries (2^15), lengths up to the limit, lone surrogates included.
  while (words.length < 120_000) {
    let w = "";
    const n = 1 + Math.floor(rnd() * CACHE_MAX_WORD);
    for (let i = 0; i < n; i++)
      w += String.fromCharCode(rnd() < 0.02 ? 0xd800 : 0x61 + Math.floor(rnd() * 6));
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  let hits = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    const pairs = pairsOf(k);
    assert.equal(lookup(cache, w, 0, w.length), null);
    cache.add(w, 0, w.length, hashUnits(w, 0, w.length), pairs, pairs.length / 2, true);
    assert.deepEqual(lookup(cache, `<${w}>`, 1, w.length + 1), pairs);
    // An earlier word: absent (dropped when the cache started over) or exactly its result.
    const j = Math.floor(rnd() * (k + 1));
    const got = lookup(cache, words[j], 0, words[j].length);
    if (got !== null) {
      hits++;
      assert.deepEqual(got, pairsOf(j));
    }
  }
  assert.ok(hits > 1000, `earlier words are found while they are kept (${hits})`);
});
