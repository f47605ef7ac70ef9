/**
 * Words as the fertility metrics count them: the word-like segments of Unicode word
 * segmentation (UAX #29, through `Intl.Segmenter`). Punctuation and whitespace segments are not
 * words; a run of CJK ideographs is split by the engine's dictionary (ICU), not by spaces.
 */

/** A word: `text.slice(start, end)`, in UTF-16 units. */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

/**
 * The word-like segments of `text`, in order.
 *
 * @param locale BCP 47 tag for language-specific rules; default: the root locale ("und"), so
 *   results do not depend on the machine's settings.
 * @example
 * wordSpans("Hello, world!"); // [{ start: 0, end: 5 }, { start: 7, end: 12 }]
 */
export function wordSpans(text: string, locale = "und"): WordSpan[] {
  const bounds = wordBounds(text, locale);
  const out: WordSpan[] = [];
  for (let i = 0; i < bounds.length; i += 2) out.push({ start: bounds[i], end: bounds[i + 1] });
  return out;
}

/**
 * The same words as {@link wordSpans}, flat: word `k` is `text.slice(b[2k], b[2k + 1])`. One typed
 * array instead of an object per word, so a corpus can be segmented once and the result shared
 * by every tokenizer measured on it.
 *
 * @example
 * wordBounds("Hello, world!"); // Int32Array [0, 5, 7, 12]
 */
export function wordBounds(text: string, locale = "und"): Int32Array {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(locale, segmenter);
  }
  let out = new Int32Array(64);
  let n = 0;
  // V8's segmenter slows down quadratically with the length of the string it is given (200 KB:
  // 9 s; per unit, 256-unit chunks run 1.5× faster than 2,048-unit ones), so segment chunks of
  // about CHUNK units cut where UAX #29 always breaks anyway.
  for (let from = 0; from < text.length; ) {
    const to = chunkEnd(text, from);
    for (const s of segmenter.segment(text.slice(from, to))) {
      if (!s.isWordLike) continue;
      if (n + 2 > out.length) {
        const grown = new Int32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = from + s.index;
      out[n++] = from + s.index + s.segment.length;
    }
    from = to;
  }
  return out.slice(0, n);
}

const CHUNK = 256;
/** The longest chunk without a line feed or space: where a word may be cut (kept as it was). */
const MAX_CHUNK = 16384;

/**
 * Where to end the chunk starting at `from`: after a line feed (a word boundary on both sides,
 * rules WB3a/WB3b), else before a space (no rule joins a character to a following space, so
 * only whitespace segments could change, and they are not words), else, in a very long run
 * without either (unspaced CJK on one line), at a character boundary: the one place a word may be
 * cut in two.
 */
function chunkEnd(text: string, from: number): number {
  if (text.length - from <= CHUNK) return text.length;
  const nl = text.lastIndexOf("\n", from + CHUNK);
  if (nl > from) return nl + 1;
  const sp = text.lastIndexOf(" ", from + CHUNK);
  if (sp > from) return sp;
  const limit = Math.min(text.length, from + MAX_CHUNK);
  for (let i = from + CHUNK; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return i + 1;
    if (c === 0x20) return i;
  }
  if (limit === text.length) return limit;
  // Do not split a surrogate pair.
  return (text.charCodeAt(limit) & 0xfc00) === 0xdc00 ? limit - 1 : limit;
}
