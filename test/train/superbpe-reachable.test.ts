import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { auditVocabulary } from "../../src/analyze/index.js";
import { loadTokenizerJson } from "../../src/formats/hf/tokenizer-json.js";
import { trainedTokenizerJson } from "../../src/formats/trained/tokenizer-json.js";
import { defaultPreTokenizer } from "../../src/node/train-output.js";
import { pieceSplitter } from "../../src/train/pieces.js";
import { superbpeStage1PieceConfig, superwordPieceConfig, trainSuperBpe } from "../../src/train/superbpe.js";
import type { PieceConfig, TrainedBpe } from "../../src/train/types.js";
import { countPieces, generateText } from "../support/train/superbpe.js";

/**
 * Issue 18: every token a SuperBPE run learns must be one its written tokenizer can produce. The
 * check is the vocabulary audit's `pretokenizer_unreachable` (tokens whose text the tokenizer's
 * own pre-tokenizer cuts into several pieces), run on the tokenizer.json the CLI would write.
 */

// Generated English with numbers, plus what word-level presets glue to digits or split
// differently: a space before a year, long digit runs, contractions, non-ASCII digits and
// numerals, digits inside words.
const EXTRA = [
  "In 2011 and 2012, it's 1234567 or 12345678 items; we'd say ٣٤٥٦ and ½ of x2 by the way.",
  "Call 5550123 at 10:30, room 4B, 1999 to 2024: don't stop 100000 times.",
];
const DOCS = [...generateText(3, 600).split("\n\n"), ...EXTRA, ...EXTRA, ...EXTRA];

function train(stage1: PieceConfig): TrainedBpe {
  const stage2 = { ...superwordPieceConfig(), lowercase: stage1.lowercase };
  return trainSuperBpe(countPieces(DOCS, pieceSplitter(stage1)), countPieces(DOCS, pieceSplitter(stage2)), {
    vocabSize: 256 + 500,
    transition: 256 + 300,
    stage1Pieces: stage1,
    pieces: stage2,
  });
}

function unreachable(trained: TrainedBpe): { count: number; examples: string[] } {
  const json = trainedTokenizerJson(trained, { preTokenizer: defaultPreTokenizer(trained) });
  const audit = auditVocabulary(loadTokenizerJson(json), { examples: 5 });
  return {
    count: audit.pretokenizer_unreachable,
    examples: audit.examples.pretokenizer_unreachable.map((e) => e.text),
  };
}

describe("every SuperBPE token is reachable through the written tokenizer", () => {
  const configs: PieceConfig[] = [
    { preset: "gpt2", numbers: "none", specialTokens: [] },
    { preset: "cl100k", numbers: "none", specialTokens: [] },
    { preset: "o200k", numbers: "rtl3", specialTokens: [] },
    { preset: "qwen2", numbers: "single", specialTokens: [] },
    { preset: "gpt2", numbers: "ltr3", specialTokens: [] },
    { preset: "script", numbers: "none", specialTokens: [] },
    // KL3M's uncased tokenizers lowercase before cutting.
    { preset: "gpt2", numbers: "none", specialTokens: [], lowercase: true },
  ];
  for (const config of configs) {
    test(`stage 1 ${JSON.stringify(config)}: the audit counts 0 unreachable tokens`, () => {
      const { count, examples } = unreachable(train(superbpeStage1PieceConfig(config)));
      assert.equal(count, 0, `unreachable: ${JSON.stringify(examples)}`);
    });
  }

  test("the check can fail: stage 1 cut by plain GPT-2 pieces learns unreachable tokens", () => {
    const { count, examples } = unreachable(train({ preset: "gpt2", numbers: "none", specialTokens: [] }));
    assert.ok(count > 0, "plain GPT-2 stage-1 pieces should teach tokens such as ' 2011'");
    assert.ok(
      examples.some((t) => /\d/.test(t)),
      `examples: ${JSON.stringify(examples)}`,
    );
  });

  test("stage-1 pieces lie inside stage-2 pieces", () => {
    const config = superbpeStage1PieceConfig({ preset: "o200k", numbers: "none", specialTokens: [] });
    assert.deepEqual(pieceSplitter(config)("In 2011, it's 1234567."), [
      "In",
      " ",
      "2",
      "011",
      ",",
      " it's",
      " ",
      "1",
      "234",
      "567",
      ".",
    ]);
  });
});
