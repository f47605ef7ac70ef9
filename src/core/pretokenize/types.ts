/**
 * A pretokenizer splits text into pieces before the model sees it. toklab's
 * pretokenizers are *scanners*: given the start of a piece they return its end.
 * Pieces tile the text (every supported pattern matches every character), so a
 * caller walks a segment with `pos = next(text, pos, end)` until `pos === end`.
 *
 * `end` is the end of the segment being split, not necessarily of `text`:
 * tiktoken splits text at special tokens first and runs the pattern on each
 * segment on its own, so look-ahead (`\s+(?!\S)`) must stop at `end`.
 *
 * Positions are UTF-16 code unit indices. A scanner never returns a position
 * that splits a surrogate pair, and always makes progress (`next(...) > pos`).
 */
export type PieceScanner = (text: string, pos: number, end: number) => number;

/** A named pretokenizer: the tiktoken-style regular expression it implements and its scanner. */
export interface Pretokenizer {
  /** Short name, e.g. `"o200k"`. */
  readonly name: string;
  /** The pattern in tiktoken's (Rust `fancy-regex`) syntax that this pretokenizer reproduces. */
  readonly pattern: string;
  /** Returns the end of the piece that starts at `pos` (see {@link PieceScanner}). */
  readonly next: PieceScanner;
  /**
   * True when cutting the text at a line cut (see line-cuts.ts: a line feed between two
   * non-space characters) never changes its pieces, so parts can be encoded separately, e.g.
   * in parallel. Absent: unknown, so never cut.
   */
  readonly lineCuts?: boolean;
}

/**
 * Splits `text[start, end)` into pieces and returns them as strings.
 * Convenience for tests and tools; hot paths call `next` directly.
 */
export function splitPieces(p: Pretokenizer, text: string, start = 0, end = text.length): string[] {
  const out: string[] = [];
  let pos = start;
  while (pos < end) {
    const e = p.next(text, pos, end);
    out.push(text.slice(pos, e));
    pos = e;
  }
  return out;
}
