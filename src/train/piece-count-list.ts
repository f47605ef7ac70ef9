import type { PieceCountSource } from "./types.js";

/**
 * Piece counts as two growing arrays: what the trainer needs of a `Map` (iterate, list the keys,
 * let go), without V8's limit of 2^24 entries per `Map`. Pieces must be distinct: the list does
 * not merge repeats (the counts come merged, e.g. from DuckDB's `GROUP BY piece`).
 *
 * Browser-safe.
 *
 * @example
 * ```ts
 * const list = new PieceCountList();
 * list.push(" the", 41);
 * list.push(" of", 17);
 * trainBpe(list, { vocabSize: 256 + 10 });
 * ```
 */
export class PieceCountList implements PieceCountSource {
  private pieces: string[] = [];
  private counts: number[] = [];

  /** Appends a piece that is not in the list yet, with its count. */
  push(piece: string, count: number): void {
    this.pieces.push(piece);
    this.counts.push(count);
  }

  get size(): number {
    return this.pieces.length;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    const { pieces, counts } = this;
    for (let i = 0; i < pieces.length; i++) yield [pieces[i], counts[i]];
  }

  keys(): IterableIterator<string> {
    return this.pieces[Symbol.iterator]();
  }

  clear(): void {
    this.pieces = [];
    this.counts = [];
  }
}
