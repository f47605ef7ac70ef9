import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Unigram as HfUnigram, Tokenizer } from "tokenizers";
import { Unigram } from "../../../src/core/models/unigram.js";
import { assertSame, randomWord, seededRandom, substrings, WORDS } from "../../support/hf/models.js";

type Vocab = [string, number][];

const hex = (b: number) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`;

/**
 * Substrings of the test words with seeded scores. `ties` rounds scores to halves so that equal
 * path scores are common (HF keeps the first best candidate; so must we).
 */
function buildVocab(seed: number, ties: boolean, unk: string | null = "<unk>"): Vocab {
  const rand = seededRandom(seed);
  const { initial, inner } = substrings(WORDS, 5);
  const vocab: Vocab = unk === null ? [] : [[unk, 0]];
  for (const piece of new Set([...initial, ...inner])) {
    const score = ties ? -(1 + Math.floor(rand() * 6)) - (rand() < 0.5 ? 0.5 : 0) : -1 - 11 * rand();
    vocab.push([piece, score]);
  }
  return vocab;
}

function withBytes(vocab: Vocab, keep: (b: number) => boolean = () => true): Vocab {
  const out: Vocab = [...vocab];
  for (let b = 0; b < 256; b++) if (keep(b)) out.push([hex(b), 0]);
  return out;
}

interface Setup {
  readonly vocab: Vocab;
  readonly unkId?: number;
  readonly byteFallback?: boolean;
}

const tied = buildVocab(11, true);
const SETUPS: Record<string, Setup> = {
  "tied scores, unk 0": { vocab: tied, unkId: 0 },
  "continuous scores, unk 0": { vocab: buildVocab(12, false), unkId: 0 },
  "repeated pieces (last id wins), unk in the middle": {
    vocab: [...tied.slice(1, 40), ["<unk>", -3], ...tied.slice(40), ["ab", -0.25], ["中", -30], ["a", -0.1]],
    unkId: 39,
  },
  "byte fallback, all bytes": { vocab: withBytes(tied), unkId: 0, byteFallback: true },
  "byte fallback, some bytes": {
    vocab: withBytes(buildVocab(13, true), (b) => b < 0x80 || b === 0xc3 || b === 0xa9),
    unkId: 0,
    byteFallback: true,
  },
  "byte fallback, no unk id": { vocab: withBytes(buildVocab(14, true, null)), byteFallback: true },
  "no unk id": { vocab: buildVocab(15, true, null) },
  // Characters that start longer pieces but are no piece alone still get an unknown node.
  "missing single characters": {
    vocab: buildVocab(16, false).filter(([piece]) => !["b", "l", "y", "ü", "字", "😀"].includes(piece)),
    unkId: 0,
  },
  "missing single characters, positive scores, byte fallback": {
    vocab: withBytes(
      buildVocab(17, true)
        .filter(([piece]) => !["a", "e", "o", "文"].includes(piece))
        .map(([piece, score]) => [piece, piece.length > 2 ? score + 12 : score]),
    ),
    unkId: 0,
    byteFallback: true,
  },
};

function pair(setup: Setup): [Unigram, Tokenizer] {
  const options = { unkId: setup.unkId, byteFallback: setup.byteFallback };
  return [new Unigram(setup.vocab, options), new Tokenizer(HfUnigram.init(setup.vocab, options))];
}

const FIXTURES = [
  "unaffable",
  "helloworldtokenizer",
  "abababab",
  "aaaaaaa",
  "café naïve",
  "cafe\u0301",
  "中文字日本語中",
  "😀😀👍🏽",
  "xyz",
  "ΩΩhelloΩ",
  "a<unk>b",
  "<unk><unk>",
  "<0x41><0xC3>",
  "\ud800a\udfff",
  "🇫🇷👨‍👩‍👧",
];

describe("Unigram matches the Hugging Face binding", () => {
  for (const [name, setup] of Object.entries(SETUPS)) {
    test(`${name}: fixtures and seeded random words`, async () => {
      const [ours, hf] = pair(setup);
      for (const word of FIXTURES) await assertSame(ours, hf, word);
      const rand = seededRandom(0xc0ffee + name.length);
      for (let i = 0; i < 400; i++) await assertSame(ours, hf, randomWord(rand, WORDS, 10, 0.15));
    });
  }

  test("a 100k-character segment without spaces", async () => {
    const [ours, hf] = pair(SETUPS["byte fallback, some bytes"]);
    const rand = seededRandom(3);
    let text = "";
    while (text.length < 100_000) text += randomWord(rand, WORDS, 10, 0.15);
    await assertSame(ours, hf, text);
  });

  test("vocabulary size and id/token lookups (repeated pieces count)", () => {
    const setup = SETUPS["repeated pieces (last id wins), unk in the middle"];
    const [ours, hf] = pair(setup);
    assert.equal(ours.vocabSize, hf.getVocabSize(false));
    setup.vocab.forEach(([piece], id) => {
      assert.equal(ours.tokenToId(piece), hf.tokenToId(piece), piece);
      assert.equal(ours.idToToken(id), hf.idToToken(id), String(id));
    });
  });
});

describe("Unigram semantics", () => {
  const pieces: Vocab = [
    ["<unk>", 0],
    ["a", 0],
    ["b", 0],
    ["c", 0],
    ["d", 0],
    ["cd", 1],
    ["ab", 2],
    ["abc", 5],
    ["abcd", 10],
  ];

  test("Viterbi picks the best path and fuses unknown characters (HF's doc example)", () => {
    const ug = new Unigram(pieces, { unkId: 0 });
    assert.deepEqual(
      ug.tokenize("abcdacdxx").map((t) => t.value),
      ["abcd", "a", "cd", "xx"],
    );
    assert.deepEqual(ug.tokenize("abcdacdxx").at(-1), { id: 0, value: "xx", start: 7, end: 9 });
  });

  test("unknown score is the lowest score minus 10", () => {
    const ug = new Unigram(pieces, { unkId: 0 });
    assert.equal(ug.minScore, 0);
    assert.equal(
      new Unigram(
        [
          ["<unk>", -2],
          ["a", -7],
        ],
        { unkId: 0 },
      ).minScore,
      -7,
    );
  });

  test("byte fallback: every byte token spans the whole unknown span", () => {
    const ug = new Unigram(
      withBytes([
        ["<unk>", 0],
        ["a", -1],
      ]),
      { unkId: 0, byteFallback: true },
    );
    assert.deepEqual(ug.tokenize("é"), [
      { id: 2 + 0xc3, value: "<0xC3>", start: 0, end: 1 },
      { id: 2 + 0xa9, value: "<0xA9>", start: 0, end: 1 },
    ]);
  });

  test("construction errors as in HF", () => {
    assert.throws(() => new Unigram([], { unkId: 0 }), /vocabulary is empty/);
    assert.throws(() => new Unigram([["a", 0]], { unkId: 1 }), /larger than vocabulary size/);
    assert.throws(() => new Unigram([["a", 0]]).tokenize("b"), /`unk_id` is missing/);
  });

  test("an empty word has no tokens", () => {
    assert.deepEqual(new Unigram(pieces, { unkId: 0 }).tokenize(""), []);
  });

  test("a 1 MB segment without spaces", () => {
    const ug = new Unigram(buildVocab(11, true), { unkId: 0 });
    const rand = seededRandom(5);
    let text = "";
    while (text.length < 1_000_000) text += randomWord(rand, WORDS, 10, 0.15);
    const sink = { ids: [] as number[], starts: [] as number[], ends: [] as number[] };
    const n = ug.tokenizeInto(text, 0, text.length, sink);
    assert.ok(n > 100_000);
    assert.equal(sink.starts[0], 0);
    assert.equal(sink.ends[n - 1], text.length);
    for (let k = 1; k < n; k++)
      assert.ok(sink.starts[k] >= sink.ends[k - 1] || sink.starts[k] === sink.starts[k - 1]);
  });

  test("cost is linear: 8x longer input costs less than 16x", () => {
    const ug = new Unigram(withBytes(buildVocab(11, true)), { unkId: 0, byteFallback: true });
    const rand = seededRandom(6);
    let big = "";
    while (big.length < 400_000) big += randomWord(rand, WORDS, 10, 0.15);
    const small = big.slice(0, 50_000);
    const sink = { ids: [] as number[], starts: [] as number[], ends: [] as number[] };
    const time = (text: string, reps: number) => {
      const t0 = performance.now();
      for (let r = 0; r < reps; r++) {
        sink.ids.length = sink.starts.length = sink.ends.length = 0;
        ug.tokenizeInto(text, 0, text.length, sink);
      }
      return (performance.now() - t0) / reps;
    };
    time(big, 2); // warm up
    const best = (text: string) => Math.min(time(text, 8), time(text, 8), time(text, 8));
    const ratio = best(big) / best(small);
    assert.ok(ratio < 16, `8x input cost ${ratio.toFixed(1)}x`);
  });
});
