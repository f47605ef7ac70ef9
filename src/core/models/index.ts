/**
 * Hugging Face word models (HF's `Model` trait): BPE, WordPiece, WordLevel and Unigram. Each turns one
 * pre-tokenized word into tokens, exactly as the Hugging Face Rust library does.
 */

export { BPE, type BpeOptions } from "./bpe.js";
export { BpeMergeError, type MergeInput } from "./bpe-merge-list.js";
export { LlamaSpm, type LlamaSpmOptions } from "./llama-spm.js";
export { CodeUnitTrie } from "./trie.js";
export type { ModelToken, TokenSink, WordModel } from "./types.js";
export { UNK_PENALTY, Unigram, type UnigramOptions } from "./unigram.js";
export { TokenVocab, type VocabInput } from "./vocab.js";
export { WordLevel, type WordLevelOptions } from "./wordlevel.js";
export { WordPiece, type WordPieceOptions } from "./wordpiece.js";
