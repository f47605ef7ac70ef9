import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { seededRandom } from "../../src/core/random.js";
import { spread } from "../../src/eval/spread.js";
import { trainBpe } from "../../src/train/bpe-trainer.js";
import { type ParityBpeOptions, trainParityBpe } from "../../src/train/parity-bpe.js";
import type { TrainedBpe } from "../../src/train/types.js";
import {
  applyMerge,
  gpt2ByteOrder,
  latin1,
  type NaiveParityOptions,
  naiveParity,
} from "../support/train/naive-parity.js";
import { type Counts, SCRIPTS, syntheticCorpus } from "../support/train/synthetic-languages.js";

/**
 * Small multilingual piece counts with what makes the rule bite: languages of different scripts
 * and sizes, pieces shared across languages (merged in the run's global counts), pieces of one
 * byte (no pair, but tokens on the dev side), and repeated letters (overlapping pairs).
 */
function tinyCorpus(seed: number): { train: Map<string, Counts>; dev: Map<string, Counts> } {
  const rnd = seededRandom(seed);
  const langs: Array<[string, string[], number, number]> = [
    ["lat", ["a", "b", "c", "aa", "e"], 1, 5],
    ["cyr", ["д", "а", "ж", "дд"], 1, 4],
    ["dev", ["क", "ख", "ा", "क्"], 1, 3],
  ];
  const train = new Map<string, Counts>();
  const dev = new Map<string, Counts>();
  for (const [i, [name, alphabet, minLen, maxLen]] of langs.entries()) {
    const words: string[] = [];
    for (let k = 0; k < 25; k++) {
      let w = "";
      const len = minLen + Math.floor(rnd() * (maxLen - minLen + 1));
      for (let c = 0; c < len; c++) w += alphabet[Math.floor(rnd() * alphabet.length)];
      words.push(rnd() < 0.7 ? ` ${w}` : w);
    }
    const t: Counts = new Map();
    const d: Counts = new Map();
    const size = i === 2 ? 40 : 150; // the third language has far less training text
    for (let k = 0; k < size; k++) {
      const w = words[Math.floor(rnd() ** 2 * words.length)];
      t.set(w, (t.get(w) ?? 0) + 1 + Math.floor(rnd() * 3));
    }
    for (let k = 0; k < 30; k++) {
      const w = words[Math.floor(rnd() * words.length)];
      d.set(w, (d.get(w) ?? 0) + 1);
    }
    for (const shared of [" the", ",", "."]) {
      t.set(shared, (t.get(shared) ?? 0) + 3);
      d.set(shared, (d.get(shared) ?? 0) + 2);
    }
    train.set(name, t);
    dev.set(name, d);
  }
  return { train, dev };
}

function sameAsNaive(
  train: Map<string, Counts>,
  dev: Map<string, Counts>,
  options: ParityBpeOptions & NaiveParityOptions,
): void {
  const served: Array<string | null> = [];
  const ours = trainParityBpe(train, dev, { ...options, onStep: (s) => served.push(s.language) });
  const ref = naiveParity(train, dev, options);
  assert.deepEqual(ours.tokens.map(latin1), ref.tokens, "vocabulary (bytes by id)");
  assert.deepEqual(
    ours.merges.map(([a, b]) => [a, b]),
    ref.merges,
    "merges",
  );
  assert.deepEqual(served, ref.served, "language served by each merge");
}

describe("trainParityBpe equals the naive recount-everything rule", () => {
  const combos: Array<Partial<ParityBpeOptions & NaiveParityOptions>> = [
    { mode: "base" },
    { mode: "base", tieBreak: "id" },
    { mode: "base", minFrequency: 3 },
    { mode: "base", maxTokenLength: { value: 4, unit: "bytes" } },
    { mode: "window", windowSize: 6, windowAlpha: 1 },
    { mode: "window", windowSize: 20, windowAlpha: 1.5, tieBreak: "id" },
    { mode: "ratio" },
    { mode: "ratio", ratios: { lat: 2, cyr: 1, dev: 0.5 } },
    { mode: "hybrid", globalMerges: 15 },
    { mode: "window", globalMerges: 10, windowSize: 8 },
  ];
  for (const [i, combo] of combos.entries()) {
    test(`options ${JSON.stringify(combo)}`, () => {
      for (const seed of [1, 2, 3]) {
        const { train, dev } = tinyCorpus(seed * 17 + i);
        sameAsNaive(train, dev, { vocabSize: 256 + 90, ...combo } as ParityBpeOptions & NaiveParityOptions);
      }
    });
  }

  test("the tiny corpora exercise the rule: every language is served, unlike plain BPE's order", () => {
    const { train, dev } = tinyCorpus(4);
    const all: Counts = new Map();
    for (const c of train.values()) for (const [p, n] of c) all.set(p, (all.get(p) ?? 0) + n);
    const served = new Set<string | null>();
    const parity = trainParityBpe(train, dev, { vocabSize: 256 + 90, onStep: (s) => served.add(s.language) });
    assert.deepEqual([...served].sort(), ["cyr", "dev", "lat"]);
    assert.notDeepEqual(parity.merges, trainBpe(all, { vocabSize: 256 + 90 }).merges);
  });

  test("runs until no language has a pair left", () => {
    const { train, dev } = tinyCorpus(5);
    sameAsNaive(train, dev, { vocabSize: 5000 });
    const t = trainParityBpe(train, dev, { vocabSize: 5000 });
    assert.ok(t.tokens.length < 5000, "stopped before the budget");
  });
});

