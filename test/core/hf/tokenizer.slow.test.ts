import { test } from "node:test";
import { assertSameDecode, assertSameEncoding, pair, sampleTexts } from "../../support/hf/pipeline.js";
import { bertJson, unigramJson, wordLevelJson } from "../../support/hf/tokenizer-jsons.js";

const LOOKALIKES = [
  "[CLS] hello [SEP] world [SEP]",
  "a[MASK]b   [MASK]  c [MASK][MASK]",
  "[mask] [MASK [MASK]] [[MASK]]",
  "<user> <USER> < user> <user>x",
  "hello world HELLO WORLD Hello  World",
  "ell hell ell_ (ell) ell.ell éell ell",
  "{{  x }} {{\n\ty {{",
  "<pad></s><unk>[MASK] x  [MASK]y <extra_id_0><extra_id_0>",
  "   [MASK]   ",
  "new_token NEW_TOKEN new_tokens",
];

const cases = [
  ["BERT-like WordPiece", bertJson()],
  ["T5-like Unigram + Metaspace", unigramJson("always")],
  ["ALBERT-like Unigram, prepend first", unigramJson("first")],
  ["WordLevel + Whitespace", wordLevelJson()],
] as const;

for (const [name, json] of cases) {
  test(`${name}: encode, pairs and decode match the binding`, async () => {
    const { ours, theirs } = pair(json);
    const texts = [...LOOKALIKES, ...sampleTexts(80)];
    for (const text of texts) {
      await assertSameEncoding(ours, theirs, text, null, false);
      await assertSameEncoding(ours, theirs, text, null, true);
    }
    for (let i = 0; i + 1 < texts.length; i += 7) {
      await assertSameEncoding(ours, theirs, texts[i], texts[i + 1], true);
    }
    for (const text of texts.slice(0, 40)) {
      const ids = (await theirs.encode(text)).getIds();
      await assertSameDecode(ours, theirs, ids);
    }
    await assertSameDecode(ours, theirs, [0, 1, 2, 3, 4, 5, 9000, 9001, 9002, 123456]);
  });
}
