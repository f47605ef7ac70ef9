import assert from "node:assert/strict";
import { test } from "node:test";
import { auditVocabulary, classifyTokens } from "../../src/analyze/index.js";
import { byteLevelToy, type Expected, sentencePieceToy, wordPieceToy } from "../support/analyze/toys.js";

function classesByName(toy: { tok: Parameters<typeof classifyTokens>[0]; ids: Record<string, number> }) {
  const byId = new Map(classifyTokens(toy.tok).map((v) => [v.token.id, v]));
  const out: Record<string, string> = {};
  for (const [name, id] of Object.entries(toy.ids)) out[name] = byId.get(id)?.class ?? "missing";
  return out;
}

function only(expected: Expected, ids: Record<string, number>) {
  return Object.fromEntries(Object.keys(ids).map((name) => [name, expected[name] ?? "unexpected"]));
}

test("byte-level toy: every class as built (merges, the GPT-2 pattern, NFC, partial bytes, special)", () => {
  const toy = byteLevelToy();
  assert.deepEqual(classesByName(toy), only(toy.expected, toy.ids));
});

test("byte-level toy: counts, partial UTF-8, pretokenizer-unreachable", () => {
  const { tok, ids } = byteLevelToy();
  const a = auditVocabulary(tok, { examples: 10 });
  assert.equal(a.tokens, 22);
  assert.equal(a.ok, 10);
  assert.equal(a.unreachable_single, 1);
  assert.equal(a.unreachable_multi, 2);
  assert.equal(a.undecodable, 8);
  assert.equal(a.special, 1);
  assert.equal(a.partial_utf8, 2);
  assert.deepEqual(
    a.examples.partial_utf8.map((e) => e.id),
    [ids.e_CC, ids.E280],
  );
  assert.equal(a.non_utf8_bytes, 6);
  // Only " a b" is cut by the pattern; "ba" is one piece that BPE merely never builds.
  assert.equal(a.pretokenizer_unreachable, 1);
  assert.equal(a.examples.pretokenizer_unreachable[0].id, ids._a_b);
  assert.deepEqual(a.examples.unreachable_single[0], {
    id: ids.e_nfd,
    piece: "eÌģ",
    text: "e\u0301",
    reencoded: [ids.e_acute],
  });
  assert.equal(a.examples.partial_utf8[1].text, "<0xE2><0x80>");
  assert.equal(a.byte_fallback, 0);
});

test("SentencePiece toy: anchored re-encoding, byte-fallback duplicates", () => {
  const toy = sentencePieceToy();
  assert.deepEqual(classesByName(toy), only(toy.expected, toy.ids));
  const a = auditVocabulary(toy.tok);
  assert.equal(a.byte_fallback, 2);
  assert.equal(a.byte_fallback_duplicates, 1);
  assert.deepEqual(a.examples.byte_fallback_duplicates, [{ id: 2, piece: "<0x41>", text: "A" }]);
  assert.equal(a.non_utf8_bytes, 1);
  assert.equal(a.partial_utf8, 0);
  assert.equal(a.scheme, "sentencepiece");
});

test("WordPiece toy: continuation pieces re-encode after a word start", () => {
  const toy = wordPieceToy();
  assert.deepEqual(classesByName(toy), only(toy.expected, toy.ids));
  const a = auditVocabulary(toy.tok);
  assert.equal(a.categories.continuation, 2);
  assert.equal(a.scheme, "wordpiece");
});

test("examples: at most N per count, lowest ids first", () => {
  const { tok } = byteLevelToy();
  const a = auditVocabulary(tok, { examples: 2 });
  assert.deepEqual(
    a.examples.undecodable.map((e) => e.id),
    [6, 7],
  );
  assert.deepEqual(auditVocabulary(tok, { examples: 0 }).examples.ok, []);
});
