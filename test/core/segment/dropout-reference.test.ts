/**
 * The dropout segmenter (src/core/segment/merge.ts) id for id against its documented rule,
 * written here as plainly as possible on tiktoken's own data: a piece that is a token is kept
 * whole unless one draw drops it; then, at every step, the live candidate merges are tried in
 * (priority, position) order, one draw each, and the first that survives is applied; when all
 * are dropped the piece is done. Both sides read the same seeded stream, so any change to the
 * order of draws or to which candidates are offered again shows up as a different id.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "../../../src/core/random.js";
import { MergeSegmenter } from "../../../src/core/segment/merge.js";
import { adversarialStrings } from "../../support/adversarial.js";
import { readReference, toklabEncoding } from "../../support/tiktoken-data.js";

const reference = readReference("cl100k_base");
const rankOf = new Map<string, number>();
for (const [rank, bytes] of reference.ranks) rankOf.set(bytes.toString("latin1"), rank);

function referenceDropout(piece: Uint8Array, p: number, random: () => number): number[] {
  const whole = rankOf.get(Buffer.from(piece).toString("latin1"));
  if (whole !== undefined && random() >= p) return [whole];
  // Parts as [start byte, text]; a candidate is the merge of parts k and k + 1.
  let parts = Array.from(piece, (b, i) => ({ start: i, text: String.fromCharCode(b) }));
  for (;;) {
    const candidates: Array<{ k: number; rank: number }> = [];
    for (let k = 0; k + 1 < parts.length; k++) {
      const rank = rankOf.get(parts[k].text + parts[k + 1].text);
      if (rank !== undefined) candidates.push({ k, rank });
    }
    candidates.sort((a, b) => a.rank - b.rank || parts[a.k].start - parts[b.k].start);
    const chosen = candidates.find(() => !(random() < p));
    if (chosen === undefined) break;
    const { k } = chosen;
    parts = [
      ...parts.slice(0, k),
      { start: parts[k].start, text: parts[k].text + parts[k + 1].text },
      ...parts.slice(k + 2),
    ];
  }
  return parts.map((part) => rankOf.get(part.text) as number);
}

test("dropout segmenter: id for id the documented rule on the same random stream (cl100k_base)", () => {
  const vocab = toklabEncoding("cl100k_base").vocab;
  const utf8 = new TextEncoder();
  const pieces = [
    " tokenization",
    " internationally",
    "unbelievably",
    " antidisestablishmentarianism",
    "aaaaaaaaaaaaaaaa",
    " 😀😀",
    ...adversarialStrings(5, 80).map((s) => s.slice(0, 40)),
  ].map((s) => utf8.encode(s));
  for (const [p, seed] of [
    [0.1, 1],
    [0.4, 2],
    [0.8, 3],
  ]) {
    const seg = new MergeSegmenter(vocab, p, seed);
    const random = seededRandom(seed);
    const plain = new MergeSegmenter(vocab, 0);
    let changed = 0;
    for (const piece of pieces) {
      const ours: number[] = [];
      seg.segment(piece, 0, piece.length, ours);
      const expected = referenceDropout(piece, p, random);
      assert.deepEqual(ours, expected, `p ${p}: ${JSON.stringify(new TextDecoder().decode(piece))}`);
      const base: number[] = [];
      plain.segment(piece, 0, piece.length, base);
      if (base.join() !== expected.join()) changed++;
    }
    // Dropout changed enough pieces that the comparison is not only of undisturbed ones.
    assert.ok(changed > 10, `p ${p}: ${changed} pieces changed`);
  }
});
