import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { LlamaSpm } from "../../../src/core/models/llama-spm.js";
import { readGgufMetadata } from "../../../src/formats/gguf/reader.js";
import { adversarialStrings, toWellFormed } from "../../support/adversarial.js";
import { ROOT } from "../../support/paths.js";

const values = (m: LlamaSpm, word: string) => m.tokenize(word).map((t) => t.value);

describe("LlamaSpm (llama.cpp's llm_tokenizer_spm)", () => {
  it("merges the pair whose piece scores highest first, whatever the order of a merge list", () => {
    // "bc" outscores "ab", so "abc" is a + bc, although "ab" is also a piece.
    const m = new LlamaSpm(["<unk>", "a", "b", "c", "ab", "bc"], [0, -1, -1, -1, -5, -2]);
    assert.deepEqual(values(m, "abc"), ["a", "bc"]);
    const flipped = new LlamaSpm(["<unk>", "a", "b", "c", "ab", "bc"], [0, -1, -1, -1, -2, -5]);
    assert.deepEqual(values(flipped, "abc"), ["ab", "c"]);
  });

  it("breaks equal scores by the leftmost pair", () => {
    const m = new LlamaSpm(["a", "aa"], [-1, -1]);
    assert.deepEqual(values(m, "aaa"), ["aa", "a"]);
    assert.deepEqual(values(m, "aaaaa"), ["aa", "aa", "a"]);
  });

  it("merges into any piece whose text forms, a control piece's included", () => {
    // llama.cpp looks the concatenation up among all tokens: "<s>" text becomes the piece.
    const m = new LlamaSpm(["<s>", "<", "s", ">", "<s"], [0, -1, -1, -1, -2]);
    assert.deepEqual(
      m.tokenize("<s>").map((t) => t.id),
      [0],
    );
  });

  it("spells a character missing from the vocabulary as its UTF-8 byte pieces, with offsets", () => {
    const m = new LlamaSpm(["<unk>", "<0xC3>", "<0xA9>", "a"], [0, 0, 0, -1], { unkId: 0 });
    assert.deepEqual(m.tokenize("aé"), [
      { id: 3, value: "a", start: 0, end: 1 },
      { id: 1, value: "<0xC3>", start: 1, end: 2 },
      { id: 2, value: "<0xA9>", start: 1, end: 2 },
    ]);
    // A lone surrogate is U+FFFD's bytes, whose pieces are missing here: the unknown id.
    assert.deepEqual(
      m.tokenize("\ud800").map((t) => t.id),
      [0, 0, 0],
    );
  });

  it("keeps a surrogate pair together and reads the word in place", () => {
    const m = new LlamaSpm(["🦙", "x", "🦙x"], [-1, -1, -0.5]);
    const sink = { ids: [] as number[], starts: [] as number[], ends: [] as number[] };
    assert.equal(m.tokenizeInto("ab🦙x", 2, 5, sink), 1);
    assert.deepEqual(sink, { ids: [2], starts: [2], ends: [5] });
  });

  it("throws for a byte with no piece and no unknown id, appending nothing", () => {
    const m = new LlamaSpm(["a"], [-1]);
    const sink = { ids: [7], starts: [0], ends: [0] };
    assert.throws(() => m.tokenizeInto("aé", 0, 2, sink), /byte 0xC3 has no token/);
    assert.deepEqual(sink.ids, [7]);
  });

  it("rejects scores that do not match the pieces", () => {
    assert.throws(() => new LlamaSpm(["a", "b"], [0]), /2 pieces but 1 scores/);
  });
});

describe("LlamaSpm against a naive reading of llama.cpp's rule", () => {
  /** Merge the best pair (highest score, then leftmost) until none is a piece; bytes for the rest. */
  function naive(pieces: readonly string[], scores: ArrayLike<number>, word: string): number[] {
    const ids = new Map(pieces.map((p, i) => [p, i]));
    const symbols = Array.from(word);
    for (;;) {
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const id = ids.get(symbols[i] + symbols[i + 1]);
        if (id !== undefined && scores[id] > bestScore) {
          best = i;
          bestScore = scores[id];
        }
      }
      if (best < 0) break;
      symbols.splice(best, 2, symbols[best] + symbols[best + 1]);
    }
    return symbols.flatMap((s) => {
      const id = ids.get(s);
      if (id !== undefined) return [id];
      return Array.from(
        new TextEncoder().encode(s),
        (b) => ids.get(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`)!,
      );
    });
  }

  it("gives the same ids on seeded strings over Phi-3's vocabulary", () => {
    const meta = readGgufMetadata(
      new Uint8Array(readFileSync(join(ROOT, "test", "fixtures", "gguf", "ggml-vocab-phi-3.gguf"))),
    );
    const pieces = meta.entries.get("tokenizer.ggml.tokens") as string[];
    const scores = meta.entries.get("tokenizer.ggml.scores") as Float32Array;
    const model = new LlamaSpm(pieces, scores, { unkId: 0 });
    let checked = 0;
    for (const raw of adversarialStrings(7, 200)) {
      const word = `▁${toWellFormed(raw.slice(0, 120)).replaceAll(" ", "▁")}`;
      const tokens = model.tokenize(word);
      const got = tokens.map((t) => t.id);
      assert.deepEqual(got, naive(pieces, scores, word), JSON.stringify(word));
      // The full-encoding path: the same tokens read in place, appended after earlier ones.
      const sink = { ids: [7], starts: [0], ends: [1] };
      const vals = ["x"];
      assert.equal(model.tokenizeValuesInto(`«»${word}«»`, 2, 2 + word.length, sink, vals), tokens.length);
      assert.deepEqual(sink.ids, [7, ...got]);
      assert.deepEqual(sink.starts, [0, ...tokens.map((t) => t.start + 2)]);
      assert.deepEqual(sink.ends, [1, ...tokens.map((t) => t.end + 2)]);
      assert.deepEqual(vals, ["x", ...tokens.map((t) => t.value)]);
      checked++;
    }
    // Ties: a vocabulary whose scores are all equal is merged leftmost-first in both.
    const flat = new Float32Array(scores.length);
    const tied = new LlamaSpm(pieces, flat, { unkId: 0 });
    for (const word of ["▁the▁quick▁brown▁fox", "▁aaaaaaaaaa", "▁unbelievable▁tokenization"]) {
      assert.deepEqual(
        tied.tokenize(word).map((t) => t.id),
        naive(pieces, flat, word),
      );
    }
    assert.equal(checked, 200);
  });
});
