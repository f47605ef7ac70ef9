import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { superwordPieces } from "../../src/core/pretokenize/superword.js";
import { trainBpe } from "../../src/train/bpe-trainer.js";
import { trainSuperBpe } from "../../src/train/superbpe.js";
import { hasColonSpace, superwordVeto, wordCount } from "../../src/train/superbpe-veto.js";
import { TokenTable } from "../../src/train/token-table.js";
import type { TrainedBpe } from "../../src/train/types.js";
import {
  countPieces,
  generateText,
  gpt2Pieces,
  MergeListEncoder,
  naiveSuperBpe,
} from "../support/train/superbpe.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Paragraphs are the documents: stage 1 and stage 2 count the same text. */
function corpus(seed: number, paragraphs: number) {
  const docs = generateText(seed, paragraphs).split("\n\n");
  return { stage1: countPieces(docs, gpt2Pieces), stage2: countPieces(docs, superwordPieces) };
}

const learned = (t: TrainedBpe) => t.tokens.slice(t.firstMergeId);
/** A token with a space between two non-space bytes crosses a word boundary. */
const crossesSpace = (b: Uint8Array) => /[^ ] +[^ ]/.test(latin1(b));

const BIG = corpus(11, 1500);
const VOCAB = 256 + 1200;
const TRANSITION = 256 + 700;
const superBpe = trainSuperBpe(BIG.stage1, BIG.stage2, { vocabSize: VOCAB, transition: TRANSITION });

describe("trainSuperBpe", () => {
  test("the stage-1 merges are plain BPE's first merges", () => {
    const plain = trainBpe(BIG.stage1, { vocabSize: VOCAB });
    const atTransition = trainBpe(BIG.stage1, { vocabSize: TRANSITION });
    const n = superBpe.config.stage1Merges as number;
    assert.equal(n, atTransition.merges.length);
    assert.ok(n >= TRANSITION - 256 - 5, `stage 1 learned ${n} merges`);
    assert.deepEqual(superBpe.merges.slice(0, n), plain.merges.slice(0, n));
    assert.deepEqual(
      superBpe.tokens.slice(0, TRANSITION).map(latin1),
      plain.tokens.slice(0, TRANSITION).map(latin1),
    );
    assert.equal(superBpe.tokens.length, VOCAB);
    assert.equal(superBpe.config.algorithm, "superbpe");
    assert.equal(superBpe.pieces.preset, "superword");
  });

  test("stage 2 learns superwords that cross spaces, among them the repeated expressions", () => {
    const stage1Tokens = superBpe.tokens.slice(superBpe.firstMergeId, TRANSITION);
    assert.equal(stage1Tokens.filter(crossesSpace).length, 0, "stage 1 stays within words");
    const superwords = learned(superBpe).filter(crossesSpace).map(text);
    assert.ok(superwords.length > 50, `${superwords.length} superwords`);
    for (const mwe of [" the way", " matter of", " other hand", " same time", " in order to"]) {
      assert.ok(
        superwords.some((w) => w.includes(mwe)),
        `a superword contains ${JSON.stringify(mwe)}`,
      );
    }
  });

  test("no learned token has more than 4 words or a colon followed by a space", () => {
    for (const t of learned(superBpe)) {
      assert.ok(wordCount(t) <= 4, `${JSON.stringify(text(t))} has ${wordCount(t)} words`);
      assert.ok(!text(t).includes(": "), JSON.stringify(text(t)));
    }
  });

  test("without the vetoes the same corpus yields 5+ word and colon-space tokens (the vetoes bite)", () => {
    const free = trainSuperBpe(BIG.stage1, BIG.stage2, {
      vocabSize: VOCAB,
      transition: TRANSITION,
      maxWords: Number.POSITIVE_INFINITY,
      colonSpace: false,
    });
    assert.ok(
      learned(free).some((t) => wordCount(t) > 4),
      "a token of more than 4 words",
    );
    assert.ok(
      learned(free).some((t) => text(t).includes(": ")),
      "a colon-space token",
    );
    const three = trainSuperBpe(BIG.stage1, BIG.stage2, {
      vocabSize: VOCAB,
      transition: TRANSITION,
      maxWords: 2,
    });
    assert.ok(learned(three).every((t) => wordCount(t) <= 2));
  });

  test("bytes per token on held-out text: SuperBPE > BPE at equal vocabulary", () => {
    const heldOut = generateText(99, 300).split("\n\n");
    const plain = trainBpe(BIG.stage1, { vocabSize: VOCAB });
    const n = heldOut.reduce((s, d) => s + bytes(d).length, 0);
    const bpeTokens = new MergeListEncoder(plain).count(heldOut.flatMap(gpt2Pieces));
    const superTokens = new MergeListEncoder(superBpe).count(heldOut.flatMap(superwordPieces));
    const gain = n / superTokens / (n / bpeTokens);
    assert.ok(
      gain > 1.15,
      `bytes/token BPE ${(n / bpeTokens).toFixed(3)}, SuperBPE ${(n / superTokens).toFixed(3)}`,
    );
  });

  test("equals a naive recount-everything SuperBPE (byte and id tie rules)", () => {
    for (const [seed, tieBreak] of [
      [1, "bytes"],
      [2, "id"],
      [3, "bytes"],
    ] as const) {
      const { stage1, stage2 } = corpus(seed, 40);
      const o = { vocabSize: 256 + 160, transition: 256 + 70, tieBreak, maxWords: 3 };
      const ours = trainSuperBpe(stage1, stage2, o);
      const ref = naiveSuperBpe(stage1, stage2, { ...o, base: "byte" });
      assert.deepEqual(ours.tokens.map(latin1), ref.tokens, `vocabulary, seed ${seed}`);
      assert.deepEqual(
        ours.merges.map(([a, b]) => [a, b]),
        ref.merges,
        `merges, seed ${seed}`,
      );
    }
  });

  test("transition = vocab size is plain BPE; bad transitions are clear errors", () => {
    const { stage1, stage2 } = corpus(4, 60);
    const same = trainSuperBpe(stage1, stage2, { vocabSize: 400, transition: 400 });
    assert.deepEqual(same.merges, trainBpe(stage1, { vocabSize: 400 }).merges);
    assert.throws(
      () => trainSuperBpe(stage1, stage2, { vocabSize: 400, transition: 401 }),
      /larger than the vocab size/,
    );
    assert.throws(
      () => trainSuperBpe(stage1, stage2, { vocabSize: 400, transition: 100 }),
      /transition 100: .*fixed part/,
    );
    assert.throws(
      () => trainSuperBpe(stage1, stage2, { vocabSize: 400, transition: 2.5 }),
      /positive integer/,
    );
  });

  test("a seen-bytes alphabet must cover stage 2", () => {
    const stage1 = new Map([["ab", 3]]);
    const stage2 = new Map([["ab c", 3]]);
    assert.throws(
      () => trainSuperBpe(stage1, stage2, { vocabSize: 300, transition: 260, byteAlphabet: "seen" }),
      /byte 0x20, which stage 1 never saw/,
    );
  });
});

