import assert from "node:assert/strict";
import { test } from "node:test";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { assertSameEncoding, pair, sampleTexts } from "../../support/hf/pipeline.js";
import { bertJson, unigramJson, wordLevelJson } from "../../support/hf/tokenizer-jsons.js";

const texts = sampleTexts(10).slice(0, 30);

function settings(): [object | null, object | null][] {
  const out: [object | null, object | null][] = [];
  for (const strategy of ["LongestFirst", "OnlyFirst", "OnlySecond"]) {
    for (const direction of ["Right", "Left"]) {
      for (const [max, stride] of [
        [7, 0],
        [12, 3],
        [3, 0],
        [0, 0],
      ]) {
        out.push([{ direction, max_length: max, strategy, stride }, null]);
      }
    }
  }
  const pad = (strategy: unknown, direction: string, multiple: number | null) => ({
    strategy,
    direction,
    pad_to_multiple_of: multiple,
    pad_id: 0,
    pad_type_id: 5,
    pad_token: "[PAD]",
  });
  out.push([null, pad({ Fixed: 40 }, "Right", null)]);
  out.push([null, pad({ Fixed: 40 }, "Left", null)]);
  out.push([null, pad("BatchLongest", "Right", 8)]);
  out.push([null, pad("BatchLongest", "Left", 5)]);
  out.push([
    { direction: "Left", max_length: 9, strategy: "LongestFirst", stride: 2 },
    pad({ Fixed: 12 }, "Left", null),
  ]);
  out.push([
    { direction: "Right", max_length: 9, strategy: "OnlyFirst", stride: 0 },
    pad({ Fixed: 3 }, "Right", 4),
  ]);
  return out;
}

for (const [name, make] of [
  ["BERT-like", bertJson],
  ["Unigram", () => unigramJson("always")],
  ["WordLevel", wordLevelJson],
] as const) {
  test(`${name}: truncation and padding from tokenizer.json match the binding`, async () => {
    for (const [truncation, padding] of settings()) {
      const { ours, theirs } = pair({ ...make(), truncation, padding });
      for (let i = 0; i < texts.length; i++) {
        const a = texts[i];
        await assertSameEncoding(ours, theirs, a, null, true);
        await assertSameEncoding(ours, theirs, a, null, false);
        if (i % 3 === 0) await assertSameEncoding(ours, theirs, a, texts[(i * 7 + 3) % texts.length], true);
      }
    }
  });
}

test("truncation settings HF's types could not hold are a TypeError, not a silent choice", () => {
  const tok = loadTokenizerJson(bertJson());
  for (const bad of [
    { direction: "up" },
    { strategy: "middle" },
    { maxLength: -1 },
    { maxLength: 2.5 },
    { stride: Number.NaN },
  ]) {
    tok.truncation = {
      maxLength: 4,
      stride: 0,
      strategy: "longest_first",
      direction: "right",
      ...bad,
    } as never;
    assert.throws(() => tok.encodeFull("hello world hello world"), TypeError, JSON.stringify(bad));
  }
  tok.truncation = null;
});
