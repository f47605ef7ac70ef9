import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { postProcess } from "../../../src/core/hf-postprocess/index.js";
import { seededRandom } from "../../../src/core/random.js";
import { postProcessorFromJson } from "../../../src/formats/hf/postprocessors.js";
import { fromBinding, plain, randomText, tokenizer, toPoints } from "../../support/hf/postprocess.js";

const WS = { type: "WhitespaceSplit" };
const WS_WORDS = ["hello", "world", "foo", "bar", "é", "中文", "[CLS]", "<s>"];
const WS_VOCAB = ["[UNK]", ...WS_WORDS, "[SEP]", "</s>", "😀", "a😀b"];

const BL = (addPrefixSpace: boolean) => ({
  type: "ByteLevel",
  add_prefix_space: addPrefixSpace,
  trim_offsets: true,
  use_regex: true,
});
/** Byte-level spellings of words, with and without their space, and runs of spaces/newlines. */
const BL_VOCAB = [
  "<unk>",
  ...["hello", "world", "foo", "bar", "Ã©", "ä¸ŃæĸĩĠ", "ðŁĺĢ"].flatMap((w) => [w, `Ġ${w}`]),
  "Ġ",
  "ĠĠ",
  "ĠĠĠ",
  "ĠĠĠĠ",
  "Ċ",
  "ĠĊ",
  "ĊĠ",
  "ĊĊ",
  "ĠĠĊ",
];
const BL_WORDS = ["hello", "world", "foo", "bar", "é", "中文", "😀"];

const cls = ["[CLS]", 101];
const sep = ["[SEP]", 102];
const special = (id: string, ids: number[], tokens = ids.map((_, i) => `${id}${i}`)) => ({ id, ids, tokens });
const seq = (id: "A" | "B", type_id = 0) => ({ Sequence: { id, type_id } });
const sp = (id: string, type_id = 0) => ({ SpecialToken: { id, type_id } });

const BERT_TEMPLATE = {
  type: "TemplateProcessing",
  single: [sp("[CLS]"), seq("A"), sp("[SEP]")],
  pair: [sp("[CLS]"), seq("A"), sp("[SEP]"), seq("B", 1), sp("[SEP]", 1)],
  special_tokens: {
    "[CLS]": special("[CLS]", [101], ["[CLS]"]),
    "[SEP]": special("[SEP]", [102], ["[SEP]"]),
  },
};
const LLAMA3_TEMPLATE = {
  type: "TemplateProcessing",
  single: [sp("<|begin_of_text|>"), seq("A")],
  pair: [sp("<|begin_of_text|>"), seq("A"), sp("<|begin_of_text|>", 1), seq("B", 1)],
  special_tokens: { "<|begin_of_text|>": special("<|begin_of_text|>", [128000], ["<|begin_of_text|>"]) },
};
const ODD_TEMPLATE = {
  type: "TemplateProcessing",
  single: [seq("A", 3), sp("multi", 2), seq("A", 1), sp("unused")],
  pair: [seq("B", 0), sp("multi", 1), seq("A", 7), seq("B", 2)],
  special_tokens: { multi: special("multi", [5, 6, 7]), unused: special("other-name", []) },
};
const NO_B_TEMPLATE = {
  type: "TemplateProcessing",
  single: [seq("A")],
  pair: [sp("x"), seq("A", 1)],
  special_tokens: { x: special("x", [9]) },
};

interface Config {
  name: string;
  preTokenizer: unknown;
  vocab: readonly string[];
  words: readonly string[];
  processor: unknown;
  /**
   * Whether our offsets can be mapped back to code points through `sequenceIds`; not when HF's
   * sequence ids are themselves odd (then the texts stay in the BMP, where units = points).
   */
  bmpOnly?: boolean;
}

