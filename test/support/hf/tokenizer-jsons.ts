/**
 * tokenizer.json files built for the pipeline tests, shaped like real ones (BERT, T5/ALBERT, a
 * WordLevel one), with vocabularies drawn from the text fixtures.
 */
import { seededRandom } from "../../../src/core/random.js";
import { bpeModel, r50kBpe } from "./bpe.js";
import { added, fixtureWords } from "./pipeline.js";

const PUNCT = [..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"];

/** A BERT-like WordPiece tokenizer (uncased), with `[MASK]` stripping spaces like RoBERTa's. */
export function bertJson(): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  const add = (t: string) => {
    if (!(t in vocab)) vocab[t] = Object.keys(vocab).length;
  };
  for (const t of ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]) add(t);
  const words = fixtureWords().map((w) => w.normalize("NFD").replace(/\p{Mn}/gu, ""));
  for (const p of PUNCT) add(p);
  for (const w of words) {
    for (const ch of w) {
      add(ch);
      add(`##${ch}`);
    }
  }
  words.forEach((w, i) => {
    if (i % 3 !== 2) add(w);
    // Cut by code points: slicing UTF-16 would split astral characters into lone surrogates,
    // which the Rust JSON parser rejects.
    const cps = [...w];
    if (cps.length > 4) {
      add(cps.slice(0, 3).join(""));
      add(`##${cps.slice(3).join("")}`);
      add(`##${cps.slice(-2).join("")}`);
    }
  });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      added(0, "[PAD]", { special: true }),
      added(1, "[UNK]", { special: true }),
      added(2, "[CLS]", { special: true }),
      added(3, "[SEP]", { special: true }),
      added(4, "[MASK]", { special: true, lstrip: true }),
      added(9000, "<user>", { normalized: true }),
      added(9001, "Hello World", { normalized: true }),
      added(9002, "ell", { single_word: true }),
      added(9003, "{{", { rstrip: true }),
    ],
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: {
        "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] },
        "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] },
      },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

/** A T5/ALBERT-like Unigram tokenizer with Metaspace; `scheme` "first" is ALBERT-like. */
export function unigramJson(scheme: "always" | "first" = "always"): Record<string, unknown> {
  const rand = seededRandom(11);
  const pieces: [string, number][] = [
    ["<pad>", 0],
    ["</s>", 0],
    ["<unk>", 0],
  ];
  const seen = new Set(pieces.map((p) => p[0]));
  const push = (p: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    pieces.push([p, -Math.round((2 + rand() * 10 + p.length * 0.3) * 4) / 4]);
  };
  push("▁");
  for (const w of fixtureWords()) {
    for (const ch of w) push(ch);
    push(`▁${w}`);
    const cps = [...w]; // by code points, never splitting a surrogate pair
    if (cps.length > 3) {
      push(cps.slice(1).join(""));
      push(`▁${cps.slice(0, 2).join("")}`);
      push(cps.slice(-3).join(""));
    }
  }
  for (const p of PUNCT) push(p);
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      added(0, "<pad>", { special: true }),
      added(1, "</s>", { special: true }),
      added(2, "<unk>", { special: true }),
      added(9, "[MASK]", { special: true, lstrip: true, rstrip: false, normalized: false }),
      added(10, "<extra_id_0>", { special: true }),
    ],
    normalizer: {
      type: "Sequence",
      normalizers: [{ type: "NFKC" }, { type: "Replace", pattern: { Regex: " {2,}" }, content: " " }],
    },
    pre_tokenizer: { type: "Metaspace", replacement: "▁", prepend_scheme: scheme, split: true },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "</s>", type_id: 0 } }],
      pair: [
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "</s>", type_id: 0 } },
        { Sequence: { id: "B", type_id: 0 } },
        { SpecialToken: { id: "</s>", type_id: 0 } },
      ],
      special_tokens: { "</s>": { id: "</s>", ids: [1], tokens: ["</s>"] } },
    },
    decoder: { type: "Metaspace", replacement: "▁", prepend_scheme: scheme, split: true },
    model: { type: "Unigram", unk_id: 2, vocab: pieces, byte_fallback: false },
  };
}

/** A WordLevel tokenizer (lowercase, Whitespace) with BertProcessing and no decoder. */
export function wordLevelJson(): Record<string, unknown> {
  const vocab: Record<string, number> = { "[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "[PAD]": 3 };
  for (const w of fixtureWords()) if (!(w in vocab)) vocab[w] = Object.keys(vocab).length;
  for (const p of PUNCT) if (!(p in vocab)) vocab[p] = Object.keys(vocab).length;
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      added(1, "[CLS]", { special: true }),
      added(2, "[SEP]", { special: true }),
      added(3, "[PAD]", { special: true }),
      added(77, "new_token", { normalized: true }),
    ],
    normalizer: { type: "Lowercase" },
    pre_tokenizer: { type: "Whitespace" },
    post_processor: { type: "BertProcessing", sep: ["[SEP]", 2], cls: ["[CLS]", 1] },
    decoder: null,
    model: { type: "WordLevel", vocab, unk_token: "[UNK]" },
  };
}

const CL100K =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** GPT-2's tokenizer.json shape. */
export function gpt2Json(): Record<string, unknown> {
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [added(50256, "<|endoftext|>", { special: true })],
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: bpeModel(r50kBpe()),
  };
}

/** Llama 3's tokenizer.json shape (Split + ByteLevel without regex, BOS template), on r50k. */
export function llama3LikeJson(): Record<string, unknown> {
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      added(50257, "<|begin_of_text|>", { special: true }),
      added(50258, "<|eot_id|>", { special: true }),
      added(50259, "<|reserved_special_token_0|>", { special: true }),
    ],
    normalizer: null,
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: CL100K }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: "Sequence",
      processors: [
        { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
        {
          type: "TemplateProcessing",
          single: [
            { SpecialToken: { id: "<|begin_of_text|>", type_id: 0 } },
            { Sequence: { id: "A", type_id: 0 } },
          ],
          pair: [
            { SpecialToken: { id: "<|begin_of_text|>", type_id: 0 } },
            { Sequence: { id: "A", type_id: 0 } },
            { SpecialToken: { id: "<|begin_of_text|>", type_id: 1 } },
            { Sequence: { id: "B", type_id: 1 } },
          ],
          special_tokens: {
            "<|begin_of_text|>": { id: "<|begin_of_text|>", ids: [50257], tokens: ["<|begin_of_text|>"] },
          },
        },
      ],
    },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: bpeModel(r50kBpe(), { ignore_merges: true }),
  };
}
