/**
 * Which tokens two vocabularies share: the same bytes, or for special and added tokens the same
 * content. Browser-safe.
 */
import type { TokenInfo, Tokenizer } from "../../core/tokenizer.js";

/** `bytes` as a string key (one char per byte). */
export function bytesKey(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** Lookups of one vocabulary by bytes and by content. */
export class VocabularyIndex {
  /** Ordinary tokens (text form, then byte form) by bytes; WordPiece continuations apart. */
  private readonly textByBytes = new Map<string, number>();
  private readonly byteByBytes = new Map<string, number>();
  /** Special and added tokens by their content (the piece). */
  private readonly byContent = new Map<string, number>();

  constructor(readonly tokenizer: Tokenizer) {
    for (let id = 0; id < tokenizer.vocabSize; id++) {
      const info = tokenizer.token(id);
      if (info === undefined) continue;
      if (info.form === "special" || info.form === "added") {
        if (!this.byContent.has(info.piece)) this.byContent.set(info.piece, id);
        continue;
      }
      const key = ordinaryKey(info);
      const map = info.form === "byte" ? this.byteByBytes : this.textByBytes;
      if (!map.has(key)) map.set(key, id);
    }
  }

  /**
   * The id of this vocabulary's token that stands for the same thing as `info` (a token of
   * another vocabulary), or -1: special and added tokens by content (an added token that is not
   * special also by its bytes among ordinary tokens); ordinary tokens by bytes, preferring the
   * same form (a `<0x41>` byte token matches a `<0x41>`, then an "A").
   */
  match(info: TokenInfo): number {
    if (info.form === "special" || info.form === "added") {
      const id = this.byContent.get(info.piece);
      if (id !== undefined) return id;
      if (info.form === "special") return -1;
      return this.textByBytes.get(`t${bytesKey(info.bytes)}`) ?? -1;
    }
    const key = ordinaryKey(info);
    const [first, second] =
      info.form === "byte" ? [this.byteByBytes, this.textByBytes] : [this.textByBytes, this.byteByBytes];
    return first.get(key) ?? second.get(key) ?? this.byContent.get(info.piece) ?? -1;
  }
}

function ordinaryKey(info: TokenInfo): string {
  return (info.continuation ? "c" : "t") + bytesKey(info.bytes);
}

/**
 * For each id of `to`, the id of the same token in `from`, or -1 (also for holes in `to`).
 *
 * @example
 * ```ts
 * const shared = matchVocabularies(oldTok, newTok);
 * shared[newTok.tokenId("Ġthe")!]; // the old id of " the", or -1
 * ```
 */
export function matchVocabularies(from: Tokenizer | VocabularyIndex, to: Tokenizer): Int32Array {
  const index = from instanceof VocabularyIndex ? from : new VocabularyIndex(from);
  const out = new Int32Array(to.vocabSize).fill(-1);
  for (let id = 0; id < to.vocabSize; id++) {
    const info = to.token(id);
    if (info !== undefined) out[id] = index.match(info);
  }
  return out;
}
