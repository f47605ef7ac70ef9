/**
 * Tiny tokenizers whose every output can be worked out by hand, for the metric tests.
 */
import { Encoding } from "../../../src/core/encoding.js";
import type { Tokenizer } from "../../../src/core/tokenizer.js";
import type { RankTable } from "../../../src/core/types.js";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";

/** Builds a rank table from token byte strings, ranks in order. */
function rankTable(tokens: Uint8Array[]): RankTable {
  const offsets = new Uint32Array(tokens.length + 1);
  let n = 0;
  tokens.forEach((t, i) => {
    offsets[i] = n;
    n += t.length;
  });
  offsets[tokens.length] = n;
  const blob = new Uint8Array(n);
  tokens.forEach((t, i) => {
    blob.set(t, offsets[i]);
  });
  return { blob, offsets };
}

const bytes = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * The 256 bytes, then `at` (256), ` c` (257), ` s` (258), `th` (259), `the` (260), ` cat` (261);
 * pieces are ` ?\S+|\s+`. So "the cat sat" → the | ␠cat | ␠s at.
 */
export function toyTokenizer(): Tokenizer {
  const merged = ["at", " c", " s", "th", "the", " cat"].map(utf8);
  const enc = new Encoding({
    name: "toy",
    pattern: " ?\\S+|\\s+",
    ranks: rankTable([...bytes, ...merged]),
    specialTokens: { "<|end|>": 262 },
  });
  return enc;
}

/** The same pieces with only the 256 byte tokens: one token per byte (a baseline). */
export function byteTokenizer(): Tokenizer {
  return new Encoding({ name: "bytes", pattern: " ?\\S+|\\s+", ranks: rankTable(bytes), specialTokens: {} });
}

/** A whitespace-split word-level HF tokenizer over `words`, with `[UNK]` as id 0. */
export function wordLevelTokenizer(words: string[]): Tokenizer {
  const vocab: Record<string, number> = { "[UNK]": 0 };
  for (const w of words) vocab[w] = Object.keys(vocab).length;
  const json = {
    version: "1.0",
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: { type: "WhitespaceSplit" },
    post_processor: null,
    decoder: null,
    model: { type: "WordLevel", vocab, unk_token: "[UNK]" },
  };
  return loadTokenizerJson(json, { name: "words" });
}