const CONFIGS: Config[] = [
  { name: "no post-processor", preTokenizer: WS, vocab: WS_VOCAB, words: WS_WORDS, processor: null },
  {
    name: "BertProcessing",
    preTokenizer: WS,
    vocab: WS_VOCAB,
    words: WS_WORDS,
    processor: { type: "BertProcessing", sep, cls },
  },
  {
    name: "TemplateProcessing (BERT)",
    preTokenizer: WS,
    vocab: WS_VOCAB,
    words: WS_WORDS,
    processor: BERT_TEMPLATE,
  },
  {
    name: "TemplateProcessing (Llama 3)",
    preTokenizer: WS,
    vocab: WS_VOCAB,
    words: WS_WORDS,
    processor: LLAMA3_TEMPLATE,
  },
  {
    name: "TemplateProcessing (repeats, multi-id, type ids)",
    preTokenizer: WS,
    vocab: WS_VOCAB,
    words: WS_WORDS,
    processor: ODD_TEMPLATE,
    bmpOnly: true,
  },
  {
    name: "TemplateProcessing (pair without $B)",
    preTokenizer: WS,
    vocab: WS_VOCAB,
    words: WS_WORDS,
    processor: NO_B_TEMPLATE,
  },
  ...[true, false].flatMap((aps) =>
    [true, false].flatMap((trim) => [
      {
        name: `ByteLevel (add_prefix_space ${aps}, trim_offsets ${trim})`,
        preTokenizer: BL(aps),
        vocab: BL_VOCAB,
        words: BL_WORDS,
        processor: { type: "ByteLevel", add_prefix_space: aps, trim_offsets: trim, use_regex: true },
      },
      {
        name: `RobertaProcessing (add_prefix_space ${aps}, trim_offsets ${trim})`,
        preTokenizer: BL(aps),
        vocab: BL_VOCAB,
        words: BL_WORDS,
        processor: {
          type: "RobertaProcessing",
          sep: ["</s>", 2],
          cls: ["<s>", 0],
          trim_offsets: trim,
          add_prefix_space: aps,
        },
      },
    ]),
  ),
  {
    name: "Sequence [ByteLevel, TemplateProcessing] (Llama 3)",
    preTokenizer: BL(false),
    vocab: BL_VOCAB,
    words: BL_WORDS,
    processor: {
      type: "Sequence",
      processors: [
        { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
        LLAMA3_TEMPLATE,
      ],
    },
  },
  {
    name: "Sequence [TemplateProcessing, BertProcessing] (Bert sees one encoding per piece)",
    preTokenizer: WS,
    vocab: WS_VOCAB,
    words: WS_WORDS,
    processor: { type: "Sequence", processors: [BERT_TEMPLATE, { type: "BertProcessing", sep, cls }] },
    bmpOnly: true,
  },
  {
    name: "Sequence [RobertaProcessing, ByteLevel, Roberta-as-Bert]",
    preTokenizer: BL(true),
    vocab: BL_VOCAB,
    words: BL_WORDS,
    processor: {
      type: "Sequence",
      processors: [
        {
          type: "RobertaProcessing",
          sep: ["</s>", 2],
          cls: ["<s>", 0],
          trim_offsets: true,
          add_prefix_space: true,
        },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true },
        { type: "BertProcessing", sep, cls, trim_offsets: false, add_prefix_space: false },
      ],
    },
    bmpOnly: true,
  },
];

describe("post-processors match the Hugging Face binding", () => {
  for (const config of CONFIGS) {
    test(config.name, async () => {
      const ours = postProcessorFromJson(config.processor);
      const parts = { preTokenizer: config.preTokenizer, vocab: config.vocab };
      const raw = tokenizer(parts);
      const withProcessor = tokenizer({ ...parts, postProcessor: config.processor });
      const truncating = [1, 2, 3].map((max) =>
        tokenizer({
          ...parts,
          truncation: {
            direction: "Right",
            max_length: max,
            strategy: "LongestFirst",
            stride: max > 1 ? 1 : 0,
          },
        }),
      );
      const rand = seededRandom(config.name.length * 7919);
      const words = config.bmpOnly
        ? config.words.filter((w) => !/[\u{10000}-\u{10ffff}]/u.test(w))
        : config.words;
      for (let i = 0; i < 150; i++) {
        const a = randomText(rand, words);
        const b = rand() < 0.5 ? null : randomText(rand, words);
        const add = rand() < 0.7;
        const truncate = rand() < 0.25;
        const source = truncate ? truncating[Math.floor(rand() * truncating.length)] : raw;
        const encA = await source.encode(a, null, { addSpecialTokens: false });
        const encB = b === null ? null : await source.encode(b, null, { addSpecialTokens: false });
        const what = `${JSON.stringify(a)} + ${JSON.stringify(b)}, add ${add}, truncate ${truncate}`;

        const result = postProcess(
          ours,
          fromBinding(encA, a),
          encB === null ? null : fromBinding(encB, b!),
          add,
        );
        // BMP-only texts: UTF-16 units are code points already.
        const mine = config.bmpOnly ? result : toPoints(result, a, b);
        assert.deepEqual(mine, plain(withProcessor.postProcess(encA, encB, add)), what);
        if (!truncate && config.processor !== null) {
          const full = await withProcessor.encode(a, b, { addSpecialTokens: add });
          assert.deepEqual(mine, plain(full), `encode: ${what}`);
        }
      }
    });
  }
});
