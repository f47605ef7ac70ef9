/**
 * The lab's grapheme-aligned segments (lab/src/segments.ts) on real encodings: the segments
 * spell the text exactly, every token is drawn once and in order, every cut between segments is
 * a grapheme-cluster boundary (Intl.Segmenter over the whole text, computed independently here),
 * and a token drawn alone is exactly its own bytes, so no byte fragment is ever shown on its own.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alignSegments } from "../../lab/src/segments.js";
import { ORDINARY } from "../../src/core/tokenizer.js";
import { getEncoding } from "../../src/encodings/index.js";

const TEXTS = [
  "Hello world! café, naïve",
  "家族 👩‍👩‍👧‍👦 and 🏳️‍🌈 flags 🇯🇵",
  "e\u0301 a\u0308\u0301 ก่อน हिन्दी",
  "日本語のテキストと中文文本。",
  "tabs\tand\n\nnewlines  ",
];

function graphemeCuts(text: string): Set<number> {
  const cuts = new Set<number>([text.length]);
  for (const s of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) cuts.add(s.index);
  return cuts;
}

describe("alignSegments", () => {
  for (const name of ["o200k_base", "cl100k_base", "gpt2"]) {
    it(`${name}: segments spell the text, cut only at grapheme boundaries, draw each token once`, async () => {
      const tok = await getEncoding(name);
      for (const text of TEXTS) {
        const spans = tok.encodeWithOffsets(text, ORDINARY);
        const segments = alignSegments(text, spans.starts, spans.ends);
        assert.equal(segments.map((s) => text.slice(s.start, s.end)).join(""), text, text);
        assert.deepEqual(
          segments.flatMap((s) => s.tokens),
          spans.ids.map((_, i) => i),
          text,
        );
        const cuts = graphemeCuts(text);
        for (const s of segments) {
          assert.ok(
            cuts.has(s.start) && cuts.has(s.end),
            `${name} ${JSON.stringify(text)}: cut at ${s.start}-${s.end}`,
          );
          if (s.tokens.length === 1) {
            const own = new TextDecoder().decode(tok.tokenBytes(spans.ids[s.tokens[0]]));
            assert.equal(text.slice(s.start, s.end), own);
          }
        }
      }
    });
  }

  it("merges a base letter and a combining mark held by different tokens", () => {
    assert.deepEqual(alignSegments("e\u0301x", [0, 1, 2], [1, 2, 3]), [
      { start: 0, end: 2, tokens: [0, 1] },
      { start: 2, end: 3, tokens: [2] },
    ]);
  });

  it("keeps text no token covers, and template tokens with no text, as segments of their own", () => {
    assert.deepEqual(alignSegments("ab cd", [0, 0, 3], [0, 2, 5]), [
      { start: 0, end: 0, tokens: [0] },
      { start: 0, end: 2, tokens: [1] },
      { start: 2, end: 3, tokens: [] },
      { start: 3, end: 5, tokens: [2] },
    ]);
  });

  it("draws a page of tokens: only the tokens asked for", async () => {
    const tok = await getEncoding("o200k_base");
    const text = "one two three four five six";
    const spans = tok.encodeWithOffsets(text);
    const page = alignSegments(text, spans.starts, spans.ends, 2, 4);
    assert.deepEqual(
      page.flatMap((s) => s.tokens),
      [2, 3],
    );
  });
});
