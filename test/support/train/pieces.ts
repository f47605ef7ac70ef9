/**
 * Tools of the training-pretokenizer tests: a byte-level BPE tokenizer.json around
 * `hfPreTokenizerFor`'s pre-tokenizer (256 byte tokens, no merges, the special tokens as added
 * tokens), and the pieces an encoding reveals: tokens grouped by word id, mapped back to text
 * through their offsets, special tokens dropped.
 */
import { Tokenizer } from "tokenizers";
import { loadTokenizerJson } from "../../../src/formats/hf/tokenizer-json.js";
import { hfPreTokenizerFor } from "../../../src/train/pieces-hf.js";
import type { PieceConfig } from "../../../src/train/types.js";
import { adversarialStrings, isWellFormed } from "../adversarial.js";
import { byteLevelBpeJson } from "../hf/byte-level.js";

/** tokenizer.json text for `config`: byte-level BPE without merges, its special tokens added. */
export function byteLevelJson(config: PieceConfig): string {
  return byteLevelBpeJson({ preTokenizer: hfPreTokenizerFor(config), specialTokens: config.specialTokens });
}

/** Index of each UTF-16 position in code points (the binding's offset unit). */
function codePointStarts(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; ) {
    out.push(i);
    const c = text.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
  }
  out.push(text.length);
  return out;
}

/**
 * Pieces from an encoding: consecutive non-special tokens with one word id form a piece, whose
 * text runs from the first token's start to the last token's end.
 */
export function piecesOf(
  text: string,
  ids: readonly number[],
  offsets: readonly (readonly number[])[],
  wordIds: readonly (number | null | undefined)[],
  toUtf16: (offset: number) => number = (x) => x,
): string[] {
  const out: string[] = [];
  let word: number | null | undefined = -1;
  let start = -1;
  let end = -1;
  for (let k = 0; k < ids.length; k++) {
    if (ids[k] >= 256) continue;
    if (wordIds[k] !== word || start < 0) {
      if (start >= 0) out.push(text.slice(start, end));
      word = wordIds[k];
      start = toUtf16(offsets[k][0]);
    }
    end = toUtf16(offsets[k][1]);
  }
  if (start >= 0) out.push(text.slice(start, end));
  return out;
}

/** Pieces of `text` as toklab's tokenizer.json loader cuts it. */
export function toklabPieces(json: string): (text: string) => string[] {
  const tok = loadTokenizerJson(json);
  return (text) => {
    const e = tok.encodeFull(text, null, { addSpecialTokens: false });
    return piecesOf(text, e.ids, e.offsets, e.wordIds ?? []);
  };
}

/** Pieces of `text` as the Hugging Face binding cuts it (offsets are code points there). */
export function bindingPieces(json: string): (text: string) => Promise<string[]> {
  const tok = Tokenizer.fromString(json);
  return async (text) => {
    const e = await tok.encode(text, null, { addSpecialTokens: false });
    const cp = codePointStarts(text);
    return piecesOf(text, e.getIds(), e.getOffsets(), e.getWordIds(), (o) => cp[o]);
  };
}

/** Texts where digit policies, whitespace look-ahead and special tokens interact. */
export const HANDMADE: readonly string[] = [
  "",
  "1234567",
  "1234567890 12 123 1234 12345 x1y22z333w4444",
  "Pay 1234567<|endoftext|>1234567 and ١٢٣٤٥ or 𝟏𝟐𝟑𝟒 then ½ ² Ⅻ 3.14159 -42 1,000,000",
  "a  123  b\n\n  456\t\t789   ",
  "  leading and trailing spaces   ",
  "tabs\tand\nnewlines\r\n\r\nhere  \n ",
  "日本語のテキスト123中文字符测试4567한국어",
  "emoji 😀👨‍👩‍👧‍👦 👍🏽 🇫🇷12🏳️‍🌈",
  "<|endoftext|<|endoftext|>|endoftext|><|endoftext|><|endoftext|>",
  "<|fim_prefix|>def f(x):<|fim_suffix|>  return x + 10000<|fim_middle|>",
  "<|endoftext|",
  "I'm sure it's 12345 o'clock, isn't it? We'LL SEE'S",
  "don't DON'T x'ſ",
  "1\n2\n\n3 \n 4",
  "   1",
  "0".repeat(100),
  " ".repeat(17),
];

/** Well-formed test texts: handmade plus adversarial strings (the binding needs valid UTF-8). */
export function pieceTexts(seed: number, count: number): string[] {
  return [...HANDMADE, ...adversarialStrings(seed, count).filter(isWellFormed)];
}
