import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gpt2Pretokenizer, splitPieces } from "../../src/core/pretokenize/index.js";
import { getEncoding } from "../../src/encodings/index.js";
import { BpeRun } from "../../src/train/bpe-trainer.js";
import { importVocabulary } from "../../src/train/import.js";
import type { TrainedBpe } from "../../src/train/types.js";
import { adversarialStrings } from "../support/adversarial.js";

const utf8 = new TextEncoder();
const key = (b: Uint8Array) => String.fromCharCode(...b);

/** Merge-list BPE (Sennrich's rule: lowest merge index first, leftmost) — the reference encoder. */
function encodeWithMerges(t: TrainedBpe, piece: string): number[] {
  const idOf = new Map<string, number>();
  t.tokens.forEach((b, id) => {
    if (!t.specialIds.includes(id) && b.length > 0) idOf.set(key(b), id);
  });
  const rank = new Map<string, number>();
  t.merges.forEach(([a, b], i) => {
    const k = `${a},${b}`;
    if (!rank.has(k)) rank.set(k, i);
  });
  let ids = Array.from(utf8.encode(piece), (b) => idOf.get(String.fromCharCode(b))!);
  for (;;) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < ids.length; i++) {
      const r = rank.get(`${ids[i]},${ids[i + 1]}`);
      if (r !== undefined && r < bestRank) [best, bestRank] = [i, r];
    }
    if (best < 0) return ids;
    const merged = idOf.get(key(t.tokens[ids[best]]) + key(t.tokens[ids[best + 1]]))!;
    ids = [...ids.slice(0, best), merged, ...ids.slice(best + 2)];
  }
}

describe("importVocabulary (extend an existing tokenizer)", () => {
  test("recovers r50k_base's 50,000 merges; they encode exactly as tiktoken does", async () => {
    const enc = await getEncoding("r50k_base");
    const tokens = Array.from({ length: enc.vocabSize }, (_, id) => enc.tokenBytes(id));
    const specialIds = Object.values(enc.specialTokens);
    const base = importVocabulary({
      tokens,
      specialIds,
      pieces: { preset: "gpt2", numbers: "none", specialTokens: [] },
    });
    assert.equal(base.merges.length, 50000);
    const texts = [
      ...adversarialStrings(3, 60),
      "The quick brown fox jumps over the lazy dog. 1234567 naïve 東京",
    ];
    for (const text of texts) {
      for (const piece of splitPieces(gpt2Pretokenizer, text)) {
        const ours = encodeWithMerges(base, piece);
        assert.deepEqual(ours, enc.encodeOrdinary(piece), JSON.stringify(piece));
      }
    }
  });

  test("resume keeps every old id and learns new tokens after them", async () => {
    const enc = await getEncoding("r50k_base");
    const tokens = Array.from({ length: enc.vocabSize }, (_, id) => enc.tokenBytes(id));
    const base = importVocabulary({
      tokens,
      specialIds: [50256],
      pieces: { preset: "gpt2", numbers: "none", specialTokens: [] },
    });
    const counts = new Map([
      [" pseudoephedrine", 50],
      [" acetaminophen", 40],
      [" ibuprofen", 30],
    ]);
    const run = BpeRun.resume(base, counts, { vocabSize: enc.vocabSize + 6 });
    run.mergeUntilBudget();
    const out = run.result();
    assert.equal(out.tokens.length, enc.vocabSize + 6);
    assert.equal(out.merges.length, 50000 + 6);
    for (let id = 0; id < enc.vocabSize; id++) assert.deepEqual(out.tokens[id], base.tokens[id]);
    const learned = out.tokens.slice(enc.vocabSize).map((b) => new TextDecoder().decode(b));
    assert.ok(
      learned.includes(" pseudoephedrine") || learned.some((t) => t.startsWith(" pseudo")),
      learned.join("|"),
    );
    // Each new word is now fewer tokens than with r50k alone.
    assert.ok(encodeWithMerges(out, " acetaminophen").length < enc.encodeOrdinary(" acetaminophen").length);
  });

  test("rejects what is not rank-ordered byte-level BPE", () => {
    const bytes = (s: string) => utf8.encode(s);
    const tokens = [...Array.from({ length: 256 }, (_, b) => Uint8Array.of(b)), bytes("abc")];
    assert.throws(
      () =>
        importVocabulary({
          tokens,
          specialIds: [],
          pieces: { preset: "none", numbers: "none", specialTokens: [] },
        }),
      /token 256 is not the merge/,
    );
    assert.throws(
      () =>
        importVocabulary({
          tokens: [bytes("a")],
          specialIds: [],
          pieces: { preset: "none", numbers: "none", specialTokens: [] },
        }),
      /byte 0x00 has no token/,
    );
  });
});
