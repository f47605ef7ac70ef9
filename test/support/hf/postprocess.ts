/**
 * Shared helpers of the post-processor differential tests. The binding encodes each sequence
 * alone with a tokenizer that has no post-processor (optionally truncating, which produces
 * overflowing parts); those encodings are the input of both sides: ours through
 * `postProcess`, HF's through `Tokenizer.postProcess` of a tokenizer that has the processor.
 */
import type { Encoding } from "tokenizers";
import { Tokenizer } from "tokenizers";
import type { HfEncoding } from "../../../src/core/hf-postprocess/index.js";
import { tokenizerJsonWith } from "./tokenizer-json.js";

/** Code-point index → UTF-16 index of `text`, and back. */
export function unitMaps(text: string): { toUnits: number[]; toPoints: Map<number, number> } {
  const toUnits: number[] = [];
  const toPoints = new Map<number, number>();
  let u = 0;
  let p = 0;
  for (const ch of text) {
    toUnits.push(u);
    toPoints.set(u, p);
    u += ch.length;
    p++;
  }
  toUnits.push(u);
  toPoints.set(u, p);
  return { toUnits, toPoints };
}

/** A binding Encoding as our record, offsets converted to UTF-16 units of `text`. */
export function fromBinding(e: Encoding, text: string): HfEncoding {
  const { toUnits } = unitMaps(text);
  const record: HfEncoding = {
    ids: e.getIds(),
    typeIds: e.getTypeIds(),
    tokens: e.getTokens(),
    offsets: e.getOffsets().map(([s, t]) => [toUnits[s], toUnits[t]] as [number, number]),
    specialTokensMask: e.getSpecialTokensMask(),
    attentionMask: e.getAttentionMask(),
    sequenceIds: e.getSequenceIds().map((s) => s ?? null),
    wordIds: e.getWordIds().map((w) => w ?? null),
  };
  const over = e.getOverflowing();
  if (over.length > 0) record.overflowing = over.map((o) => fromBinding(o, text));
  return record;
}

/** A binding Encoding in plain form (offsets in code points), recursively. */
export function plain(e: Encoding): HfEncoding {
  const record: HfEncoding = {
    ids: e.getIds(),
    typeIds: e.getTypeIds(),
    tokens: e.getTokens(),
    offsets: e.getOffsets() as [number, number][],
    specialTokensMask: e.getSpecialTokensMask(),
    attentionMask: e.getAttentionMask(),
    sequenceIds: e.getSequenceIds().map((s) => s ?? null),
    wordIds: e.getWordIds().map((w) => w ?? null),
  };
  const over = e.getOverflowing();
  if (over.length > 0) record.overflowing = over.map(plain);
  return record;
}

/**
 * Our record with offsets converted back to code points: a token of sequence 1 indexes `b`,
 * any other token `a` (special tokens are (0, 0) either way).
 */
export function toPoints(e: HfEncoding, a: string, b: string | null): HfEncoding {
  const ma = unitMaps(a).toPoints;
  const mb = b === null ? ma : unitMaps(b).toPoints;
  const conv = (m: Map<number, number>, u: number) => {
    const p = m.get(u);
    if (p === undefined) throw new Error(`offset ${u} is not a code-point boundary`);
    return p;
  };
  const out: HfEncoding = {
    ...e,
    offsets: e.offsets.map(([s, t], i) => {
      const m = e.sequenceIds[i] === 1 ? mb : ma;
      return [conv(m, s), conv(m, t)] as [number, number];
    }),
  };
  if (e.overflowing !== undefined) out.overflowing = e.overflowing.map((o) => toPoints(o, a, b));
  return out;
}

export interface Parts {
  preTokenizer: unknown;
  vocab: readonly string[];
  postProcessor?: unknown;
  truncation?: unknown;
  addedTokens?: unknown[];
}

/** A tokenizer.json with a WordLevel model over `vocab` (unknown token first). */
export function tokenizerJson(parts: Parts): string {
  const vocab: Record<string, number> = {};
  parts.vocab.forEach((t, i) => {
    vocab[t] = i;
  });
  return tokenizerJsonWith({
    truncation: parts.truncation ?? null,
    added_tokens: parts.addedTokens ?? [],
    pre_tokenizer: parts.preTokenizer,
    post_processor: parts.postProcessor ?? null,
    model: { type: "WordLevel", vocab, unk_token: parts.vocab[0] },
  });
}

export function tokenizer(parts: Parts): Tokenizer {
  return Tokenizer.fromString(tokenizerJson(parts));
}

/** Random text of vocabulary words, unknown words and runs of spaces. */
export function randomText(rand: () => number, words: readonly string[], maxWords = 6): string {
  const n = Math.floor(rand() * (maxWords + 1));
  let s = rand() < 0.2 ? " " : "";
  for (let i = 0; i < n; i++) {
    s += rand() < 0.85 ? words[Math.floor(rand() * words.length)] : "zz";
    const r = rand();
    s += r < 0.7 ? " " : r < 0.85 ? "   " : r < 0.95 ? "\n" : "";
  }
  return s;
}
