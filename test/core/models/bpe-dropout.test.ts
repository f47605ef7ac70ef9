/**
 * (f) BPE-dropout. HF draws from an unseeded thread RNG, so individual random outcomes cannot
 * be compared; what can be pinned: ours is deterministic for a seed; p = 0 is no dropout (and
 * equals the binding); p = 1 merges nothing, so words become characters or bytes (HF's
 * documented behaviour, also checked against the binding, where p = 1 is deterministic too); and
 * for 0 < p < 1, every word equals a test-side transcription of HF's merge loop fed the same
 * random stream.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BPE } from "../../../src/core/models/bpe.js";
import { bpeFromJson } from "../../../src/formats/hf/bpe.js";
import { assertSame, bpeModel, charVocab, hfTokenizer, r50kBpe, seededRandom } from "../../support/hf/bpe.js";
import { toByteLevel } from "../../support/hf/byte-level.js";
import { randomWord, WORDS } from "../../support/hf/models.js";

const data = charVocab(WORDS, { seed: 21, maxLen: 8, missing: 0 });
const rand = seededRandom(5);
const words = Array.from({ length: 200 }, () => randomWord(rand, WORDS, 5, 0.1));
const ids = (bpe: BPE, w: string) => bpe.tokenize(w).map((t) => t.id);
const plainBpe = new BPE(data.vocab, data.merges, { unkToken: "<unk>" });

describe("BPE-dropout", () => {
  test("the same seed gives the same tokens; another seed differs", () => {
    const run = (seed: number) => {
      const bpe = bpeFromJson(bpeModel(data, { dropout: 0.3, unk_token: "<unk>" }), "model", { seed });
      return words.map((w) => ids(bpe, w));
    };
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
  });

  test("p = 0 equals no dropout, and the binding", async () => {
    const plain = bpeFromJson(bpeModel(data, { unk_token: "<unk>" }));
    const zero = bpeFromJson(bpeModel(data, { unk_token: "<unk>", dropout: 0 }));
    for (const w of words) assert.deepEqual(ids(zero, w), ids(plain, w));
    const hf = hfTokenizer(bpeModel(data, { unk_token: "<unk>", dropout: 0 }));
    for (const w of words) await assertSame(zero, hf, w);
  });

  test("p = 1 gives characters only, as the binding does (ignore_merges is then off, as in HF)", async () => {
    for (const ignore of [false, true]) {
      const model = bpeModel(data, { unk_token: "<unk>", dropout: 1, ignore_merges: ignore });
      const ours = bpeFromJson(model);
      const hf = hfTokenizer(model);
      for (const w of words) {
        const tokens = ours.tokenize(w);
        for (const t of tokens) assert.ok(t.value === "<unk>" || Array.from(t.value).length === 1, t.value);
        await assertSame(ours, hf, w);
      }
    }
  });

  test("p = 1 on a byte-level vocabulary gives one token per byte-level character", async () => {
    const model = bpeModel(r50kBpe(), { dropout: 1 });
    const ours = bpeFromJson(model);
    const hf = hfTokenizer(model);
    for (const w of [" hello world", " café", "中文😀"].map(toByteLevel)) {
      assert.equal(ours.tokenize(w).length, w.length);
      await assertSame(ours, hf, w);
    }
  });

  test("token counts fall between no dropout and p = 1, growing with p", () => {
    const count = (p: number) => {
      const bpe = new BPE(data.vocab, data.merges, { dropout: p, unkToken: "<unk>", seed: 3 });
      let n = 0;
      for (const w of words) n += bpe.tokenize(w).length;
      return n;
    };
    const counts = [0, 0.1, 0.5, 1].map(count);
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i] > counts[i - 1], `${counts}`);
  });

  test("id for id, the merge loop of HF's word.rs with its dropout rule on the same random stream", () => {
    // HF cannot be seeded, so the reference is written here from tokenizers/src/models/bpe/word.rs
    // (`merge_all`): every pop draws once; a drawn entry below p is set aside; any entry that is
    // not dropped first puts every set-aside entry back, then is checked for staleness.
    const vocab = new Map(Object.entries(data.vocab));
    const mergeMap = new Map<string, { rank: number; newId: number }>();
    data.merges.forEach(([a, b], rank) => {
      // HF collects the merges into a hash map: a repeated pair keeps its last rank.
      mergeMap.set(`${vocab.get(a)},${vocab.get(b)}`, { rank, newId: vocab.get(a + b) as number });
    });
    const reference = (word: string, p: number, random: () => number): number[] => {
      const symbols = Array.from(word).map((ch, i, all) => ({
        c: vocab.get(ch) ?? (vocab.get("<unk>") as number),
        prev: i - 1,
        next: i + 1 < all.length ? i + 1 : -1,
        len: 1,
      }));
      type Entry = { pos: number; rank: number; newId: number };
      const queue: Entry[] = [];
      const pushPair = (pos: number, right: number) => {
        const m = mergeMap.get(`${symbols[pos].c},${symbols[right].c}`);
        if (m) queue.push({ pos, ...m });
      };
      for (let i = 0; i + 1 < symbols.length; i++) pushPair(i, i + 1);
      const popMin = (): Entry => {
        let best = 0;
        for (let k = 1; k < queue.length; k++) {
          const q = queue[k];
          const b = queue[best];
          if (q.rank < b.rank || (q.rank === b.rank && q.pos < b.pos)) best = k;
        }
        return queue.splice(best, 1)[0];
      };
      const skip: Entry[] = [];
      while (queue.length > 0) {
        const top = popMin();
        if (random() < p) {
          skip.push(top);
          continue;
        }
        queue.push(...skip.splice(0));
        const left = symbols[top.pos];
        if (left.len === 0 || left.next === -1) continue;
        const right = symbols[left.next];
        if (mergeMap.get(`${left.c},${right.c}`)?.newId !== top.newId) continue;
        left.c = top.newId;
        left.len += right.len;
        right.len = 0;
        left.next = right.next;
        if (right.next !== -1) symbols[right.next].prev = top.pos;
        if (left.prev >= 0) pushPair(left.prev, top.pos);
        if (left.next !== -1) pushPair(top.pos, left.next);
      }
      return symbols.filter((s) => s.len > 0).map((s) => s.c);
    };
    for (const [p, seed] of [
      [0.1, 1],
      [0.3, 2],
      [0.6, 3],
    ]) {
      const ours = new BPE(data.vocab, data.merges, { dropout: p, unkToken: "<unk>", seed });
      const random = seededRandom(seed);
      let differs = 0;
      for (const w of words) {
        const expected = reference(w, p, random);
        assert.deepEqual(ids(ours, w), expected, `p ${p}: ${w}`);
        if (expected.join() !== ids(plainBpe, w).join()) differs++;
      }
      // The comparison covers words that dropout changed, not only ones it left alone.
      assert.ok(differs > 10, `p ${p}: ${differs} words changed`);
    }
  });

  test("dropout outside [0, 1] is rejected", () => {
    assert.throws(() => new BPE(data.vocab, data.merges, { dropout: 1.5 }), /between 0 and 1/);
    assert.throws(() => new BPE(data.vocab, data.merges, { dropout: -0.1 }), /between 0 and 1/);
    assert.throws(() => new BPE(data.vocab, data.merges, { dropout: Number.NaN }), /between 0 and 1/);
  });
});
