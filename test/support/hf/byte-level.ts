/**
 * GPT-2's byte-level alphabet, written out here independently of src/ from the published rule
 * (`bytes_to_unicode`: printable Latin-1 bytes stand for themselves, the others take U+0100,
 * U+0101, ... in byte order), and the byte-level BPE tokenizer.json the tests build on it.
 */
import { tokenizerJsonWith } from "./tokenizer-json.js";

/** Byte `b`'s character in the byte-level alphabet. */
export const BYTE_CHARS: readonly string[] = (() => {
  const chars: string[] = new Array(256);
  let next = 0x100;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    chars[b] = String.fromCharCode(printable ? b : next++);
  }
  return chars;
})();

/** `text`'s UTF-8 bytes spelled in the byte-level alphabet (what ByteLevel pre-tokenization yields). */
export function toByteLevel(text: string): string {
  let s = "";
  for (const b of new TextEncoder().encode(text)) s += BYTE_CHARS[b];
  return s;
}

/** The byte-level spelling of a byte string. */
export function bl(...bytes: number[]): string {
  return bytes.map((b) => BYTE_CHARS[b]).join("");
}

/** HF's ByteLevel pre-tokenizer / decoder object with its usual settings (GPT-2's regex on). */
export const BYTE_LEVEL = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };

/** Options of {@link byteLevelBpeJson}. */
export interface ByteLevelBpeOptions {
  /** The `pre_tokenizer` (default: {@link BYTE_LEVEL}). */
  readonly preTokenizer?: unknown;
  /** Tokens after the 256 byte tokens, with ids 256, 257, ... in this order. */
  readonly tokens?: readonly string[];
  /** Merges, as pairs or as `"a b"` strings. */
  readonly merges?: readonly (readonly [string, string])[] | readonly string[];
  /** Special added tokens, with the ids after `tokens`. */
  readonly specialTokens?: readonly string[];
  readonly ignoreMerges?: boolean;
}

/**
 * tokenizer.json text of a byte-level BPE: byte `b` is token `b` (spelled in the byte-level
 * alphabet), then `tokens`, then `specialTokens` as special added tokens; ByteLevel decoder.
 */
export function byteLevelBpeJson(options: ByteLevelBpeOptions = {}): string {
  const { preTokenizer = BYTE_LEVEL, tokens = [], merges = [], specialTokens = [] } = options;
  const vocab: Record<string, number> = {};
  BYTE_CHARS.forEach((ch, b) => {
    vocab[ch] = b;
  });
  tokens.forEach((t, i) => {
    vocab[t] = 256 + i;
  });
  return tokenizerJsonWith({
    added_tokens: specialTokens.map((content, i) => ({
      id: 256 + tokens.length + i,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    pre_tokenizer: preTokenizer,
    decoder: BYTE_LEVEL,
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: options.ignoreMerges ?? false,
      vocab,
      merges,
    },
  });
}

/** A tiny byte-level BPE (259 tokens: the bytes, then `Ġt`, `he`, `Ġthe`), for tests that need a file. */
export function tinyByteLevelTokenizerJson(): string {
  return byteLevelBpeJson({ tokens: ["Ġt", "he", "Ġthe"], merges: ["Ġ t", "h e", "Ġt he"] });
}