/** Dev token count of each language under a trained merge list (an independent replay). */
function devTokens(trained: TrainedBpe, dev: Map<string, Counts>): number[] {
  const byteId: number[] = [];
  gpt2ByteOrder().forEach((b, i) => {
    byteId[b] = i;
  });
  const key = (bytes: Uint8Array) => latin1(bytes);
  const ids = new Map(trained.tokens.map((t, id) => [key(t), id] as const));
  const mergedIds = trained.merges.map(([a, b]) => ids.get(key(trained.tokens[a]) + key(trained.tokens[b]))!);
  const enc = new TextEncoder();
  return [...dev.values()].map((counts) => {
    let total = 0;
    for (const [piece, n] of counts) {
      let syms = [...enc.encode(piece)].map((b) => byteId[b]);
      trained.merges.forEach(([a, b], k) => {
        syms = applyMerge(syms, a, b, mergedIds[k]);
      });
      total += n * syms.length;
    }
    return total;
  });
}

describe("degenerate settings reduce to plain BPE", () => {
  test("one language: the same merges as trainBpe, byte and character base", () => {
    const { train } = tinyCorpus(9);
    const lat = train.get("lat")!;
    for (const extra of [
      { base: "byte" as const },
      { base: "byte" as const, tieBreak: "id" as const, minFrequency: 2 },
      { base: "char" as const },
      { base: "char" as const, maxTokenLength: { value: 2, unit: "chars" as const } },
    ]) {
      for (const mode of ["base", "window", "ratio"] as const) {
        const options = { vocabSize: 256 + 60 + 20, ...extra };
        const plain = trainBpe(lat, options);
        const parity = trainParityBpe(new Map([["lat", lat]]), new Map([["lat", lat]]), { ...options, mode });
        assert.deepEqual(parity.merges, plain.merges, `${mode} ${JSON.stringify(extra)}`);
        assert.deepEqual(parity.tokens, plain.tokens);
      }
    }
  });

  test("hybrid whose global merges cover the budget is trainBpe on the concatenated corpus", () => {
    const { train, dev } = tinyCorpus(11);
    const all: Counts = new Map();
    for (const c of train.values()) for (const [p, n] of c) all.set(p, (all.get(p) ?? 0) + n);
    for (const vocabSize of [256 + 40, 256 + 400]) {
      const plain = trainBpe(all, { vocabSize });
      const hybrid = trainParityBpe(train, dev, { vocabSize, mode: "hybrid", globalMerges: vocabSize });
      assert.deepEqual(hybrid.merges, plain.merges);
      assert.deepEqual(hybrid.tokens, plain.tokens);
      assert.equal(hybrid.config.algorithm, "parity-bpe");
    }
  });
});

describe("on synthetic languages, parity narrows the spread of dev token counts", () => {
  const languages = [
    { name: "latin", alphabet: SCRIPTS.latin, minLength: 2, maxLength: 6, trainWords: 20_000 },
    { name: "cyrillic", alphabet: SCRIPTS.cyrillic, minLength: 3, maxLength: 8, trainWords: 20_000 },
    { name: "devanagari", alphabet: SCRIPTS.devanagari, minLength: 2, maxLength: 5, trainWords: 20_000 },
    // Low resource: ten times less training text, long words in a 3-byte script.
    { name: "georgian", alphabet: SCRIPTS.georgian, minLength: 5, maxLength: 10, trainWords: 2_000 },
  ];
  const { train, dev } = syntheticCorpus(7, languages, {
    concepts: 400,
    devSentences: 60,
    sentenceLength: 12,
  });
  const devBytes = [...dev.values()].reduce((s, c) => {
    for (const [p, n] of c) s += n * new TextEncoder().encode(p).length;
    return s;
  }, 0);
  const all: Counts = new Map();
  for (const c of train.values()) for (const [p, n] of c) all.set(p, (all.get(p) ?? 0) + n);

  for (const vocabSize of [256 + 300, 256 + 800]) {
    test(`vocab ${vocabSize}: max/min and Gini narrower, global compression within 5%`, () => {
      const plainCounts = devTokens(trainBpe(all, { vocabSize }), dev);
      const plain = spread(plainCounts);
      for (const mode of ["base", "window"] as const) {
        const parityCounts = devTokens(trainParityBpe(train, dev, { vocabSize, mode }), dev);
        const parity = spread(parityCounts);
        assert.ok(
          parity.maxOverMin < plain.maxOverMin,
          `${mode} max/min ${parity.maxOverMin} vs ${plain.maxOverMin}`,
        );
        assert.ok(parity.gini < plain.gini * 0.8, `${mode} Gini ${parity.gini} vs ${plain.gini}`);
        const plainRate = devBytes / plainCounts.reduce((a, b) => a + b, 0);
        const parityRate = devBytes / parityCounts.reduce((a, b) => a + b, 0);
        const loss = 1 - parityRate / plainRate;
        assert.ok(loss < 0.05, `${mode} global compression loss ${loss}`);
      }
    });
  }
});

