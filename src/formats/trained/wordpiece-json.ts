/**
 * A trained WordPiece vocabulary as tokenizer.json, with BERT's pipeline as Hugging Face's
 * WordPiece examples build it: BertNormalizer (clean text, Chinese characters spaced,
 * lower-cased, accents stripped), BertPreTokenizer (whitespace and punctuation), the WordPiece
 * model and decoder. Special tokens are added tokens.
 */
import type { TrainedWordPiece } from "../../train/wordpiece/trainer.js";

/** The normalizer and pre-tokenizer the trainer counts words with, as tokenizer.json parts. */
export function bertPipelineJson(lowercase = true): { normalizer: object; pre_tokenizer: object } {
  return {
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
  };
}

/**
 * The tokenizer.json text of a trained WordPiece vocabulary; `unk` must be one of its tokens.
 *
 * @example
 * ```ts
 * writeFileSync("tokenizer.json", wordPieceTokenizerJson(trainWordPiece(counts, { specialTokens: ["[UNK]"] })));
 * ```
 */
export function wordPieceTokenizerJson(
  trained: TrainedWordPiece,
  options: { readonly unk?: string; readonly lowercase?: boolean } = {},
): string {
  const unk = options.unk ?? "[UNK]";
  if (!trained.tokens.includes(unk)) {
    throw new Error(
      `the unknown token ${JSON.stringify(unk)} is not in the vocabulary (give it as a special token)`,
    );
  }
  const vocab: Record<string, number> = {};
  trained.tokens.forEach((t, id) => {
    vocab[t] = id;
  });
  const json = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: trained.specialTokens.map((content) => ({
      id: trained.tokens.indexOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    ...bertPipelineJson(options.lowercase ?? true),
    post_processor: null,
    decoder: { type: "WordPiece", prefix: trained.prefix, cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: unk,
      continuing_subword_prefix: trained.prefix,
      max_input_chars_per_word: 100,
      vocab,
    },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
