import type { WordList } from "./merge-state.js";
import type { TokenTable } from "./token-table.js";
import type { BaseKind, PieceCountSource } from "./types.js";

const utf8 = new TextEncoder();

/**
 * Turns piece counts into the merge loop's words: each piece as base-token ids.
 *
 * Byte base: one token per UTF-8 byte. Character base: one token per character of the alphabet,
 * and a character outside it as its UTF-8 bytes in byte-fallback tokens (which never merge).
 * Pieces with no pair (one symbol) are left out: they cannot change any count. Pieces whose bytes
 * have no token (a byte missing from a `seen` alphabet cannot happen; kept defensive) are split
 * there.
 */
export function buildWords(
  counts: PieceCountSource,
  tokens: TokenTable,
  base: BaseKind,
  byteIds: Int32Array,
): WordList {
  let symbols = new Int32Array(1 << 16);
  const starts: number[] = [0];
  const weights: number[] = [];
  let n = 0;
  const buf = new Uint8Array(4);
  for (const [piece, count] of counts) {
    if (count <= 0) continue;
    const need = n + piece.length * 3;
    if (need > symbols.length) {
      const s = new Int32Array(Math.max(need, symbols.length * 2));
      s.set(symbols.subarray(0, n));
      symbols = s;
    }
    const start = n;
    if (base === "byte") {
      const bytes = utf8.encode(piece);
      for (let i = 0; i < bytes.length; i++) symbols[n++] = byteIds[bytes[i]];
    } else {
      for (const c of piece) {
        const { written } = utf8.encodeInto(c, buf);
        const id = tokens.find(buf.subarray(0, written));
        if (id >= 0 && tokens.mergeable[id]) symbols[n++] = id;
        else for (let i = 0; i < written; i++) symbols[n++] = byteIds[buf[i]];
      }
    }
    if (n - start < 2) {
      n = start;
      continue;
    }
    starts.push(n);
    weights.push(count);
  }
  return {
    symbols: symbols.slice(0, n),
    starts: Int32Array.from(starts),
    weights: Float64Array.from(weights),
  };
}
