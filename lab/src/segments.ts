/**
 * Grapheme-aligned segments of an encoding, for display. A token whose text is part of a
 * character (a byte of an emoji, half of a ZWJ sequence, a combining mark cut from its base) is
 * never drawn on its own, which would show "�": it is merged with its neighbours into one span
 * that covers whole grapheme clusters, and the span is marked as split. The text shown is always
 * a slice of the source text, never decoded token bytes.
 */

/** A run of source text and the tokens drawn over it. */
export interface Segment {
  /** UTF-16 range of the source text shown. */
  readonly start: number;
  readonly end: number;
  /** Indices (into the encoding's arrays) of the tokens that stand for this text. */
  readonly tokens: readonly number[];
}

/** Grapheme-cluster boundaries of `text` between `from` and `to` (both included). */
export function graphemeBoundaries(text: string, from: number, to: number): Set<number> {
  const out = new Set<number>([from, to]);
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const s of segmenter.segment(text.slice(from, to))) out.add(from + s.index);
  return out;
}

/**
 * Groups tokens `first..last-1` into segments: consecutive tokens go together while their spans
 * overlap (a character's bytes split between them) or the group does not yet end on a grapheme
 * boundary. Text no token covers (a normalizer's deletion) is a segment with no tokens; a token
 * with an empty span (a template token) is a segment with an empty range.
 *
 * @example
 * // "é" as "e" + U+0301 in two tokens: one segment with both.
 * alignSegments("e\u0301", [0, 1], [1, 2]); // [{ start: 0, end: 2, tokens: [0, 1] }]
 */
export function alignSegments(
  text: string,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  first = 0,
  last = starts.length,
): Segment[] {
  const out: Segment[] = [];
  if (last <= first) return out;
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let i = first; i < last; i++) {
    if (ends[i] > starts[i]) {
      lo = Math.min(lo, starts[i]);
      hi = Math.max(hi, ends[i]);
    }
  }
  const boundaries = lo < hi ? graphemeBoundaries(text, lo, hi) : new Set<number>();
  let group: { start: number; end: number; tokens: number[] } | null = null;
  let covered = lo < hi ? lo : 0;
  const close = () => {
    if (group !== null) {
      out.push(group);
      covered = Math.max(covered, group.end);
    }
    group = null;
  };
  for (let i = first; i < last; i++) {
    const s = starts[i];
    const e = ends[i];
    if (e <= s) {
      // A token with no text of its own: inside an open group it stays there (a character
      // cannot be split around it), else a segment of its own.
      if (group !== null && !boundaries.has(group.end)) group.tokens.push(i);
      else {
        close();
        out.push({ start: covered, end: covered, tokens: [i] });
      }
      continue;
    }
    if (group !== null && (s < group.end || !boundaries.has(group.end))) {
      group.end = Math.max(group.end, e);
      group.tokens.push(i);
      continue;
    }
    close();
    if (s > covered) out.push({ start: covered, end: s, tokens: [] });
    group = { start: s, end: e, tokens: [i] };
  }
  close();
  return out;
}
