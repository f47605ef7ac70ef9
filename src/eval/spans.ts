/**
 * Token ids of a text together with the part of the text each token stands for, so that
 * metrics can attribute tokens to words and characters to unknown tokens.
 */
import type { Encoding } from "../core/encoding.js";
import type { EvalTokenizer } from "./subject.js";
import { isPairAt } from "./text.js";

/**
 * Token `i` covers `text.slice(starts[i], ends[i])` (UTF-16 units). Spans are "overlap" spans:
 * a character whose UTF-8 bytes are split across several tokens belongs to each of them, so
 * neighbouring spans may share that character.
 */
export interface TokenSpans {
  readonly ids: number[];
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * Encodes `text` (ordinary text, no template) and returns the tokens with their spans, or
 * `null` when the tokenizer exposes neither a tiktoken {@link Encoding} nor an HF tokenizer.
 *
 * Hugging Face tokenizers are encoded without their configured truncation and padding: a
 * metric is about the whole text, not about what fits a model's window.
 *
 * @example
 * const s = tokenSpans(evalTokenizerFromEncoding(await getEncoding("cl100k_base")), "hi there");
 * s.ids.length; // 2; s.starts = [0, 2]; s.ends = [2, 8]
 */
export function tokenSpans(tok: EvalTokenizer, text: string): TokenSpans | null {
  if (tok.encoding !== undefined) return tiktokenSpans(tok.encoding, tok.encode(text), text);
  if (tok.hf !== undefined) {
    const hf = tok.hf;
    const { truncation, padding } = hf;
    hf.truncation = null;
    hf.padding = null;
    try {
      const e = hf.encode(text, null, { addSpecialTokens: false });
      const starts = new Int32Array(e.ids.length);
      const ends = new Int32Array(e.ids.length);
      for (let i = 0; i < e.ids.length; i++) {
        starts[i] = e.offsets[i][0];
        ends[i] = e.offsets[i][1];
      }
      return { ids: e.ids, starts, ends };
    } finally {
      hf.truncation = truncation;
      hf.padding = padding;
    }
  }
  return null;
}

const byteLengthCache = new WeakMap<Encoding, Int32Array>();

/** Byte length of token `id` of `enc`, memoised per encoding (ids repeat a lot in a corpus). */
export function tokenByteLength(enc: Encoding, id: number): number {
  let lengths = byteLengthCache.get(enc);
  if (lengths === undefined) {
    lengths = new Int32Array(enc.nVocab + 1).fill(-1);
    byteLengthCache.set(enc, lengths);
  }
  if (id >= 0 && id < lengths.length) {
    if (lengths[id] < 0) lengths[id] = enc.tokenBytes(id).length;
    return lengths[id];
  }
  return enc.tokenBytes(id).length;
}

/** UTF-8 length of the character at `i` (a lone surrogate is U+FFFD, 3 bytes, as tiktoken). */
function charBytes(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  return isPairAt(text, i) ? 4 : 3;
}

/**
 * Spans of a tiktoken encoding. Its tokens' bytes concatenate to the UTF-8 of the text exactly,
 * so walking the token byte lengths alongside the characters gives exact spans.
 */
function tiktokenSpans(enc: Encoding, ids: number[], text: string): TokenSpans {
  const starts = new Int32Array(ids.length);
  const ends = new Int32Array(ids.length);
  let ci = 0; // UTF-16 index of the character holding byte `pos`
  let cByte = 0; // byte offset where that character starts
  let pos = 0;
  for (let t = 0; t < ids.length; t++) {
    while (ci < text.length && cByte + charBytes(text, ci) <= pos) {
      cByte += charBytes(text, ci);
      ci += isPairAt(text, ci) ? 2 : 1;
    }
    starts[t] = ci;
    const last = pos + tokenByteLength(enc, ids[t]) - 1;
    while (ci < text.length && cByte + charBytes(text, ci) <= last) {
      cByte += charBytes(text, ci);
      ci += isPairAt(text, ci) ? 2 : 1;
    }
    ends[t] = Math.min(text.length, ci + (isPairAt(text, ci) ? 2 : 1));
    pos = last + 1;
  }
  return { ids, starts, ends };
}