describe("the default mode narrows the spread on held-out parallel text", () => {
  // Decision 0035: what the CLI runs without options is `base` on a parallel dev set; the
  // property the method exists for must hold on text that was not the dev set.
  const languages = [
    { name: "latin", alphabet: SCRIPTS.latin, minLength: 2, maxLength: 5, trainWords: 30_000 },
    { name: "cyrillic", alphabet: SCRIPTS.cyrillic, minLength: 4, maxLength: 9, trainWords: 8_000 },
    { name: "devanagari", alphabet: SCRIPTS.devanagari, minLength: 3, maxLength: 7, trainWords: 4_000 },
    { name: "georgian", alphabet: SCRIPTS.georgian, minLength: 5, maxLength: 10, trainWords: 1_500 },
  ];
  for (const seed of [3, 21]) {
    const { train, dev, heldOut } = syntheticCorpus(seed, languages, {
      concepts: 300,
      devSentences: 40,
      sentenceLength: 10,
      heldOutSentences: 40,
    });
    const all: Counts = new Map();
    for (const c of train.values()) for (const [p, n] of c) all.set(p, (all.get(p) ?? 0) + n);
    for (const vocabSize of [256 + 200, 256 + 600]) {
      test(`seed ${seed}, vocab ${vocabSize}: max/min of held-out token counts ≤ plain BPE's`, () => {
        const plain = spread(devTokens(trainBpe(all, { vocabSize, minFrequency: 2 }), heldOut));
        const options: ParityBpeOptions = { vocabSize, minFrequency: 2 };
        const parity = spread(devTokens(trainParityBpe(train, dev, options), heldOut));
        assert.ok(
          parity.maxOverMin <= plain.maxOverMin,
          `default ${parity.maxOverMin.toFixed(3)} vs plain ${plain.maxOverMin.toFixed(3)}`,
        );
        // The test can fail: plain BPE on this mixture is far from parity.
        assert.ok(plain.maxOverMin > 1.2, `plain ${plain.maxOverMin}`);
      });
    }
  }
});

describe("bad input gets a clear error", () => {
  const { train, dev } = tinyCorpus(1);
  const cases: Array<[string, () => unknown, RegExp]> = [
    [
      "dev missing a language",
      () => trainParityBpe(train, new Map([["lat", dev.get("lat")!]]), { vocabSize: 300 }),
      /no dev text for cyr, dev/,
    ],
    [
      "dev has an extra language",
      () => trainParityBpe(train, new Map([...dev, ["xx", new Map([["a", 1]])]]), { vocabSize: 300 }),
      /xx, which has no training text/,
    ],
    [
      "empty dev text",
      () => trainParityBpe(train, new Map([...dev, ["lat", new Map()]]), { vocabSize: 300 }),
      /dev text of lat is empty/,
    ],
    [
      "hybrid without global merges",
      () => trainParityBpe(train, dev, { vocabSize: 300, mode: "hybrid" }),
      /needs globalMerges/,
    ],
    [
      "unknown mode",
      () => trainParityBpe(train, dev, { vocabSize: 300, mode: "fair" as "base" }),
      /unknown parity mode/,
    ],
    [
      "bad ratio",
      () => trainParityBpe(train, dev, { vocabSize: 300, mode: "ratio", ratios: { lat: 0 } }),
      /ratio of lat/,
    ],
    [
      "ratio of an unknown language",
      () => trainParityBpe(train, dev, { vocabSize: 300, mode: "ratio", ratios: { xx: 1 } }),
      /ratio for xx/,
    ],
    [
      "bad window",
      () => trainParityBpe(train, dev, { vocabSize: 300, mode: "window", windowSize: 0 }),
      /windowSize/,
    ],
    ["no languages", () => trainParityBpe(new Map(), new Map(), { vocabSize: 300 }), /at least one language/],
  ];
  for (const [name, run, message] of cases) test(name, () => assert.throws(run, message));

  test("ratio mode needs no dev set", () => {
    const t = trainParityBpe(train, new Map(), { vocabSize: 300, mode: "ratio" });
    assert.equal(t.merges.length, 44);
  });
});
