/**
 * Byte-level BPE tokenizers (GPT-2 and a Llama-3-like layout) built from tiktoken's r50k data,
 * end to end against the binding.
 */
import { test } from "node:test";
import { assertSameDecode, assertSameEncoding, pair, sampleTexts } from "../../support/hf/pipeline.js";
import { gpt2Json, llama3LikeJson } from "../../support/hf/tokenizer-jsons.js";

const SPECIAL_TEXTS = [
  "<|endoftext|>Hello<|endoftext|> <|endoftext|>",
  "<|begin_of_text|>Hi<|eot_id|><|eot_id|x <|reserved_special_token_0|>",
  "<|endoftext|",
  "  spaces  before<|endoftext|>and after  ",
];

for (const [name, make] of [
  ["GPT-2 (ByteLevel)", gpt2Json],
  ["Llama-3-like (Split + ByteLevel)", llama3LikeJson],
] as const) {
  test(`${name}: encode, pairs and decode match the binding`, async () => {
    const { ours, theirs } = pair(make());
    const texts = [...SPECIAL_TEXTS, ...sampleTexts(60)];
    for (const text of texts) {
      await assertSameEncoding(ours, theirs, text, null, false);
      await assertSameEncoding(ours, theirs, text, null, true);
    }
    for (let i = 0; i + 1 < texts.length; i += 9)
      await assertSameEncoding(ours, theirs, texts[i], texts[i + 1]);
    for (const text of texts.slice(0, 30)) {
      await assertSameDecode(ours, theirs, (await theirs.encode(text)).getIds());
    }
    await assertSameDecode(ours, theirs, [50256, 15496, 50257, 50258, 99999, 256, 257]);
  });
}
