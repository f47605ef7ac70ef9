import type { RankTable } from "../core/types.js";
import { decodeBase64 } from "../formats/base64.js";

/**
 * The stored form of a run of consecutive ranks, as written by `scripts/gen-encodings.ts` into
 * `src/encodings/data/*.ts` (see docs/decisions/0004-encoding-data.md).
 *
 * Two base64 strings rather than one string per token: a JS engine parses a single long string
 * literal almost for free, and decoding it is one tight loop into one `Uint8Array`, so loading
 * never allocates a string or an object per token.
 */
export interface RankChunk {
  /** Rank of the first token in this chunk. */
  readonly firstRank: number;
  /** Number of ranks covered, holes included. */
  readonly size: number;
  /** Total bytes of the tokens (the decoded length of `blob`). */
  readonly byteLength: number;
  /** Base64 of one byte per rank: the token's length in bytes; 0 marks a rank without a token. */
  readonly lengths: string;
  /** Base64 of the tokens' bytes concatenated in rank order. */
  readonly blob: string;
}

/**
 * Decodes consecutive chunks (the first starting at rank 0) into one {@link RankTable}.
 *
 * Throws if the chunks are not contiguous or disagree with their declared sizes, so a corrupt or
 * mismatched data module fails at load time rather than producing wrong tokens.
 *
 * @example
 * const ranks = decodeRankChunks([await import("./data/r50k_base.js")]);
 * ranks.offsets.length - 1; // 50256
 */
export function decodeRankChunks(chunks: readonly RankChunk[]): RankTable {
  let size = 0;
  let byteLength = 0;
  for (const chunk of chunks) {
    if (chunk.firstRank !== size) {
      throw new Error(`rank data: chunk starts at rank ${chunk.firstRank}, expected ${size}`);
    }
    size += chunk.size;
    byteLength += chunk.byteLength;
  }
  const offsets = new Uint32Array(size + 1);
  // With a single chunk the decoded blob is the table's blob: no copy.
  const blob = chunks.length === 1 ? decodeBase64(chunks[0].blob) : new Uint8Array(byteLength);
  let rank = 0;
  let pos = 0;
  for (const chunk of chunks) {
    const lengths = decodeBase64(chunk.lengths);
    if (lengths.length !== chunk.size) {
      throw new Error(`rank data: ${lengths.length} lengths for ${chunk.size} ranks`);
    }
    const chunkStart = pos;
    for (let i = 0; i < lengths.length; i++) {
      pos += lengths[i];
      offsets[++rank] = pos;
    }
    if (pos - chunkStart !== chunk.byteLength) {
      throw new Error(`rank data: lengths sum to ${pos - chunkStart} bytes, expected ${chunk.byteLength}`);
    }
    if (chunks.length > 1) {
      const bytes = decodeBase64(chunk.blob);
      if (bytes.length !== chunk.byteLength) {
        throw new Error(`rank data: blob has ${bytes.length} bytes, expected ${chunk.byteLength}`);
      }
      blob.set(bytes, chunkStart);
    }
  }
  if (blob.length !== byteLength) {
    throw new Error(`rank data: blob has ${blob.length} bytes, expected ${byteLength}`);
  }
  return { blob, offsets };
}
