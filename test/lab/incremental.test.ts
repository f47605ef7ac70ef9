/**
 * The lab's incremental re-encoding (lab/src/incremental.ts) equals a full encode by the
 * library after every edit: random insertions and deletions anywhere in a many-line text, for
 * every built-in encoding, with special tokens as text and as tokens.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeIncrementally, restartPoint, type Spans } from "../../lab/src/incremental.js";
import { ALL_SPECIAL, ORDINARY } from "../../src/core/tokenizer.js";
import { ENCODING_NAMES, getEncoding } from "../../src/encodings/index.js";

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters chosen to sit at piece edges: line breaks, spaces, digits, "/", apostrophes,
// punctuation, letters of several scripts, combining marks, emoji halves' neighbours.
const ALPHABET = [..."\n\n\n \t  aZ19/'s.,-_é東ก\u0301👩\u200d", "<|endoftext|>", "\r\n", "'ll", "123456"];
const BASE = [
  "First line of text, with 12345 digits.",
  "second/line: path/to/file.txt",
  "  indented line\twith tab",
  "東京と大阪 — 日本語",
  "'s contractions 'll 've",
  "",
  "99 bottles",
  "👩‍👩‍👧 family",
  "last line<|endoftext|>",
].join("\n");

describe("incremental re-encoding", () => {
  it("restarts after the last line feed before the edit followed by neither white space nor '/'", () => {
    assert.equal(restartPoint("ab\ncd\nef", "ab\ncd\nex"), 6);
    assert.equal(restartPoint("ab\ncd\n ef", "ab\ncd\n ex"), 3);
    assert.equal(restartPoint("ab\n/cd", "ab\n/cx"), 0);
    assert.equal(restartPoint("ab\n.cd", "ab\n.cx"), 3);
    assert.equal(restartPoint("same", "same"), 0);
  });

  for (const name of ENCODING_NAMES) {
    it(`${name}: equals a full encode after each of 150 random edits`, async () => {
      const tok = await getEncoding(name);
      for (const [label, options] of [
        ["ordinary", ORDINARY],
        ["special", ALL_SPECIAL],
      ] as const) {
        const random = rng(name.length * 7919 + label.length);
        let text = BASE;
        let spans: Spans | undefined;
        let reusedSome = false;
        for (let step = 0; step < 150; step++) {
          const at = Math.floor(random() * (text.length + 1));
          if (random() < 0.6) {
            text = text.slice(0, at) + ALPHABET[Math.floor(random() * ALPHABET.length)] + text.slice(at);
          } else {
            text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
          }
          const got = encodeIncrementally(tok, spans, text, options);
          const full = tok.encodeWithOffsets(text, options);
          assert.deepEqual(got.ids, full.ids, `${label} step ${step}: ${JSON.stringify(text)}`);
          assert.deepEqual(got.starts, full.starts);
          assert.deepEqual(got.ends, full.ends);
          if (got.reused > 0) reusedSome = true;
          spans = got;
        }
        assert.ok(reusedSome, "some edits must reuse tokens, or the test tests nothing");
      }
    });
  }
});