describe("superwordVeto", () => {
  const table = new TokenTable();
  const id = (s: string) => table.add(bytes(s), true);

  test("counts words on space bytes only, as the authors' trainer splits on Ġ", () => {
    assert.equal(wordCount(bytes(" by the"), bytes(" way")), 3);
    assert.equal(wordCount(bytes("  a  b ")), 2);
    assert.equal(wordCount(bytes("a\tb\nc")), 1);
    assert.equal(wordCount(bytes("   ")), 0);
    assert.equal(wordCount(bytes("")), 0);
  });

  test("finds a colon followed by a space, also across the two halves", () => {
    assert.ok(hasColonSpace(bytes("Q:"), bytes(" x")));
    assert.ok(hasColonSpace(bytes("a: b")));
    assert.ok(!hasColonSpace(bytes("a:"), bytes("b ")));
    assert.ok(!hasColonSpace(bytes("a :b")));
    assert.ok(!hasColonSpace(bytes(":\t")));
  });

  test("vetoes exactly the pairs whose merge breaks a rule", () => {
    const veto = superwordVeto();
    assert.equal(veto(id(" as a"), id(" matter of"), table), false); // 4 words
    assert.equal(veto(id(" as a matter"), id(" of fact"), table), true); // 5 words
    assert.equal(veto(id("Answer:"), id(" yes"), table), true);
    assert.equal(veto(id("Answer"), id(":"), table), false);
    assert.equal(superwordVeto({ colonSpace: false })(id("Answer:"), id(" yes"), table), false);
    assert.throws(() => superwordVeto({ maxWords: 0 }), /≥ 1/);
  });
});
