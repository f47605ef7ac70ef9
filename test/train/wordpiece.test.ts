/**
 * The WordPiece trainer against Hugging Face's WordPieceTrainer (the `tokenizers` binding's
 * `Tokenizer.train` on a WordPiece model, whose default trainer it is) on the same text: the
 * same set of tokens. Hugging Face numbers the `##c` tokens in hash-map order, which changes
 * from run to run, so ids are not compared; the vocabulary is. Then our tokenizer.json, loaded
 * by the binding and by toklab, gives the same ids on varied text.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { bertNormalizer, bertPreTokenizer, Tokenizer, WordPiece } from "tokenizers";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { bertPipelineJson, wordPieceTokenizerJson } from "../../src/formats/trained/wordpiece-json.js";
import { trainWordPiece } from "../../src/train/wordpiece/trainer.js";
import { addWords } from "../../src/train/wordpiece/words.js";
import { adversarialStrings, toWellFormed } from "../support/adversarial.js";
import { textFixtures } from "../support/fixtures.js";
import { zipfCorpus } from "../support/train/zipf-corpus.js";

function bert() {
  return loadTokenizerJson({
    ...bertPipelineJson(),
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: { "[UNK]": 0 },
    },
  });
}

function hfVocabulary(file: string): Record<string, number> {
  const hf = new Tokenizer(WordPiece.empty() as never);
  hf.setNormalizer(bertNormalizer());
  hf.setPreTokenizer(bertPreTokenizer());
  hf.train([file]);
  return hf.getVocab();
}

// Hugging Face numbers the `##c` tokens in hash-map order and breaks ties between equally
// frequent pairs by id, so its vocabulary changes from run to run (on the fixtures, by hundreds
// of tokens). Over ten of its runs: every token all of them learn, we learn, and every token we
// learn, one of them learns. Ten, not three: in one CI run (2026-12-07) a token we learn at a
// tie, `192`, was missing from all three.
for (const [name, text] of [["generated language", zipfCorpus(8, 9, 1500)]] as const) {
  test(`${name}: the vocabulary of Hugging Face's WordPieceTrainer, up to its tie order`, () => {
    const dir = mkdtempSync(join(tmpdir(), "toklab-wordpiece-"));
    try {
      const file = join(dir, "corpus.txt");
      writeFileSync(file, `${text}\n`);
      const runs = Array.from({ length: 10 }, () => new Set(Object.keys(hfVocabulary(file))));
      const counts = new Map<string, number>();
      addWords(counts, bert(), readFileSync(file, "utf8"));
      const ours = new Set(trainWordPiece(counts).tokens);
      const all = runs.flatMap((r) => [...r]);
      const everyRun = all.filter((t) => runs.every((r) => r.has(t)));
      assert.ok(everyRun.length > 300, `${everyRun.length} tokens in every run`);
      assert.deepEqual(
        everyRun.filter((t) => !ours.has(t)),
        [],
        "learned by every run of Hugging Face's, not by us",
      );
      assert.deepEqual(
        [...ours].filter((t) => !all.includes(t)),
        [],
        "learned by us, by no run of Hugging Face's",
      );
      const sizes = runs.map((r) => r.size);
      assert.ok(
        ours.size >= Math.min(...sizes) && ours.size <= Math.max(...sizes),
        `${ours.size} vs ${sizes}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// On the fixtures (few repeats, many scripts) most merges are ties, and three runs of Hugging
// Face's trainer share tokens that a fourth order of ties does not give: there the property is
// that ours is no farther from each of its runs than its runs are from each other (twice over).
test("fixtures: as far from Hugging Face's runs as they are from each other", () => {
  const dir = mkdtempSync(join(tmpdir(), "toklab-wordpiece-"));
  try {
    const file = join(dir, "corpus.txt");
    writeFileSync(file, `${[...textFixtures().values()].join("\n")}\n`);
    const runs = Array.from({ length: 10 }, () => new Set(Object.keys(hfVocabulary(file))));
    const counts = new Map<string, number>();
    addWords(counts, bert(), readFileSync(file, "utf8"));
    const ours = new Set(trainWordPiece(counts).tokens);
    const distance = (a: Set<string>, b: Set<string>) =>
      [...a].filter((t) => !b.has(t)).length + [...b].filter((t) => !a.has(t)).length;
    const between = Math.max(
      distance(runs[0], runs[1]),
      distance(runs[1], runs[2]),
      distance(runs[0], runs[2]),
    );
    const fromOurs = Math.max(...runs.map((r) => distance(ours, r)));
    assert.ok(
      fromOurs <= 2 * between + 20,
      `ours is ${fromOurs} tokens from a run; runs are ${between} apart`,
    );
    assert.ok(fromOurs < 0.25 * ours.size, `${fromOurs} of ${ours.size}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("our tokenizer.json encodes the same in the binding and in toklab", async () => {
  const counts = new Map<string, number>();
  const corpus = [...textFixtures().values()].join("\n");
  addWords(counts, bert(), corpus);
  const trained = trainWordPiece(counts, {
    vocabSize: 1500,
    specialTokens: ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"],
  });
  assert.equal(trained.tokens.length, 1500);
  const json = wordPieceTokenizerJson(trained);
  const hf = Tokenizer.fromString(json);
  const ours = loadTokenizerJson(json);
  const texts = [
    ...corpus.split("\n"),
    "Unseen WÖRDS, naïve café [CLS] x [SEP] 東京 🤖 ﬁ",
    "supercalifragilisticexpialidocious".repeat(5),
    ...adversarialStrings(31, 150).map(toWellFormed),
  ];
  for (const t of texts) {
    const theirs = (await hf.encode(t)).getIds();
    assert.deepEqual(ours.encode(t, { allowedSpecial: "all" }), theirs, JSON.stringify(t));
  }
});
