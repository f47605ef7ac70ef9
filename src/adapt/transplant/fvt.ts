/**
 * Fast Vocabulary Transfer (Gee et al., "Fast Vocabulary Transfer for Language Model
 * Compression", EMNLP 2022 industry track): a new token's embedding is the mean of the old
 * embeddings of the old tokenizer's tokens for the new token's text. Browser-safe.
 */
import { BytePairMerger } from "../../core/bpe.js";
import { Encoding } from "../../core/encoding.js";
import { ORDINARY, type Tokenizer } from "../../core/tokenizer.js";
import { bytesKey } from "./match.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * How the old tokenizer spells byte strings, for FVT.
 *
 * 1. Valid UTF-8: the old tokenizer's ordinary encoding of the text (special-token text is
 *    ordinary text), kept when its bytes are exactly the token's bytes; for a text that starts
 *    with a space, also the encoding of the text without it (a tokenizer that prepends a space,
 *    SentencePiece's dummy prefix, spells " the" so).
 * 2. Otherwise (not UTF-8, or the old pipeline changed the text: SentencePiece's dummy "▁"
 *    prefix, a lowercasing normalizer): a tiktoken-style byte-level BPE merges the raw bytes
 *    as one piece by its own ranks; any other vocabulary gives the fewest old tokens whose
 *    bytes concatenate to the token's bytes (ties: the longest first token), which reaches
 *    `<0xNN>` byte-fallback tokens for bytes nothing else covers.
 *
 * Returns null when no old tokens spell the bytes.
 *
 * @example
 * ```ts
 * const spelling = new OldSpelling(llama2);
 * spelling.spell(new TextEncoder().encode(" xyzz")); // llama2.encode("xyzz"): ▁x y zz
 * ```
 */
export class OldSpelling {
  private readonly byBytes = new Map<string, number>();
  private readonly maxLength: number;
  private readonly merger: BytePairMerger | null;

  constructor(readonly old: Tokenizer) {
    let max = 0;
    for (let id = 0; id < old.vocabSize; id++) {
      const info = old.token(id);
      if (info === undefined || info.form === "special" || info.continuation || info.bytes.length === 0)
        continue;
      const key = bytesKey(info.bytes);
      // Ordinary text tokens first: a byte token only where no text token has its bytes.
      const had = this.byBytes.get(key);
      if (had === undefined || (old.token(had)?.form !== "text" && info.form === "text"))
        this.byBytes.set(key, id);
      if (info.bytes.length > max) max = info.bytes.length;
    }
    this.maxLength = max;
    this.merger = old instanceof Encoding ? new BytePairMerger(old.vocab) : null;
  }

  /** The old ids spelling `bytes` (see the class comment), or null. */
  spell(bytes: Uint8Array): number[] | null {
    if (bytes.length === 0) return null;
    let text: string | null = null;
    try {
      text = utf8.decode(bytes);
    } catch {
      text = null;
    }
    if (text !== null) {
      // A tokenizer that prepends a space (SentencePiece's dummy prefix) spells " the" as the
      // text "the": its own encoding of the word as it appears after a space.
      for (const candidate of text.startsWith(" ") ? [text, text.slice(1)] : [text]) {
        try {
          const ids = this.old.encode(candidate, ORDINARY);
          if (ids.length > 0 && sameBytes(this.old.decodeBytes(ids), bytes)) return ids;
        } catch {
          // Falls through to the byte-level spelling.
        }
      }
    }
    if (this.merger !== null) {
      const n = this.merger.encodePiece(bytes, bytes.length);
      return Array.from(this.merger.out.subarray(0, n));
    }
    return this.fewestTokens(bytes);
  }

  /** The fewest old tokens concatenating to `bytes` (dynamic programming over end positions). */
  private fewestTokens(bytes: Uint8Array): number[] | null {
    const n = bytes.length;
    const best = new Int32Array(n + 1).fill(0x7fffffff);
    const choice = new Int32Array(n + 1).fill(-1);
    const length = new Int32Array(n + 1);
    best[n] = 0;
    // Backwards, so that among equally short spellings the longest first token wins.
    for (let i = n - 1; i >= 0; i--) {
      let key = "";
      for (let j = i; j < Math.min(n, i + this.maxLength); j++) {
        key += String.fromCharCode(bytes[j]);
        const id = this.byBytes.get(key);
        if (id === undefined || best[j + 1] === 0x7fffffff) continue;
        if (best[j + 1] + 1 <= best[i]) {
          best[i] = best[j + 1] + 1;
          choice[i] = id;
          length[i] = j + 1 - i;
        }
      }
    }
    if (best[0] === 0x7fffffff) return null;
    const ids: number[] = [];
    for (let i = 0; i < n; i += length[i]) ids.push(choice[i]);
    return ids;
  }
}
